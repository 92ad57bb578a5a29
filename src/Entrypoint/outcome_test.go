package main

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		name    string
		info    exitInfo
		onError string
		state   State
		exit    int
		msg     string
	}{
		{"success", exitInfo{Code: 0}, onErrorStop, StateSucceeded, 0, ""},
		{"success ignores continue", exitInfo{Code: 0}, onErrorContinue, StateSucceeded, 0, ""},
		{"failure", exitInfo{Code: 3}, onErrorStop, StateFailed, 3, "exited with code 3"},
		{"signal", exitInfo{Code: 137, Signal: syscall.SIGKILL}, onErrorStop, StateFailed, 137, "killed by SIGKILL"},
		{"not found", exitInfo{Code: 127, Message: "command \"x\" not found"}, onErrorStop, StateFailed, 127, "not found"},
		{"timeout", exitInfo{Code: 143, Signal: syscall.SIGTERM, TimedOut: true, Timeout: time.Second}, onErrorStop, StateTimedOut, 124, "timed out after 1s"},
		{"continue failure", exitInfo{Code: 3}, onErrorContinue, StateContinued, 0, "exited with code 3; continuing"},
		{"continue timeout", exitInfo{Code: 137, Signal: syscall.SIGKILL, TimedOut: true, Timeout: time.Second}, onErrorContinue, StateContinued, 0, "timed out"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			state, msg := classify(c.info, c.onError)
			exit := exitCodeFor(Result{State: state, ExitCode: intPtr(c.info.Code)})
			if state != c.state || exit != c.exit || !strings.Contains(msg, c.msg) {
				t.Fatalf("got %s/%d/%q, want %s/%d/~%q", state, exit, msg, c.state, c.exit, c.msg)
			}
		})
	}
	if got := exitCodeFor(Result{State: StateSkipped}); got != 125 {
		t.Fatalf("skipped exits %d", got)
	}
}
