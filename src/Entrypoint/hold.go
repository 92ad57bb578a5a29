package main

import (
	"syscall"
	"time"
)

// heldStep is the content of DIR/STEP.held, for whoever looks at a held step.
type heldStep struct {
	Step     string `json:"step"`
	ExitCode int    `json:"exitCode"`
	Until    string `json:"until"`
}

// holdsOnFailure says whether a step with this outcome is held under --debug=on-failure: every
// outcome of a command that failed, also when --on-error=continue let its dependants run.
func holdsOnFailure(state State) bool {
	return state == StateFailed || state == StateTimedOut || state == StateContinued
}

// holdIfFailed keeps a failed step's container alive, before its outcome is published, so that
// `kubectl exec` can look at its files while its dependants still wait. The hold ends when the
// release file appears (the `release` verb, or touch), after --debug-timeout, or on SIGTERM/SIGINT
// (the Pod is being deleted). The outcome published afterwards is the one the hold kept back.
func (s *stepRun) holdIfFailed(r Result) {
	if s.plan.Debug != debugOnFailure || !holdsOnFailure(r.State) {
		return
	}
	until := s.clock.Now().Add(s.plan.DebugTimeout)
	untilText := until.UTC().Format(time.RFC3339)
	if err := s.hold.Begin(heldStep{Step: s.plan.Step, ExitCode: *r.ExitCode, Until: untilText}); err != nil {
		s.logf("cannot mark step %q as held (its readiness probe will not report the hold): %v", s.plan.Step, err)
	}
	s.logf("step %q failed (exit %d); held for debugging until %s. End it with: kubectl exec %s -c %s -- /kueueleuleu/entrypoint release",
		s.plan.Step, *r.ExitCode, untilText, s.pod, s.plan.Step)
	s.logf("step %q: hold ended %s", s.plan.Step, s.awaitRelease())
	if err := s.hold.End(); err != nil {
		s.logf("cannot remove the hold files of step %q: %v", s.plan.Step, err)
	}
}

// awaitRelease waits for the end of the hold and says what ended it.
func (s *stepRun) awaitRelease() string {
	t := s.clock.NewTimer(s.plan.DebugTimeout)
	defer t.Stop()
	for {
		select {
		case <-s.hold.Released():
			return "by the release file"
		case <-t.C():
			return "after --debug-timeout=" + s.plan.DebugTimeout.String()
		case received := <-s.signals:
			sig := received.(syscall.Signal)
			if endsWaiting(sig) {
				return "by " + signalName(sig)
			}
			s.logf("ignoring %s: the step is held for debugging and its command has ended", signalName(sig))
		}
	}
}
