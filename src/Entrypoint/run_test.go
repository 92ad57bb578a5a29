package main

import (
	"errors"
	"os"
	"os/exec"
	"reflect"
	"syscall"
	"testing"
	"time"
)

// Unit tests of the run logic (run.go) with the in-memory seams of fakes_test.go. The process
// tests (process_test.go, death_test.go) run the same paths through the real binary.

var deployCommand = []string{"make", "--jobs=2", "-"}

func deployPlan(after ...string) runConfig {
	cfg := defaultRunConfig()
	cfg.Step = "deploy"
	cfg.After = after
	cfg.TerminationLog = "/dev/termination-log"
	cfg.Command = deployCommand
	return cfg
}

func withOnError(cfg runConfig, onError string) runConfig {
	cfg.OnError = onError
	return cfg
}

func withTimeout(cfg runConfig, timeout, grace time.Duration) runConfig {
	cfg.Timeout, cfg.TimeoutGrace = timeout, grace
	return cfg
}

func ran(state State, code int, message string) Result {
	return Result{Step: "deploy", State: state, ExitCode: intPtr(code), StartedAt: t0s, FinishedAt: t0s, Message: message}
}

func skippedBecause(message string) Result {
	return Result{Step: "deploy", State: StateSkipped, FinishedAt: t0s, Message: message}
}

func marked(states map[string]State) map[string]Result {
	markers := map[string]Result{}
	for step, state := range states {
		markers[step] = Result{Step: step, State: state}
	}
	return markers
}

const diedMessage = "ended without recording an outcome (its process was killed: SIGKILL, the OOM killer or a node-level kill)"

func TestRunOutcomes(t *testing.T) {
	cases := []struct {
		name     string
		plan     runConfig
		markers  map[string]Result  // what the waiter finds
		startErr error              // the command cannot start
		exit     syscall.WaitStatus // how the command ends, when it starts
		code     int                // the container's exit code
		want     Result             // the marker
		line     string             // the termination message
		log      []string           // the entrypoint's own diagnostics
	}{
		{
			name: "command exits 0", plan: deployPlan(), exit: exitedWith(0), code: 0,
			want: ran(StateSucceeded, 0, ""),
			line: "kueueleuleu/3 deploy succeeded 0 " + t0s + " " + t0s + " 1 0\n",
		},
		{
			name: "command exits non-zero", plan: deployPlan(), exit: exitedWith(3), code: 3,
			want: ran(StateFailed, 3, "exited with code 3"),
			line: "kueueleuleu/3 deploy failed 3 " + t0s + " " + t0s + " 1 0\nm exited with code 3\n",
			log:  []string{`step "deploy" failed: exited with code 3`},
		},
		{
			name: "command killed by a signal", plan: deployPlan(), exit: killedBy(syscall.SIGKILL), code: 137,
			want: ran(StateFailed, 137, "killed by SIGKILL, exit code 137"),
			line: "kueueleuleu/3 deploy failed 137 " + t0s + " " + t0s + " 1 0\nm killed by SIGKILL, exit code 137\n",
			log:  []string{`step "deploy" failed: killed by SIGKILL, exit code 137`},
		},
		{
			name: "failure with on-error continue", plan: withOnError(deployPlan(), onErrorContinue), exit: exitedWith(3), code: 0,
			want: ran(StateContinued, 3, "exited with code 3; continuing because of --on-error=continue"),
			line: "kueueleuleu/3 deploy continued 3 " + t0s + " " + t0s + " 1 0\nm exited with code 3; continuing because of --on-error=continue\n",
			log:  []string{`step "deploy" continued: exited with code 3; continuing because of --on-error=continue`},
		},
		{
			name: "signal with on-error continue", plan: withOnError(deployPlan(), onErrorContinue), exit: killedBy(syscall.SIGSEGV), code: 0,
			want: ran(StateContinued, 139, "killed by SIGSEGV, exit code 139; continuing because of --on-error=continue"),
			line: "kueueleuleu/3 deploy continued 139 " + t0s + " " + t0s + " 1 0\nm killed by SIGSEGV, exit code 139; continuing because of --on-error=continue\n",
			log:  []string{`step "deploy" continued: killed by SIGSEGV, exit code 139; continuing because of --on-error=continue`},
		},
		{
			name: "dependencies succeeded and continued", plan: deployPlan("build", "lint"),
			markers: marked(map[string]State{"build": StateSucceeded, "lint": StateContinued}), exit: exitedWith(0), code: 0,
			want: ran(StateSucceeded, 0, ""),
			line: "kueueleuleu/3 deploy succeeded 0 " + t0s + " " + t0s + " 1 0\n",
		},
		{
			name: "dependency failed", plan: deployPlan("build"), markers: marked(map[string]State{"build": StateFailed}), code: 125,
			want: skippedBecause(`dependency "build" is failed; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "build" is failed; the command never ran` + "\n",
			log:  []string{`step "deploy" skipped: dependency "build" is failed; the command never ran`},
		},
		{
			name: "dependency timed out", plan: deployPlan("build"), markers: marked(map[string]State{"build": StateTimedOut}), code: 125,
			want: skippedBecause(`dependency "build" is timed-out; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "build" is timed-out; the command never ran` + "\n",
			log:  []string{`step "deploy" skipped: dependency "build" is timed-out; the command never ran`},
		},
		{
			name: "dependency skipped", plan: deployPlan("build"), markers: marked(map[string]State{"build": StateSkipped}), code: 125,
			want: skippedBecause(`dependency "build" is skipped; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "build" is skipped; the command never ran` + "\n",
			log:  []string{`step "deploy" skipped: dependency "build" is skipped; the command never ran`},
		},
		{
			name: "dependency died", plan: deployPlan("build"), markers: marked(map[string]State{"build": stateDied}), code: 125,
			want: skippedBecause(`dependency "build" ` + diedMessage + `; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "build" ` + diedMessage + "; the command never ran\n",
			log:  []string{`step "deploy" skipped: dependency "build" ` + diedMessage + `; the command never ran`},
		},
		{
			name: "dependency without a marker", plan: deployPlan("build"), markers: map[string]Result{}, code: 125,
			want: skippedBecause(`dependency "build" has no marker; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "build" has no marker; the command never ran` + "\n",
			log:  []string{`step "deploy" skipped: dependency "build" has no marker; the command never ran`},
		},
		{
			name: "dependency in a state from a newer version", plan: deployPlan("build"), markers: marked(map[string]State{"build": "paused"}), code: 125,
			want: skippedBecause(`dependency "build" has unknown state "paused"; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "build" has unknown state "paused"; the command never ran` + "\n",
			log:  []string{`step "deploy" skipped: dependency "build" has unknown state "paused"; the command never ran`},
		},
		{
			name: "every problem in --after order", plan: deployPlan("lint", "build", "test"),
			markers: marked(map[string]State{"build": StateSucceeded, "lint": StateFailed, "test": stateDied}), code: 125,
			want: skippedBecause(`dependency "lint" is failed, dependency "test" ` + diedMessage + `; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "lint" is failed, dependency "test" ` + diedMessage + "; the command never ran\n",
			log:  []string{`step "deploy" skipped: dependency "lint" is failed, dependency "test" ` + diedMessage + `; the command never ran`},
		},
		{
			name: "on-error continue does not run a step whose dependency failed", plan: withOnError(deployPlan("build"), onErrorContinue),
			markers: marked(map[string]State{"build": StateFailed}), code: 125,
			want: skippedBecause(`dependency "build" is failed; the command never ran`),
			line: "kueueleuleu/3 deploy skipped - - " + t0s + " 0 0\nm" + ` dependency "build" is failed; the command never ran` + "\n",
			log:  []string{`step "deploy" skipped: dependency "build" is failed; the command never ran`},
		},
		{
			name: "command not found", plan: deployPlan(), startErr: errNotFound, code: 127,
			want: ran(StateFailed, 127, `command "make" not found in PATH`),
			line: "kueueleuleu/3 deploy failed 127 " + t0s + " " + t0s + " 1 0\nm" + ` command "make" not found in PATH` + "\n",
			log:  []string{`step "deploy" failed: command "make" not found in PATH`},
		},
		{
			name: "command or its interpreter missing", plan: deployPlan(), startErr: syscall.ENOENT, code: 127,
			want: ran(StateFailed, 127, `cannot run "make": no such file or directory (or its #! interpreter is missing)`),
			line: "kueueleuleu/3 deploy failed 127 " + t0s + " " + t0s + " 1 0\nm" + ` cannot run "make": no such file or directory (or its #! interpreter is missing)` + "\n",
			log:  []string{`step "deploy" failed: cannot run "make": no such file or directory (or its #! interpreter is missing)`},
		},
		{
			name: "command not executable", plan: deployPlan(), startErr: syscall.EACCES, code: 126,
			want: ran(StateFailed, 126, `cannot run "make": permission denied (not executable, or on a noexec mount)`),
			line: "kueueleuleu/3 deploy failed 126 " + t0s + " " + t0s + " 1 0\nm" + ` cannot run "make": permission denied (not executable, or on a noexec mount)` + "\n",
			log:  []string{`step "deploy" failed: cannot run "make": permission denied (not executable, or on a noexec mount)`},
		},
		{
			name: "command not an executable format", plan: deployPlan(), startErr: syscall.ENOEXEC, code: 126,
			want: ran(StateFailed, 126, `cannot run "make": not an executable format (scripts need a #! line; no shell is used)`),
			line: "kueueleuleu/3 deploy failed 126 " + t0s + " " + t0s + " 1 0\nm" + ` cannot run "make": not an executable format (scripts need a #! line; no shell is used)` + "\n",
			log:  []string{`step "deploy" failed: cannot run "make": not an executable format (scripts need a #! line; no shell is used)`},
		},
		{
			name: "command not found with on-error continue", plan: withOnError(deployPlan(), onErrorContinue), startErr: errNotFound, code: 0,
			want: ran(StateContinued, 127, `command "make" not found in PATH; continuing because of --on-error=continue`),
			line: "kueueleuleu/3 deploy continued 127 " + t0s + " " + t0s + " 1 0\nm" + ` command "make" not found in PATH; continuing because of --on-error=continue` + "\n",
			log:  []string{`step "deploy" continued: command "make" not found in PATH; continuing because of --on-error=continue`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newStepRunFakes()
			f.waiter.markers = c.markers
			f.runner.err = c.startErr
			f.proc.exit(c.exit)

			code := f.runToEnd(t, c.plan)

			if code != c.code {
				t.Errorf("exit code %d, want %d", code, c.code)
			}
			if !reflect.DeepEqual(f.outcome.markers, []Result{c.want}) {
				t.Errorf("markers %s\nwant %s", encodeAll(f.outcome.markers), c.want.encode())
			}
			if !reflect.DeepEqual(f.outcome.lines, []string{c.line}) {
				t.Errorf("termination messages %q\nwant %q", f.outcome.lines, c.line)
			}
			if want := []string{"marker", "termination message"}; !reflect.DeepEqual(f.outcome.events, want) {
				t.Errorf("published %q, want %q (dependants wait for the marker)", f.outcome.events, want)
			}
			if got := f.log.all(); !reflect.DeepEqual(got, c.log) {
				t.Errorf("log %q\nwant %q", got, c.log)
			}
			if got := f.waiter.askedFor(); !reflect.DeepEqual(got, c.plan.After) {
				t.Errorf("waited for %q, want %q", got, c.plan.After)
			}
			var wantStarted [][]string
			if c.want.StartedAt != "" {
				wantStarted = [][]string{deployCommand}
			}
			if !reflect.DeepEqual(f.runner.started, wantStarted) {
				t.Errorf("started %q, want %q", f.runner.started, wantStarted)
			}
			f.proc.noMoreSignals(t)
			f.clock.noTimers(t)
		})
	}
}

func encodeAll(rs []Result) string {
	var s string
	for _, r := range rs {
		s += string(r.encode())
	}
	return s
}

func TestRunAnnouncesTheMissingDependenciesSorted(t *testing.T) {
	f := newStepRunFakes()
	f.waiter.missing = []string{"test", "build"}
	f.waiter.markers = marked(map[string]State{"test": StateSucceeded, "build": StateSucceeded, "lint": StateSucceeded})
	f.proc.exit(exitedWith(0))

	if code := f.runToEnd(t, deployPlan("test", "lint", "build")); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got, want := f.log.all(), []string{`step "deploy" waiting for build, test`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("log %q, want %q", got, want)
	}
}

func TestRunWithoutTerminationLogWritesOnlyTheMarker(t *testing.T) {
	f := newStepRunFakes()
	f.proc.exit(exitedWith(0))
	plan := deployPlan()
	plan.TerminationLog = ""

	if code := f.runToEnd(t, plan); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if want := []string{"marker"}; !reflect.DeepEqual(f.outcome.events, want) {
		t.Fatalf("published %q, want %q", f.outcome.events, want)
	}
}

func TestRunOutcomeWriteFailuresAreReportedAndKeepTheExitCode(t *testing.T) {
	f := newStepRunFakes()
	f.outcome.markerErr = errors.New("no space left on device")
	f.outcome.terminationErr = errors.New("permission denied")
	f.proc.exit(exitedWith(3))

	if code := f.runToEnd(t, deployPlan()); code != 3 {
		t.Fatalf("exit code %d, want the command's 3", code)
	}
	if want := []string{"marker", "termination message"}; !reflect.DeepEqual(f.outcome.events, want) {
		t.Fatalf("published %q, want %q: a failed marker must not stop the termination message", f.outcome.events, want)
	}
	want := []string{
		`cannot write the marker of step "deploy" (steps waiting for it will find no outcome): no space left on device`,
		`cannot write the termination message to /dev/termination-log: permission denied`,
		`step "deploy" failed: exited with code 3`,
	}
	if got := f.log.all(); !reflect.DeepEqual(got, want) {
		t.Fatalf("log %q\nwant %q", got, want)
	}
}

func TestRunTerminationSignalWhileWaitingSkipsTheStep(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(signalName(sig), func(t *testing.T) {
			f := newStepRunFakes()
			f.waiter.release = make(chan struct{}) // the dependency never finishes
			t.Cleanup(func() { close(f.waiter.release) })

			done := f.start(deployPlan("build"))
			f.send(t, sig)

			if code := exitCodeOf(t, done); code != 125 {
				t.Fatalf("exit code %d, want 125", code)
			}
			want := skippedBecause("received " + signalName(sig) + " while waiting for dependencies; the command never ran")
			if !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
				t.Fatalf("markers %s\nwant %s", encodeAll(f.outcome.markers), want.encode())
			}
			if f.runner.started != nil {
				t.Fatalf("started %q", f.runner.started)
			}
		})
	}
}

func TestRunOtherSignalsWhileWaitingAreIgnored(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2} {
		t.Run(signalName(sig), func(t *testing.T) {
			f := newStepRunFakes()
			f.waiter.release = make(chan struct{})
			f.waiter.markers = marked(map[string]State{"build": StateSucceeded})
			f.proc.exit(exitedWith(0))

			done := f.start(deployPlan("build"))
			f.send(t, sig)
			close(f.waiter.release)

			if code := exitCodeOf(t, done); code != 0 {
				t.Fatalf("exit code %d, want 0", code)
			}
			if !reflect.DeepEqual(f.outcome.markers, []Result{ran(StateSucceeded, 0, "")}) {
				t.Fatalf("markers %s", encodeAll(f.outcome.markers))
			}
			want := []string{"ignoring " + signalName(sig) + ": the command has not started yet"}
			if got := f.log.all(); !reflect.DeepEqual(got, want) {
				t.Fatalf("log %q, want %q", got, want)
			}
			f.proc.noMoreSignals(t)
		})
	}
}

func TestRunTerminationSignalBeforeTheCommandStartsSkipsTheStep(t *testing.T) {
	f := newStepRunFakes()
	pending := make(chan os.Signal, 1)
	pending <- syscall.SIGTERM // arrived as the last dependency finished
	f.signals = pending

	if code := f.runToEnd(t, deployPlan()); code != 125 {
		t.Fatalf("exit code %d, want 125", code)
	}
	want := skippedBecause("received SIGTERM before the command started; it never ran")
	if !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
		t.Fatalf("markers %s\nwant %s", encodeAll(f.outcome.markers), want.encode())
	}
	if f.runner.started != nil {
		t.Fatalf("started %q", f.runner.started)
	}
}

// startedRun starts the step and returns once its command has been started, so that signals
// sent afterwards reach the running command's supervision.
func startedRun(t *testing.T, f *stepRunFakes, plan runConfig) <-chan int {
	t.Helper()
	started := make(chan struct{})
	f.runner.onStart = func() { close(started) }
	done := f.start(plan)
	select {
	case <-started:
	case <-time.After(hangGuard):
		t.Fatal("the command never started")
	}
	return done
}

func TestRunForwardsSignalsToTheCommandsGroup(t *testing.T) {
	f := newStepRunFakes()
	done := startedRun(t, f, deployPlan())
	signals := []syscall.Signal{syscall.SIGUSR1, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR2, syscall.SIGINT, syscall.SIGTERM}
	for _, sig := range signals {
		f.send(t, sig)
		f.proc.expectSignal(t, sig)
	}
	f.clock.set(t0.Add(90 * time.Second))
	f.proc.exit(killedBy(syscall.SIGTERM))

	if code := exitCodeOf(t, done); code != 143 {
		t.Fatalf("exit code %d, want 143", code)
	}
	want := Result{
		Step: "deploy", State: StateFailed, ExitCode: intPtr(143), StartedAt: t0s,
		FinishedAt: "2026-11-23T08:02:52.123456789Z", Message: "killed by SIGTERM, exit code 143",
	}
	if !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
		t.Fatalf("markers %s\nwant %s", encodeAll(f.outcome.markers), want.encode())
	}
	f.proc.noMoreSignals(t)
	f.clock.noTimers(t)
}

func TestRunTimeout(t *testing.T) {
	const timedOutLog = `step "deploy" timed out after 30s: sending SIGTERM to its process group`
	cases := []struct {
		name  string
		plan  runConfig
		drive func(t *testing.T, f *stepRunFakes) // after the timeout fired
		code  int
		want  Result
		log   []string
	}{
		{
			name: "command ends on SIGTERM", plan: withTimeout(deployPlan(), 30*time.Second, 5*time.Second),
			drive: func(t *testing.T, f *stepRunFakes) {
				f.proc.expectSignal(t, syscall.SIGTERM)
				grace := f.clock.nextTimer(t, 5*time.Second)
				f.proc.exit(killedBy(syscall.SIGTERM))
				f.proc.expectSignal(t, syscall.SIGKILL) // for members of the group that ignored SIGTERM
				t.Cleanup(func() { expectStopped(t, grace) })
			},
			code: 124,
			want: ran(StateTimedOut, 143, "timed out after 30s; its process group was killed (killed by SIGTERM, exit code 143)"),
			log: []string{
				timedOutLog,
				`step "deploy" timed-out: timed out after 30s; its process group was killed (killed by SIGTERM, exit code 143)`,
			},
		},
		{
			name: "command ignores SIGTERM", plan: withTimeout(deployPlan(), 30*time.Second, 5*time.Second),
			drive: func(t *testing.T, f *stepRunFakes) {
				f.proc.expectSignal(t, syscall.SIGTERM)
				f.clock.nextTimer(t, 5*time.Second).fire()
				f.proc.expectSignal(t, syscall.SIGKILL)
				f.proc.exit(killedBy(syscall.SIGKILL))
				f.proc.expectSignal(t, syscall.SIGKILL)
			},
			code: 124,
			want: ran(StateTimedOut, 137, "timed out after 30s; its process group was killed (killed by SIGKILL, exit code 137)"),
			log: []string{
				timedOutLog,
				`step "deploy" still running 5s after SIGTERM: sending SIGKILL`,
				`step "deploy" timed-out: timed out after 30s; its process group was killed (killed by SIGKILL, exit code 137)`,
			},
		},
		{
			name: "no grace period", plan: withTimeout(deployPlan(), 30*time.Second, 0),
			drive: func(t *testing.T, f *stepRunFakes) {
				f.proc.expectSignal(t, syscall.SIGTERM)
				f.proc.expectSignal(t, syscall.SIGKILL)
				f.proc.exit(killedBy(syscall.SIGKILL))
				f.proc.expectSignal(t, syscall.SIGKILL)
			},
			code: 124,
			want: ran(StateTimedOut, 137, "timed out after 30s; its process group was killed (killed by SIGKILL, exit code 137)"),
			log: []string{
				timedOutLog,
				`step "deploy" timed-out: timed out after 30s; its process group was killed (killed by SIGKILL, exit code 137)`,
			},
		},
		{
			name: "on-error continue", plan: withOnError(withTimeout(deployPlan(), 30*time.Second, 5*time.Second), onErrorContinue),
			drive: func(t *testing.T, f *stepRunFakes) {
				f.proc.expectSignal(t, syscall.SIGTERM)
				f.clock.nextTimer(t, 5*time.Second)
				f.proc.exit(killedBy(syscall.SIGTERM))
				f.proc.expectSignal(t, syscall.SIGKILL)
			},
			code: 0,
			want: ran(StateContinued, 143, "timed out after 30s; its process group was killed (killed by SIGTERM, exit code 143); continuing because of --on-error=continue"),
			log: []string{
				timedOutLog,
				`step "deploy" continued: timed out after 30s; its process group was killed (killed by SIGTERM, exit code 143); continuing because of --on-error=continue`,
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newStepRunFakes()
			done := startedRun(t, f, c.plan)
			timeout := f.clock.nextTimer(t, c.plan.Timeout)
			timeout.fire()
			c.drive(t, f)

			if code := exitCodeOf(t, done); code != c.code {
				t.Fatalf("exit code %d, want %d", code, c.code)
			}
			if !reflect.DeepEqual(f.outcome.markers, []Result{c.want}) {
				t.Fatalf("markers %s\nwant %s", encodeAll(f.outcome.markers), c.want.encode())
			}
			if got := f.log.all(); !reflect.DeepEqual(got, c.log) {
				t.Fatalf("log %q\nwant %q", got, c.log)
			}
			expectStopped(t, timeout)
			f.proc.noMoreSignals(t)
			f.clock.noTimers(t)
		})
	}
}

func expectStopped(t *testing.T, timer *fakeTimer) {
	t.Helper()
	if !timer.wasStopped() {
		t.Fatalf("the timer of %s was not stopped", timer.d)
	}
}

func TestRunCommandEndingBeforeTheTimeoutIsNotSignalled(t *testing.T) {
	f := newStepRunFakes()
	done := startedRun(t, f, withTimeout(deployPlan(), 30*time.Second, 5*time.Second))
	timeout := f.clock.nextTimer(t, 30*time.Second)
	f.proc.exit(exitedWith(0))

	if code := exitCodeOf(t, done); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if !reflect.DeepEqual(f.outcome.markers, []Result{ran(StateSucceeded, 0, "")}) {
		t.Fatalf("markers %s", encodeAll(f.outcome.markers))
	}
	expectStopped(t, timeout)
	f.proc.noMoreSignals(t)
}

func TestRunTimeoutCountsFromTheStart(t *testing.T) {
	f := newStepRunFakes()
	// Starting the command (lookup, fork, execve) took 2s of the 30s.
	f.runner.onStart = func() { f.clock.set(t0.Add(2 * time.Second)) }
	done := f.start(withTimeout(deployPlan(), 30*time.Second, 5*time.Second))
	f.clock.nextTimer(t, 28*time.Second)
	f.proc.exit(exitedWith(0))
	if code := exitCodeOf(t, done); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got := f.outcome.markers[0].StartedAt; got != t0s {
		t.Fatalf("startedAt %s, want the moment before the start, %s", got, t0s)
	}
}

func TestUsageFailure(t *testing.T) {
	got := usageFailure("deploy", errors.New("unknown flag --bogus"), t0)
	want := Result{
		Step: "deploy", State: StateFailed, ExitCode: intPtr(2), StartedAt: t0s, FinishedAt: t0s,
		Message: "the entrypoint was called wrongly: unknown flag --bogus",
	}
	if !reflect.DeepEqual(got, report{Result: want}) {
		t.Fatalf("got %s\nwant %s", got.encode(), want.encode())
	}
	if code := exitCodeFor(got.Result); code != exitUsage {
		t.Fatalf("exit code %d, want %d", code, exitUsage)
	}
}

// TestWaitStatusEncoding checks the fakes' wait statuses against the kernel's, and how the run
// logic reads them.
func TestWaitStatusEncoding(t *testing.T) {
	cases := []struct {
		script string
		fake   syscall.WaitStatus
		info   exitInfo
	}{
		{"exit 0", exitedWith(0), exitInfo{Code: 0}},
		{"exit 3", exitedWith(3), exitInfo{Code: 3}},
		{"kill -KILL $$", killedBy(syscall.SIGKILL), exitInfo{Code: 137, Signal: syscall.SIGKILL}},
		{"kill -TERM $$", killedBy(syscall.SIGTERM), exitInfo{Code: 143, Signal: syscall.SIGTERM}},
	}
	for _, c := range cases {
		cmd := exec.Command("sh", "-c", c.script)
		_ = cmd.Run() // a non-zero end is the point
		real := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if real != c.fake {
			t.Errorf("%s: the kernel reports %#x, the fake %#x", c.script, uint32(real), uint32(c.fake))
		}
		if got := exitInfoFromStatus(real); got != c.info {
			t.Errorf("%s: %+v, want %+v", c.script, got, c.info)
		}
	}
}
