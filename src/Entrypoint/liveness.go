package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// A running step holds a POSIX record lock on DIR/steps/NAME.lock until its process ends, however it
// ends: the kernel drops the lock when the process dies, even by SIGKILL, and then closes the file,
// which inotify reports to the waiting dependants as IN_CLOSE_WRITE on NAME.lock. A dependant that
// finds the lock free and no marker knows the step died without recording an outcome.
//
// POSIX locks rather than flock or OFD locks: the kernel removes a process's POSIX locks while
// closing its descriptors (filp_close), before the close event is sent; flock and OFD locks go only
// later, in the final release of the file, so a woken dependant could still see them held.

func livenessName(step string) string { return step + ".lock" }

// liveness keeps the lock file open for the life of the process; closing it would drop the lock,
// and so would the garbage collector's finalizer if nothing referenced it.
var liveness *os.File

// holdLiveness publishes DIR/steps/NAME.lock, already locked: it is locked under a temporary name and
// renamed into place, so a lock file under its final name that is not locked means its holder ended.
func holdLiveness(stepsDir, step string) (err error) {
	f, err := os.CreateTemp(stepsDir, "."+livenessName(step)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	// Dependants running as other users must be able to open it to test the lock.
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	lock := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 0, Len: 0}
	if err = syscall.FcntlFlock(f.Fd(), syscall.F_SETLK, &lock); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), filepath.Join(stepsDir, livenessName(step))); err != nil {
		return err
	}
	liveness = f
	return nil
}

type livenessState int

const (
	notStarted livenessState = iota // no lock file: the step's entrypoint has not started yet
	alive                           // its lock is held, or it cannot be told
	ended                           // its lock file is there and free: its process has ended
)

// probeLiveness tests a step's lock without taking it. It must not be called on the caller's own
// step: a process never conflicts with its own POSIX locks, and closing the probe would drop them.
func probeLiveness(stepsDir, step string) (livenessState, error) {
	f, err := os.Open(filepath.Join(stepsDir, livenessName(step)))
	if errors.Is(err, fs.ErrNotExist) {
		return notStarted, nil
	}
	if err != nil {
		return alive, err
	}
	defer f.Close()
	probe := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 0, Len: 0}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &probe); err != nil {
		return alive, err
	}
	if probe.Type == syscall.F_UNLCK {
		return ended, nil
	}
	return alive, nil
}
