package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
)

// runMode is the imperative shell of run mode: it prepares DIR/steps, takes the liveness lock and
// hands the run logic (stepRun) the real seams.
func runMode(cfg runConfig) int {
	// Signals are caught before anything else, so that a SIGTERM during the wait is handled
	// instead of killing the entrypoint without a marker.
	trace.on = traceRequested()
	sigs := make(chan os.Signal, 16)
	signal.Notify(sigs, forwardedSignals...)
	reaper := startReaper()

	dir, err := resolveDir(cfg.Dir)
	if err != nil {
		logf("%v", err)
		return 1
	}
	stepsDir := filepath.Join(dir, stepsDirName)
	if err := ensureStepsDir(stepsDir); err != nil {
		logf("cannot create the marker directory: %v", err)
		return 1
	}
	if err := removeStaleMarker(stepsDir, cfg.Step); err != nil {
		logf("cannot remove the marker of an earlier run: %v", err)
	}
	if err := holdLiveness(stepsDir, cfg.Step); err != nil {
		logf("cannot lock %s (steps waiting for this one will not notice if it is killed): %v", livenessName(cfg.Step), err)
	}

	s := &stepRun{
		plan:    cfg,
		deps:    markerDirWaiter{stepsDir: stepsDir, deathIsFinal: cfg.deathIsFinal(), polling: polling{force: cfg.ForcePoll, interval: cfg.PollInterval}},
		command: commandRunner{reaper: reaper},
		outcome: outcomeFiles{stepsDir: stepsDir, step: cfg.Step, terminationLog: cfg.TerminationLog, durable: cfg.markerMustSurviveCrash()},
		results: resultsDir{dir: dir, step: cfg.Step},
		hold:    newHoldFiles(dir, cfg.Step),
		clock:   systemClock{},
		signals: sigs,
		logf:    logf,
		pod:     podName(),
	}
	code := s.run()
	trace.flush(os.Stderr, cfg.Step)
	return code
}

// podName is the Pod's name as the kubelet sets it in $HOSTNAME, for the message that tells how
// to end a hold.
func podName() string {
	if h := os.Getenv("HOSTNAME"); h != "" {
		return h
	}
	return "POD"
}

// resolveDir finds DIR, which holds steps/ and results/: --dir, or where the binary was copied to.
func resolveDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	self, err := executablePath()
	if err != nil {
		return "", fmt.Errorf("cannot find the running binary, pass --dir: %v", err)
	}
	return filepath.Dir(self), nil
}

// recordUsageFailure records a failed step after a wrong invocation when the step is known and its
// marker directory already exists, so that dependants skip instead of waiting forever.
func recordUsageFailure(cfg runConfig, cause error) {
	if cfg.Step == "" {
		return
	}
	dir, err := resolveDir(cfg.Dir)
	if err != nil {
		return
	}
	stepsDir := filepath.Join(dir, stepsDirName)
	if st, err := os.Stat(stepsDir); err != nil || !st.IsDir() {
		return
	}
	s := &stepRun{
		plan:    cfg,
		outcome: outcomeFiles{stepsDir: stepsDir, step: cfg.Step, terminationLog: cfg.TerminationLog, durable: cfg.markerMustSurviveCrash()},
		clock:   systemClock{},
		logf:    logf,
	}
	s.finish(usageFailure(cfg.Step, cause, s.clock.Now()))
}
