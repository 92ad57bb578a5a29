package main

import (
	"fmt"
	"strconv"
	"syscall"
	"time"
)

// attempt is how one run of the command ended.
type attempt struct {
	started, finished time.Time
	info              exitInfo
	startFailed       bool
	// stoppedBy is the SIGTERM or SIGINT forwarded while it ran: the Pod is going away, so no
	// further attempt starts.
	stoppedBy syscall.Signal
}

func (a attempt) succeeded() bool { return !a.info.TimedOut && a.info.Code == 0 && a.info.Signal == 0 }

// token is the attempt in the termination message's ATTEMPTS field: its exit code, or "t".
func (a attempt) token() string {
	if a.info.TimedOut {
		return "t"
	}
	return strconv.Itoa(a.info.Code)
}

func (a attempt) describe() string {
	if a.info.TimedOut {
		return "timed out"
	}
	return "exited with " + strconv.Itoa(a.info.Code)
}

// maxRetryBackoff caps the doubling, unless the first wait is already longer.
const maxRetryBackoff = 5 * time.Minute

// backoffBefore is the wait before attempt k (k >= 2): first, doubled for each attempt after the
// second, capped at max(5m, first).
func backoffBefore(k int, first time.Duration) time.Duration {
	limit := maxRetryBackoff
	if first > limit {
		limit = first
	}
	d := first
	for i := 2; i < k && d < limit; i++ {
		d *= 2
	}
	if d > limit {
		return limit
	}
	return d
}

// runAttempts runs the command up to 1 + --retries times, in this container: until an attempt
// succeeds, cannot start (a missing or non-executable command does not get better), is the last,
// or a SIGTERM/SIGINT says the Pod is going away. It returns the last attempt and the earlier
// attempts' tokens; a stop by a signal is noted in the last attempt's message.
func (s *stepRun) runAttempts(env []string) (attempt, []string) {
	total := 1 + s.plan.Retries
	var earlier []string
	var previous attempt
	var waited time.Duration
	for k := 1; ; k++ {
		if s.plan.Retries > 0 {
			s.announceAttempt(k, total, previous, waited)
		}
		a := s.runOnce(env)
		if a.succeeded() || a.startFailed || k == total {
			return a, earlier
		}
		if a.stoppedBy != 0 {
			a.info.Note = fmt.Sprintf("no further attempt: received %s during attempt %d of %d", signalName(a.stoppedBy), k, total)
			return a, earlier
		}
		waited = backoffBefore(k+1, s.plan.RetryBackoff)
		if sig := s.sleep(waited); sig != 0 {
			a.info.Note = fmt.Sprintf("no further attempt: received %s while waiting to start attempt %d of %d", signalName(sig), k+1, total)
			return a, earlier
		}
		earlier = append(earlier, a.token())
		previous = a
	}
}

// announceAttempt introduces each attempt in the container's log, so each attempt's output can be
// told from the others'.
func (s *stepRun) announceAttempt(k, total int, previous attempt, waited time.Duration) {
	if k == 1 {
		s.logf("step %q attempt 1 of %d", s.plan.Step, total)
		return
	}
	s.logf("step %q attempt %d of %d after attempt %d %s; waited %s", s.plan.Step, k, total, k-1, previous.describe(), waited)
}

// sleep waits d before the next attempt. A SIGTERM or SIGINT ends the wait and is returned; other
// signals have no command to reach.
func (s *stepRun) sleep(d time.Duration) syscall.Signal {
	t := s.clock.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case received := <-s.signals:
			sig := received.(syscall.Signal)
			if endsWaiting(sig) {
				return sig
			}
			s.logf("ignoring %s: no attempt is running", signalName(sig))
		case <-t.C():
			return s.pendingTermination()
		}
	}
}

// pendingTermination takes a SIGTERM or SIGINT that arrived with a timer's end, so that a command
// about to be killed is not started. Another signal found there is ignored like one during the wait.
func (s *stepRun) pendingTermination() syscall.Signal {
	select {
	case received := <-s.signals:
		if sig := received.(syscall.Signal); endsWaiting(sig) {
			return sig
		}
		s.logf("ignoring %s: no attempt is running", signalName(received.(syscall.Signal)))
	default:
	}
	return 0
}

// runOnce starts the command and supervises it to its end.
func (s *stepRun) runOnce(env []string) attempt {
	started := s.clock.Now()
	proc, err := s.command.Start(s.plan.Command, env)
	if err != nil {
		code, msg := startFailure(s.plan.Command[0], err)
		return attempt{started: started, finished: s.clock.Now(), info: exitInfo{Code: code, Message: msg}, startFailed: true}
	}
	a := s.supervise(proc, started)
	a.started = started
	return a
}
