package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"
)

// stepRun is the run logic of run mode: wait for the dependencies, decide whether the command
// runs (--when), run it under the timeout and the forwarded signals as many times as --retries
// allows, read its results, hold a failed step for debugging when asked, and publish the outcome.
// It does no I/O of its own: everything outside goes through the seams (seams.go), which
// runmode.go fills with the real implementations and the unit tests with in-memory ones.
type stepRun struct {
	plan    runConfig
	deps    Waiter
	command Runner
	outcome OutcomeWriter
	results ResultStore
	hold    Hold
	clock   Clock
	signals <-chan os.Signal
	logf    func(format string, args ...any)
	pod     string // for the command that ends a hold: the Pod's name, from $HOSTNAME
}

// run returns the container's exit code.
func (s *stepRun) run() int {
	markers, stopped := s.awaitDependencies()
	if stopped != 0 {
		return s.finish(s.notRun(StateSkipped, fmt.Sprintf("received %s while waiting for dependencies; the command never ran", signalName(stopped))))
	}
	if v := decideWhen(s.plan.When, s.plan.After, markers); !v.run {
		return s.finish(s.notRun(v.state, v.message))
	}
	return s.execute()
}

// notRun is the outcome of a step whose command never ran.
func (s *stepRun) notRun(state State, message string) report {
	return report{Result: Result{Step: s.plan.Step, State: state, FinishedAt: formatTime(s.clock.Now()), Message: message}}
}

// awaitDependencies returns the dependencies' markers, or the signal that ended the wait.
func (s *stepRun) awaitDependencies() (map[string]Result, syscall.Signal) {
	if len(s.plan.After) == 0 {
		return nil, 0
	}
	ready := make(chan map[string]Result, 1)
	go func() {
		ready <- s.deps.Wait(s.plan.After, func(missing []string) {
			s.logf("step %q waiting for %s", s.plan.Step, strings.Join(sorted(missing), ", "))
		})
	}()
	for {
		select {
		case m := <-ready:
			return m, 0
		case received := <-s.signals:
			sig := received.(syscall.Signal)
			if endsWaiting(sig) {
				return nil, sig
			}
			s.logf("ignoring %s: the command has not started yet", signalName(sig))
		}
	}
}

// execute runs the attempts, then reads the results, holds the step when asked, and publishes.
func (s *stepRun) execute() int {
	// A termination request that raced with the last dependency finishing must not start a
	// command that would be killed at once.
	select {
	case received := <-s.signals:
		if sig := received.(syscall.Signal); endsWaiting(sig) {
			return s.finish(s.notRun(StateSkipped, fmt.Sprintf("received %s before the command started; it never ran", signalName(sig))))
		}
	default:
	}
	path, err := s.results.Prepare()
	if err != nil {
		s.logf("cannot prepare the results directory %s: %v", path, err)
	}
	last, earlier := s.runAttempts([]string{resultsEnv + "=" + path})
	state, msg := classify(last.info, s.plan.OnError)
	r := report{
		Result: Result{
			Step: s.plan.Step, State: state, ExitCode: intPtr(last.info.Code),
			StartedAt: formatTime(last.started), FinishedAt: formatTime(last.finished), Message: msg,
		},
		Attempts: len(earlier) + 1, Earlier: earlier, Results: s.readResults(),
	}
	s.holdIfFailed(r.Result)
	return s.finish(r)
}

// readResults reads the results after the last attempt, whatever its outcome: a report step after
// a failure may need a failed step's results most of all.
func (s *stepRun) readResults() []resultFile {
	results, ignored, err := s.results.Read()
	if err != nil {
		s.logf("cannot read the results of step %q: %v", s.plan.Step, err)
		return nil
	}
	for _, e := range ignored {
		s.logf("ignoring %q in the results of step %q: %s", e.Name, s.plan.Step, e.Reason)
	}
	return results
}

// supervise forwards signals to the running command and enforces the timeout: SIGTERM to the group
// when it expires, SIGKILL after the grace period, and one more SIGKILL once the command has ended.
func (s *stepRun) supervise(proc Process, started time.Time) attempt {
	var timeoutC, graceC <-chan time.Time
	if s.plan.Timeout > 0 {
		t := s.clock.NewTimer(s.plan.Timeout - s.clock.Now().Sub(started))
		defer t.Stop()
		timeoutC = t.C()
	}
	timedOut := false
	var stoppedBy syscall.Signal
	for {
		select {
		case received := <-s.signals:
			sig := received.(syscall.Signal)
			if endsWaiting(sig) {
				stoppedBy = sig
			}
			proc.Signal(sig)
		case <-timeoutC:
			timeoutC = nil
			timedOut = true
			s.logf("step %q timed out after %s: sending SIGTERM to its process group", s.plan.Step, s.plan.Timeout)
			proc.Signal(syscall.SIGTERM)
			if s.plan.TimeoutGrace > 0 {
				g := s.clock.NewTimer(s.plan.TimeoutGrace)
				defer g.Stop()
				graceC = g.C()
			} else {
				proc.Signal(syscall.SIGKILL)
			}
		case <-graceC:
			graceC = nil
			s.logf("step %q still running %s after SIGTERM: sending SIGKILL", s.plan.Step, s.plan.TimeoutGrace)
			proc.Signal(syscall.SIGKILL)
		case ws := <-proc.Exited():
			finished := s.clock.Now()
			info := exitInfoFromStatus(ws)
			if timedOut {
				// The leader may have gone while other members ignore SIGTERM; a timeout ends them all.
				proc.Signal(syscall.SIGKILL)
				info.TimedOut, info.Timeout = true, s.plan.Timeout
			}
			return attempt{finished: finished, info: info, stoppedBy: stoppedBy}
		}
	}
}

// finish publishes the outcome: the marker first, because dependants are waiting for it, then the
// termination message. Neither failure changes the exit code, which belongs to the command.
func (s *stepRun) finish(r report) int {
	if err := s.outcome.WriteMarker(r.Result); err != nil {
		s.logf("cannot write the marker of step %q (steps waiting for it will find no outcome): %v", s.plan.Step, err)
	}
	if s.plan.TerminationLog != "" {
		if err := s.outcome.WriteTerminationMessage(r.terminationMessage(s.plan.TerminationBudget)); err != nil {
			s.logf("cannot write the termination message to %s: %v", s.plan.TerminationLog, err)
		}
	}
	if r.State != StateSucceeded {
		s.logf("step %q %s: %s", s.plan.Step, r.State, truncateMessage(r.Message, maxMessageBytes))
	}
	return exitCodeFor(r.Result)
}

// usageFailure is the outcome of a step whose entrypoint was called wrongly: failed, so that its
// dependants skip instead of waiting forever.
func usageFailure(step string, cause error, now time.Time) report {
	at := formatTime(now)
	return report{Result: Result{
		Step: step, State: StateFailed, ExitCode: intPtr(exitUsage), StartedAt: at, FinishedAt: at,
		Message: "the entrypoint was called wrongly: " + cause.Error(),
	}}
}

func sorted(names []string) []string {
	sort.Strings(names)
	return names
}
