package main

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"time"
)

func withDebug(cfg runConfig, timeout time.Duration) runConfig {
	cfg.Debug, cfg.DebugTimeout = debugOnFailure, timeout
	return cfg
}

const holdLog = `step "deploy" failed (exit 3); held for debugging until 2026-11-23T09:01:22Z. ` +
	`End it with: kubectl exec pipeline-x7k2p -c deploy -- /kueueleuleu/entrypoint release`

// The hold keeps the outcome back until it ends, however it ends, and then publishes exactly what
// it would have published without the hold.
func TestHoldEnds(t *testing.T) {
	cases := []struct {
		name  string
		end   func(t *testing.T, f *stepRunFakes, timeout *fakeTimer)
		ended string
	}{
		{
			name:  "by the release file",
			end:   func(t *testing.T, f *stepRunFakes, _ *fakeTimer) { close(f.hold.release) },
			ended: `step "deploy": hold ended by the release file`,
		},
		{
			name:  "by the debug timeout",
			end:   func(t *testing.T, f *stepRunFakes, timeout *fakeTimer) { timeout.fire() },
			ended: `step "deploy": hold ended after --debug-timeout=1h0m0s`,
		},
		{
			name:  "by SIGTERM",
			end:   func(t *testing.T, f *stepRunFakes, _ *fakeTimer) { f.send(t, syscall.SIGTERM) },
			ended: `step "deploy": hold ended by SIGTERM`,
		},
		{
			name:  "by SIGINT",
			end:   func(t *testing.T, f *stepRunFakes, _ *fakeTimer) { f.send(t, syscall.SIGINT) },
			ended: `step "deploy": hold ended by SIGINT`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newStepRunFakes()
			f.proc.exit(exitedWith(3))
			done := f.start(withDebug(deployPlan(), time.Hour))

			held := f.hold.awaitHold(t)
			if want := (heldStep{Step: "deploy", ExitCode: 3, Until: "2026-11-23T09:01:22Z"}); held != want {
				t.Fatalf("held %+v, want %+v", held, want)
			}
			timeout := f.clock.nextTimer(t, time.Hour)
			f.send(t, syscall.SIGHUP) // ignored: nothing to forward it to
			if len(f.outcome.markers) != 0 {
				t.Fatalf("the marker was written during the hold: %s", encodeAll(f.outcome.markers))
			}
			c.end(t, f, timeout)

			if code := exitCodeOf(t, done); code != 3 {
				t.Fatalf("exit code %d, want 3 as without the hold", code)
			}
			if want := []string{"held", "hold ended", "marker", "termination message"}; !reflect.DeepEqual(f.outcome.events, want) {
				t.Fatalf("events %q, want %q", f.outcome.events, want)
			}
			if want := ran(StateFailed, 3, "exited with code 3"); !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
				t.Fatalf("markers %s\nwant %s", encodeAll(f.outcome.markers), want.encode())
			}
			wantLog := []string{
				holdLog,
				"ignoring SIGHUP: the step is held for debugging and its command has ended",
				c.ended,
				`step "deploy" failed: exited with code 3`,
			}
			if got := f.log.all(); !reflect.DeepEqual(got, wantLog) {
				t.Fatalf("log %q\nwant %q", got, wantLog)
			}
			expectStopped(t, timeout)
		})
	}
}

func TestHoldOnlyAfterAFinalFailure(t *testing.T) {
	cases := []struct {
		name  string
		plan  runConfig
		exit  syscall.WaitStatus
		deps  map[string]State
		holds bool
	}{
		{name: "failed", plan: deployPlan(), exit: exitedWith(3), holds: true},
		{name: "continued", plan: withOnError(deployPlan(), onErrorContinue), exit: exitedWith(3), holds: true},
		{name: "succeeded", plan: deployPlan(), exit: exitedWith(0)},
		{name: "skipped", plan: deployPlan("build"), deps: map[string]State{"build": StateFailed}},
		{name: "condition-false", plan: func() runConfig { p := deployPlan("build"); p.When = whenOnFailure; return p }(),
			deps: map[string]State{"build": StateSucceeded}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newStepRunFakes()
			f.waiter.markers = marked(c.deps)
			f.proc.exit(c.exit)
			close(f.hold.release) // a hold, if any, ends at once
			f.runToEnd(t, withDebug(c.plan, time.Hour))
			held := len(f.outcome.events) > 0 && f.outcome.events[0] == "held"
			if held != c.holds {
				t.Fatalf("held: %v, want %v (events %q)", held, c.holds, f.outcome.events)
			}
		})
	}
}

func TestHoldAfterATimeoutAndAfterTheLastRetry(t *testing.T) {
	f := newStepRunFakes()
	procs, starts := attemptsOf(f, 2)
	done := f.start(withDebug(withRetries(withTimeout(deployPlan(), 30*time.Second, 0), 1, time.Second), time.Minute))
	awaitStart(t, starts)
	procs[0].exit(exitedWith(1))
	f.clock.nextTimer(t, 30*time.Second) // attempt 1's timeout, not reached
	f.clock.nextTimer(t, time.Second).fire()
	awaitStart(t, starts)
	f.clock.nextTimer(t, 30*time.Second).fire()
	procs[1].exit(killedBy(syscall.SIGKILL))

	held := f.hold.awaitHold(t)
	if held.ExitCode != 137 {
		t.Fatalf("held %+v", held)
	}
	f.clock.nextTimer(t, time.Minute).fire()
	if code := exitCodeOf(t, done); code != 124 {
		t.Fatalf("exit code %d, want 124", code)
	}
	if r := f.outcome.markers[0]; r.State != StateTimedOut {
		t.Fatalf("marker %s", r.encode())
	}
	if len(f.runner.started) != 2 {
		t.Fatalf("%d attempts: the hold must wait for the last one", len(f.runner.started))
	}
}

func TestHoldFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(releasePath(dir, "build"), nil, 0o644) // from an earlier run
	h := newHoldFiles(dir, "build")
	if err := h.Begin(heldStep{Step: "build", ExitCode: 3, Until: "2026-11-23T09:01:22Z"}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(heldPath(dir, "build"))
	if err != nil || string(data) != `{"step":"build","exitCode":3,"until":"2026-11-23T09:01:22Z"}`+"\n" {
		t.Fatalf("%s: %q, %v", heldPath(dir, "build"), data, err)
	}
	if st, _ := os.Stat(heldPath(dir, "build")); st.Mode() != 0o644 {
		t.Fatalf("mode %v", st.Mode())
	}
	select {
	case <-h.Released():
		t.Fatal("a stale release file ended the hold")
	default:
	}
	if err := os.WriteFile(releasePath(dir, "build"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-h.Released():
	case <-time.After(hangGuard):
		t.Fatal("the release file was not noticed")
	}
	if err := h.End(); err != nil {
		t.Fatal(err)
	}
	if exists(heldPath(dir, "build")) || exists(releasePath(dir, "build")) {
		t.Fatal("hold files left behind")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left behind: %v", entries)
	}
}

func TestHoldFilesReportAnUnwritableDirectory(t *testing.T) {
	h := newHoldFiles(filepath.Join(t.TempDir(), "missing"), "build")
	if err := h.Begin(heldStep{Step: "build"}); err == nil {
		t.Fatal("no error")
	}
	h.End()
}

// A .held file that cannot be written costs the readiness probe, not the hold.
func TestHoldGoesOnWhenItsFileCannotBeWritten(t *testing.T) {
	f := newStepRunFakes()
	f.hold.beginErr = os.ErrPermission
	f.proc.exit(exitedWith(3))
	done := f.start(withDebug(deployPlan(), time.Hour))
	f.hold.awaitHold(t)
	f.clock.nextTimer(t, time.Hour).fire()
	if code := exitCodeOf(t, done); code != 3 {
		t.Fatalf("exit code %d", code)
	}
	want := []string{
		`cannot mark step "deploy" as held (its readiness probe will not report the hold): permission denied`,
		holdLog,
		`step "deploy": hold ended after --debug-timeout=1h0m0s`,
		`step "deploy" failed: exited with code 3`,
	}
	if got := f.log.all(); !reflect.DeepEqual(got, want) {
		t.Fatalf("log %q\nwant %q", got, want)
	}
}
