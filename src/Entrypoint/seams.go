package main

import (
	"syscall"
	"time"
)

// The run logic (run.go) reaches the outside world only through these interfaces, so that its
// decisions (skip, run, forward, time out, classify, publish) are unit-tested with small in-memory
// implementations (run_test.go and its neighbours). The real implementations sit at the edge:
// markerDirWaiter (wait.go: inotify and POSIX locks), commandRunner (exec.go: execve in a process
// group, reaped by reap.go), outcomeFiles (publish.go: marker and termination log), resultsDir
// (results.go), holdFiles (hold_files.go) and systemClock (clock.go); runmode.go wires them together.
// The backoff between attempts and every other wait are Clock timers. The names are capitalised only to make the seams easy to find.

// Waiter blocks until every dependency has an outcome: a marker, or, when death is final, a
// process that ended without one (stateDied). It has no time limit; the caller stops listening
// when a signal ends the wait. announce is called once with the dependencies still missing, when
// there are any after the first look.
type Waiter interface {
	Wait(deps []string, announce func(missing []string)) map[string]Result
}

// Runner starts the command with its exact argv, its environment being the entrypoint's with env
// (NAME=value entries) added or replacing. A start failure is returned as the error that
// startFailure maps to an exit code (errNotFound or an execve errno).
type Runner interface {
	Start(argv, env []string) (Process, error)
}

// Process is a started command.
type Process interface {
	// Signal sends s to the command's whole process group; a group that is already gone is not an error.
	Signal(s syscall.Signal)
	// Exited delivers the command's wait status once, when the command has ended.
	Exited() <-chan syscall.WaitStatus
}

// OutcomeWriter publishes a step's outcome where its readers look for it. Failures are returned
// so the run logic can report them; neither changes the step's exit code.
type OutcomeWriter interface {
	// WriteMarker publishes the marker dependants wait for.
	WriteMarker(r Result) error
	// WriteTerminationMessage writes the line the kubelet reports; it is only called when the step
	// has a termination log.
	WriteTerminationMessage(line []byte) error
}

// Clock gives the run logic the time and its timers, so a timeout is a test's decision, not a wait.
type Clock interface {
	Now() time.Time
	NewTimer(d time.Duration) Timer
}

// Timer is the part of *time.Timer the run logic uses.
type Timer interface {
	C() <-chan time.Time
	Stop() bool
}

// ResultStore is the step's results directory, DIR/results/STEP.
type ResultStore interface {
	// Prepare creates the directory, empty, and returns its path (also when it fails, so that the
	// command's writes fail with a clear path).
	Prepare() (string, error)
	// Read returns the results in name order, and the entries that are not results, with why.
	Read() ([]resultFile, []ignoredEntry, error)
}

// Hold is the outside world of the debug hold: DIR/STEP.held, which the readiness probe tests,
// and DIR/STEP.release, which ends the hold.
type Hold interface {
	// Begin writes the .held file (after removing a .release left from before) and starts looking
	// for the release file.
	Begin(h heldStep) error
	// Released is closed once the release file exists.
	Released() <-chan struct{}
	// End stops looking and removes both files.
	End() error
}
