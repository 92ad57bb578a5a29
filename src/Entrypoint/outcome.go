package main

import (
	"fmt"
	"syscall"
	"time"
)

// exitInfo describes how the command ended.
type exitInfo struct {
	Code     int            // the exit code, or 128+N when killed by signal N
	Signal   syscall.Signal // zero unless killed by a signal
	TimedOut bool
	Timeout  time.Duration
	Message  string // preset message, e.g. why the command could not start
	Note     string // appended to the message: why no further attempt ran
}

func exitInfoFromStatus(ws syscall.WaitStatus) exitInfo {
	if ws.Signaled() {
		return exitInfo{Code: exitSignalsBase + int(ws.Signal()), Signal: ws.Signal()}
	}
	return exitInfo{Code: ws.ExitStatus()}
}

// classify turns how the command ended into the step's state and message.
func classify(e exitInfo, onError string) (State, string) {
	msg := e.Message
	state := StateFailed
	switch {
	case e.TimedOut:
		state = StateTimedOut
		msg = fmt.Sprintf("timed out after %s; its process group was killed (%s)", e.Timeout, describeExit(e))
	case e.Code == 0 && e.Signal == 0:
		return StateSucceeded, msg
	case msg == "":
		msg = describeExit(e)
	}
	if e.Note != "" {
		msg += "; " + e.Note
	}
	if onError == onErrorContinue {
		return StateContinued, msg + "; continuing because of --on-error=continue"
	}
	return state, msg
}

func describeExit(e exitInfo) string {
	if e.Signal != 0 {
		return fmt.Sprintf("killed by %s, exit code %d", signalName(e.Signal), e.Code)
	}
	return fmt.Sprintf("exited with code %d", e.Code)
}

// exitCodeFor is the container's exit code for a recorded state.
func exitCodeFor(r Result) int {
	switch r.State {
	case StateSucceeded, StateContinued, StateConditionFalse:
		return 0
	case StateSkipped:
		return exitSkipped
	case StateTimedOut:
		return exitTimedOut
	default:
		if r.ExitCode != nil && *r.ExitCode != 0 {
			return *r.ExitCode
		}
		return 1
	}
}
