package main

import (
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func withRetries(cfg runConfig, retries int, backoff time.Duration) runConfig {
	cfg.Retries, cfg.RetryBackoff = retries, backoff
	return cfg
}

// attemptsOf gives the runner one process per attempt, and a channel that tells the test each start.
func attemptsOf(f *stepRunFakes, n int) ([]*fakeProcess, <-chan struct{}) {
	procs := make([]*fakeProcess, n)
	for i := range procs {
		procs[i] = newFakeProcess()
	}
	f.runner.procs = procs
	starts := make(chan struct{}, n+1)
	f.runner.onStart = func() { starts <- struct{}{} }
	return procs, starts
}

func awaitStart(t *testing.T, starts <-chan struct{}) {
	t.Helper()
	select {
	case <-starts:
	case <-time.After(hangGuard):
		t.Fatal("the next attempt never started")
	}
}

var resultsEnvOnly = []string{resultsEnv + "=" + fakeResultsPath}

func TestRetriesSucceedOnTheThirdAttempt(t *testing.T) {
	f := newStepRunFakes()
	procs, starts := attemptsOf(f, 3)
	done := f.start(withRetries(deployPlan(), 3, 2*time.Second))

	awaitStart(t, starts)
	procs[0].exit(exitedWith(1))
	f.clock.nextTimer(t, 2*time.Second).fire()
	awaitStart(t, starts)
	procs[1].exit(killedBy(syscall.SIGKILL))
	f.clock.nextTimer(t, 4*time.Second).fire() // doubled
	awaitStart(t, starts)
	procs[2].exit(exitedWith(0))

	if code := exitCodeOf(t, done); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if !reflect.DeepEqual(f.outcome.markers, []Result{ran(StateSucceeded, 0, "")}) {
		t.Fatalf("markers %s", encodeAll(f.outcome.markers))
	}
	if want := "kueueleuleu/3 deploy succeeded 0 " + t0s + " " + t0s + " 3:1,137 0\n"; !reflect.DeepEqual(f.outcome.lines, []string{want}) {
		t.Fatalf("termination messages %q\nwant %q", f.outcome.lines, want)
	}
	wantLog := []string{
		`step "deploy" attempt 1 of 4`,
		`step "deploy" attempt 2 of 4 after attempt 1 exited with 1; waited 2s`,
		`step "deploy" attempt 3 of 4 after attempt 2 exited with 137; waited 4s`,
	}
	if got := f.log.all(); !reflect.DeepEqual(got, wantLog) {
		t.Fatalf("log %q\nwant %q", got, wantLog)
	}
	wantEnvs := [][]string{resultsEnvOnly, resultsEnvOnly, resultsEnvOnly}
	if !reflect.DeepEqual(f.runner.envs, wantEnvs) {
		t.Fatalf("environments %q, want %q", f.runner.envs, wantEnvs)
	}
	if f.results.prepared != 1 || f.results.reads != 1 {
		t.Fatalf("results prepared %d times and read %d times, want once each (before the first attempt, after the last)",
			f.results.prepared, f.results.reads)
	}
	f.clock.noTimers(t)
}

func TestRetriesExhausted(t *testing.T) {
	for _, onError := range []string{onErrorStop, onErrorContinue} {
		t.Run(onError, func(t *testing.T) {
			f := newStepRunFakes()
			procs, starts := attemptsOf(f, 3)
			done := f.start(withOnError(withRetries(deployPlan(), 2, time.Second), onError))
			awaitStart(t, starts)
			procs[0].exit(exitedWith(3))
			f.clock.nextTimer(t, time.Second).fire()
			awaitStart(t, starts)
			procs[1].exit(exitedWith(3))
			f.clock.nextTimer(t, 2*time.Second).fire()
			awaitStart(t, starts)
			procs[2].exit(exitedWith(4))

			code := exitCodeOf(t, done)
			want, wantCode := ran(StateFailed, 4, "exited with code 4"), 4
			if onError == onErrorContinue {
				want, wantCode = ran(StateContinued, 4, "exited with code 4; continuing because of --on-error=continue"), 0
			}
			if code != wantCode || !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
				t.Fatalf("exit %d, markers %s\nwant %d, %s", code, encodeAll(f.outcome.markers), wantCode, want.encode())
			}
			header := "kueueleuleu/3 deploy " + string(want.State) + " 4 " + t0s + " " + t0s + " 3:3,3 0\n"
			if want := header + "m " + want.Message + "\n"; !reflect.DeepEqual(f.outcome.lines, []string{want}) {
				t.Fatalf("termination messages %q\nwant %q", f.outcome.lines, want)
			}
			f.clock.noTimers(t)
		})
	}
}

// The step timeout applies to each attempt, counted from that attempt's start.
func TestRetriesTimeoutPerAttempt(t *testing.T) {
	f := newStepRunFakes()
	procs, starts := attemptsOf(f, 2)
	done := f.start(withRetries(withTimeout(deployPlan(), 30*time.Second, 5*time.Second), 1, time.Second))

	awaitStart(t, starts)
	f.clock.nextTimer(t, 30*time.Second).fire()
	procs[0].expectSignal(t, syscall.SIGTERM)
	f.clock.nextTimer(t, 5*time.Second) // the grace period, not needed
	procs[0].exit(killedBy(syscall.SIGTERM))
	procs[0].expectSignal(t, syscall.SIGKILL)
	f.clock.set(t0.Add(40 * time.Second))
	f.clock.nextTimer(t, time.Second).fire()
	awaitStart(t, starts)
	second := f.clock.nextTimer(t, 30*time.Second) // a whole timeout again
	procs[1].exit(exitedWith(0))

	if code := exitCodeOf(t, done); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	r := f.outcome.markers[0]
	if r.State != StateSucceeded || r.StartedAt != "2026-11-23T08:02:02.123456789Z" {
		t.Fatalf("marker %s, want the second attempt's success and start", r.encode())
	}
	if got := f.outcome.lines[0]; got != "kueueleuleu/3 deploy succeeded 0 "+r.StartedAt+" "+r.FinishedAt+" 2:t 0\n" {
		t.Fatalf("termination message %q", got)
	}
	wantLog := []string{
		`step "deploy" attempt 1 of 2`,
		`step "deploy" timed out after 30s: sending SIGTERM to its process group`,
		`step "deploy" attempt 2 of 2 after attempt 1 timed out; waited 1s`,
	}
	if got := f.log.all(); !reflect.DeepEqual(got, wantLog) {
		t.Fatalf("log %q\nwant %q", got, wantLog)
	}
	expectStopped(t, second)
	procs[1].noMoreSignals(t)
}

func TestRetriesTimedOutOnTheLastAttempt(t *testing.T) {
	f := newStepRunFakes()
	procs, starts := attemptsOf(f, 2)
	done := f.start(withRetries(withTimeout(deployPlan(), 30*time.Second, 0), 1, time.Second))
	for i := range procs {
		awaitStart(t, starts)
		f.clock.nextTimer(t, 30*time.Second).fire()
		procs[i].expectSignal(t, syscall.SIGTERM)
		procs[i].expectSignal(t, syscall.SIGKILL)
		procs[i].exit(killedBy(syscall.SIGKILL))
		procs[i].expectSignal(t, syscall.SIGKILL)
		if i == 0 {
			f.clock.nextTimer(t, time.Second).fire()
		}
	}
	if code := exitCodeOf(t, done); code != 124 {
		t.Fatalf("exit code %d, want 124", code)
	}
	if r := f.outcome.markers[0]; r.State != StateTimedOut || *r.ExitCode != 137 {
		t.Fatalf("marker %s", r.encode())
	}
	if got := f.outcome.lines[0]; !contains(got, " timed-out 137 ") || !contains(got, " 2:t 0\n") {
		t.Fatalf("termination message %q", got)
	}
}

func TestRetriesStopOnSigtermDuringAnAttempt(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(signalName(sig), func(t *testing.T) {
			f := newStepRunFakes()
			procs, starts := attemptsOf(f, 4)
			done := f.start(withRetries(deployPlan(), 3, time.Second))
			awaitStart(t, starts)
			f.send(t, syscall.SIGHUP) // not a reason to stop
			procs[0].expectSignal(t, syscall.SIGHUP)
			f.send(t, sig)
			procs[0].expectSignal(t, sig)
			procs[0].exit(killedBy(sig))

			code := exitCodeOf(t, done)
			exit := 128 + int(sig)
			msg := "killed by " + signalName(sig) + ", exit code " + itoa(exit) +
				"; no further attempt: received " + signalName(sig) + " during attempt 1 of 4"
			if want := ran(StateFailed, exit, msg); code != exit || !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
				t.Fatalf("exit %d, markers %s\nwant %s", code, encodeAll(f.outcome.markers), want.encode())
			}
			if len(f.runner.started) != 1 {
				t.Fatalf("%d attempts, want 1", len(f.runner.started))
			}
			if got := f.outcome.lines[0]; !contains(got, " 1 0\nm ") {
				t.Fatalf("termination message %q", got)
			}
			f.clock.noTimers(t)
		})
	}
}

func TestRetriesStopOnSigtermDuringTheBackoff(t *testing.T) {
	f := newStepRunFakes()
	procs, starts := attemptsOf(f, 4)
	done := f.start(withRetries(deployPlan(), 3, time.Minute))
	awaitStart(t, starts)
	procs[0].exit(exitedWith(1))
	backoff := f.clock.nextTimer(t, time.Minute)
	f.send(t, syscall.SIGUSR1) // no command to reach: ignored
	f.send(t, syscall.SIGTERM)

	if code := exitCodeOf(t, done); code != 1 {
		t.Fatalf("exit code %d, want the last attempt's 1", code)
	}
	want := ran(StateFailed, 1, "exited with code 1; no further attempt: received SIGTERM while waiting to start attempt 2 of 4")
	if !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
		t.Fatalf("markers %s\nwant %s", encodeAll(f.outcome.markers), want.encode())
	}
	if len(f.runner.started) != 1 {
		t.Fatalf("%d attempts, want 1", len(f.runner.started))
	}
	wantLog := []string{
		`step "deploy" attempt 1 of 4`,
		`ignoring SIGUSR1: no attempt is running`,
		`step "deploy" failed: ` + want.Message,
	}
	if got := f.log.all(); !reflect.DeepEqual(got, wantLog) {
		t.Fatalf("log %q\nwant %q", got, wantLog)
	}
	expectStopped(t, backoff)
	procs[0].noMoreSignals(t)
}

func TestRetriesNeverRepeatAStartFailure(t *testing.T) {
	for _, err := range []error{errNotFound, syscall.EACCES, syscall.ENOEXEC} {
		f := newStepRunFakes()
		f.runner.err = err
		code := f.runToEnd(t, withRetries(deployPlan(), 5, time.Second))
		if code != 126 && code != 127 {
			t.Fatalf("%v: exit code %d", err, code)
		}
		if len(f.runner.started) != 1 {
			t.Fatalf("%v: %d attempts, want 1", err, len(f.runner.started))
		}
		if got := f.outcome.lines[0]; !contains(got, " 1 0\nm ") {
			t.Fatalf("%v: termination message %q", err, got)
		}
		f.clock.noTimers(t)
	}
}

func TestRetriesNeverRepeatASuccess(t *testing.T) {
	f := newStepRunFakes()
	f.proc.exit(exitedWith(0))
	if code := f.runToEnd(t, withRetries(deployPlan(), 5, time.Second)); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if len(f.runner.started) != 1 {
		t.Fatalf("%d attempts, want 1", len(f.runner.started))
	}
	if got := f.log.all(); !reflect.DeepEqual(got, []string{`step "deploy" attempt 1 of 6`}) {
		t.Fatalf("log %q", got)
	}
	f.clock.noTimers(t)
}

func TestWithoutRetriesNoAttemptLine(t *testing.T) {
	f := newStepRunFakes()
	f.proc.exit(exitedWith(2))
	f.runToEnd(t, deployPlan())
	if got := f.log.all(); !reflect.DeepEqual(got, []string{`step "deploy" failed: exited with code 2`}) {
		t.Fatalf("log %q", got)
	}
}

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	cases := []struct {
		first time.Duration
		want  []time.Duration // before attempts 2, 3, ...
	}{
		{time.Second, []time.Duration{1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second,
			32 * time.Second, 64 * time.Second, 128 * time.Second, 256 * time.Second, 5 * time.Minute, 5 * time.Minute}},
		{2 * time.Minute, []time.Duration{2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute}},
		{10 * time.Minute, []time.Duration{10 * time.Minute, 10 * time.Minute, 10 * time.Minute}},
		{time.Nanosecond, []time.Duration{1, 2, 4, 8}},
	}
	for _, c := range cases {
		for i, want := range c.want {
			if got := backoffBefore(i+2, c.first); got != want {
				t.Errorf("first %s, attempt %d: %s, want %s", c.first, i+2, got, want)
			}
		}
	}
	if got := backoffBefore(101, time.Second); got != 5*time.Minute {
		t.Errorf("attempt 101: %s, no overflow expected", got)
	}
}

func contains(s, substr string) bool { return strings.Contains(s, substr) }

func itoa(n int) string { return strconv.Itoa(n) }
