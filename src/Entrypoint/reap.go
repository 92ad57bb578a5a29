package main

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

const prSetChildSubreaper = 36

// reaper collects every exited child. The entrypoint is usually PID 1 of its container, so orphaned
// grandchildren are re-parented to it and would stay zombies unless someone waits for them; a
// single Wait4(-1) loop does that and still recognises the command's own exit status, which
// exec.Cmd.Wait could not share with such a loop.
type reaper struct {
	mu     sync.Mutex // held across fork and around reaping, so the child's pid is known before its status can be collected
	child  int
	exited chan syscall.WaitStatus
	sigchl chan os.Signal
}

func startReaper() *reaper {
	// When the entrypoint is not PID 1 (shareProcessNamespace, tests), becoming a subreaper still
	// makes the command's orphans ours to reap and keeps them out of other processes' way.
	syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0)

	r := &reaper{exited: make(chan syscall.WaitStatus, 1), sigchl: make(chan os.Signal, 1)}
	signal.Notify(r.sigchl, syscall.SIGCHLD)
	go r.loop()
	return r
}

func (r *reaper) loop() {
	for range r.sigchl {
		r.reapAll()
	}
}

// reapAll collects every child that has exited. SIGCHLDs coalesce, hence the loop until none is left.
func (r *reaper) reapAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || pid <= 0 {
			return
		}
		if pid == r.child && r.child != 0 {
			trace.mark(phaseExited)
			r.exited <- ws
		}
	}
}

// spawn starts the command in its own process group, so that signals and the timeout reach
// everything it started, not only its first process.
func (r *reaper) spawn(path string, argv, env []string) (int, error) {
	attr := &syscall.ProcAttr{
		Env:   env,
		Files: stdFiles(),
		Sys:   &syscall.SysProcAttr{Setpgid: true},
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	pid, err := syscall.ForkExec(path, argv, attr)
	if err != nil {
		return 0, err
	}
	r.child = pid
	return pid, nil
}
