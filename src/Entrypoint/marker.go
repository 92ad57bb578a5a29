package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Markers live in DIR/steps, one NAME.json per finished step.
const stepsDirName = "steps"

// draftsDirName is DIR/steps/.drafts, where markers are written before they are renamed into
// DIR/steps. Every waiting step watches DIR/steps, so each file created or closed there wakes all
// of them; a draft written in the subdirectory, which no one watches, wakes them once, for the
// rename, instead of three times.
const draftsDirName = ".drafts"

func markerName(step string) string { return step + ".json" }

func markerPath(stepsDir, step string) string {
	return filepath.Join(stepsDir, markerName(step))
}

// stepFromMarkerName inverts markerName, rejecting temporary files and anything else in the directory.
func stepFromMarkerName(name string) (string, bool) {
	return stepWithSuffix(name, ".json")
}

// stepOfFile names the step whose marker or lock file this is: the files whose events a waiter reads.
func stepOfFile(name string) (string, bool) {
	if step, ok := stepFromMarkerName(name); ok {
		return step, true
	}
	return stepWithSuffix(name, ".lock")
}

func stepWithSuffix(name, ext string) (string, bool) {
	if len(name) <= len(ext) || name[len(name)-len(ext):] != ext {
		return "", false
	}
	step := name[:len(name)-len(ext)]
	if validateStepName(step) != nil {
		return "", false
	}
	return step, true
}

// writeMarker publishes data under its final name only once it is complete: readers never see a
// partial marker, because they only look at final names. With durable, it is also on disk before
// the rename, and the rename itself is synced before the process goes on, so the marker survives
// a node crash.
func writeMarker(stepsDir, step string, data []byte, durable bool) error {
	drafts := filepath.Join(stepsDir, draftsDirName)
	if st, err := os.Stat(drafts); err != nil || !st.IsDir() {
		drafts = stepsDir // a directory made by hand, or by an older copy step
	}
	if err := writeFileVia(drafts, markerPath(stepsDir, step), data, durable); err != nil {
		return err
	}
	trace.mark(phaseMarkerPublic)
	if durable {
		// Dependants see the rename at once; syncing the directory afterwards costs the hand-off nothing.
		syncDir(stepsDir)
		trace.mark(phaseMarkerSynced)
	}
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		syncFile(d)
		d.Close()
	}
}

// syncFile is (*os.File).Sync; a test counts the calls.
var syncFile = (*os.File).Sync

// removeStaleMarker deletes a marker left by an earlier run of this container, so that dependants
// wait for this run instead of trusting the old outcome.
func removeStaleMarker(stepsDir, step string) error {
	err := os.Remove(markerPath(stepsDir, step))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

var errMarkerMissing = errors.New("marker does not exist")

// readMarker returns errMarkerMissing when there is no marker yet, and another error when a file
// exists but is not a marker (a hand-written or truncated file).
func readMarker(stepsDir, step string) (Result, error) {
	data, err := os.ReadFile(markerPath(stepsDir, step))
	if errors.Is(err, fs.ErrNotExist) {
		return Result{}, errMarkerMissing
	}
	if err != nil {
		return Result{}, err
	}
	var r Result
	if err := json.Unmarshal(data, &r); err != nil {
		return Result{}, fmt.Errorf("%s is not valid JSON: %v", markerPath(stepsDir, step), err)
	}
	if r.State == "" {
		return Result{}, fmt.Errorf("%s has no state", markerPath(stepsDir, step))
	}
	return r, nil
}

// ensureStepsDir creates the marker directory when the copy step did not (tests, manual runs).
func ensureStepsDir(stepsDir string) error {
	st, err := os.Stat(stepsDir)
	if err == nil {
		if !st.IsDir() {
			return fmt.Errorf("%s exists and is not a directory", stepsDir)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(stepsDir), 0o755); err != nil {
		return err
	}
	return makeStepsDir(stepsDir)
}

// makeStepsDir creates DIR/steps and its drafts directory: steps running as different users must
// all be able to add markers, but none may delete another's.
func makeStepsDir(stepsDir string) error {
	if err := makeSharedDir(stepsDir); err != nil {
		return err
	}
	return makeSharedDir(filepath.Join(stepsDir, draftsDirName))
}
