package main

import (
	"fmt"
	"os"
	"syscall"
)

// forwardedSignals reach the command's process group. SIGTERM is what the kubelet sends on Pod
// deletion; the others are commonly used for reload, dumps and log rotation.
var forwardedSignals = []os.Signal{
	syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2,
}

// endsWaiting says whether a signal received before the command started ends the step.
func endsWaiting(s os.Signal) bool {
	return s == syscall.SIGTERM || s == syscall.SIGINT
}

var signalNames = map[syscall.Signal]string{
	syscall.SIGHUP: "SIGHUP", syscall.SIGINT: "SIGINT", syscall.SIGQUIT: "SIGQUIT", syscall.SIGILL: "SIGILL",
	syscall.SIGTRAP: "SIGTRAP", syscall.SIGABRT: "SIGABRT", syscall.SIGBUS: "SIGBUS", syscall.SIGFPE: "SIGFPE",
	syscall.SIGKILL: "SIGKILL", syscall.SIGUSR1: "SIGUSR1", syscall.SIGSEGV: "SIGSEGV", syscall.SIGUSR2: "SIGUSR2",
	syscall.SIGPIPE: "SIGPIPE", syscall.SIGALRM: "SIGALRM", syscall.SIGTERM: "SIGTERM", syscall.SIGXCPU: "SIGXCPU",
	syscall.SIGXFSZ: "SIGXFSZ", syscall.SIGSYS: "SIGSYS",
}

func signalName(s syscall.Signal) string {
	if n, ok := signalNames[s]; ok {
		return n
	}
	return fmt.Sprintf("signal %d", int(s))
}

// signalGroup sends s to the command's whole process group. A group that is already gone is not an error.
func signalGroup(pgid int, s syscall.Signal) {
	if err := syscall.Kill(-pgid, s); err != nil && err != syscall.ESRCH {
		logf("cannot send %s to process group %d: %v", signalName(s), pgid, err)
	}
}
