package main

import "os"

// outcomeFiles is the real OutcomeWriter: the marker in DIR/steps and the container's termination log.
type outcomeFiles struct {
	stepsDir       string
	step           string
	terminationLog string
	durable        bool // the marker is fsynced (runConfig.markerMustSurviveCrash)
}

func (o outcomeFiles) WriteMarker(r Result) error {
	return writeMarker(o.stepsDir, o.step, r.encode(), o.durable)
}

func (o outcomeFiles) WriteTerminationMessage(line []byte) error {
	f, err := os.OpenFile(o.terminationLog, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(line)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
