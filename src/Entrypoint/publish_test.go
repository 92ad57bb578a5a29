package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestOutcomeFilesWriteTheMarkerAndTheTerminationMessage(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "termination-log")
	if err := os.WriteFile(log, []byte("an older and longer message from an earlier run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := outcomeFiles{stepsDir: dir, step: "build", terminationLog: log}
	r := Result{Step: "build", State: StateFailed, ExitCode: intPtr(3), StartedAt: t0s, FinishedAt: t0s, Message: "exited with code 3"}

	if err := out.WriteMarker(r); err != nil {
		t.Fatal(err)
	}
	if err := out.WriteTerminationMessage(report{Result: r}.terminationMessage(4096)); err != nil {
		t.Fatal(err)
	}
	if got, err := readMarker(dir, "build"); err != nil || !reflect.DeepEqual(got, r) {
		t.Fatalf("marker %+v, %v", got, err)
	}
	if got, _ := os.ReadFile(log); string(got) != string(report{Result: r}.terminationMessage(4096)) {
		t.Fatalf("termination log %q, want only %q", got, report{Result: r}.terminationMessage(4096))
	}
}

func TestOutcomeFilesReportWriteFailures(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone")
	out := outcomeFiles{stepsDir: missing, step: "build", terminationLog: filepath.Join(missing, "log")}
	if err := out.WriteMarker(Result{Step: "build", State: StateSucceeded}); err == nil {
		t.Error("marker written into a missing directory")
	}
	if err := out.WriteTerminationMessage([]byte("x\n")); err == nil {
		t.Error("termination message written into a missing directory")
	}
}

func TestCommandRunnerReportsAMissingCommand(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := (commandRunner{}).Start([]string{"no-such-command"}, nil); err != errNotFound {
		t.Fatalf("err = %v, want errNotFound", err)
	}
}

// A marker that must survive a node crash is fsynced (the file before its rename, then the
// directory); with restartPolicy Never nothing is, because nothing reads it after a crash.
func TestMarkerIsSyncedOnlyWhenItMustSurviveACrash(t *testing.T) {
	defer func(real func(*os.File) error) { syncFile = real }(syncFile)
	for _, c := range []struct {
		policy string
		syncs  int
	}{{restartNever, 0}, {restartOnFailure, 2}, {restartAlways, 2}} {
		var synced []string
		syncFile = func(f *os.File) error {
			synced = append(synced, filepath.Base(f.Name()))
			return f.Sync()
		}
		dir := t.TempDir()
		cfg := runConfig{Step: "build", RestartPolicy: c.policy}
		out := outcomeFiles{stepsDir: dir, step: "build", durable: cfg.markerMustSurviveCrash()}
		if err := out.WriteMarker(Result{Step: "build", State: StateSucceeded}); err != nil {
			t.Fatal(err)
		}
		if len(synced) != c.syncs {
			t.Errorf("restartPolicy %s: synced %q, want %d syncs", c.policy, synced, c.syncs)
		}
		if got, err := readMarker(dir, "build"); err != nil || got.State != StateSucceeded {
			t.Errorf("restartPolicy %s: marker %+v, %v", c.policy, got, err)
		}
	}
}
