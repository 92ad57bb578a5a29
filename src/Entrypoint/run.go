package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// run is run mode: wait for the dependencies, run the command, record the outcome.
func run(cfg runConfig) int {
	// Signals are caught before anything else, so that a SIGTERM during the wait is handled
	// instead of killing the entrypoint without a marker.
	sigs := make(chan os.Signal, 16)
	signal.Notify(sigs, forwardedSignals...)
	reaper := startReaper()

	stepsDir, err := resolveStepsDir(cfg.Dir)
	if err != nil {
		logf("%v", err)
		return 1
	}
	if err := ensureStepsDir(stepsDir); err != nil {
		logf("cannot create the marker directory: %v", err)
		return 1
	}
	if err := removeStaleMarker(stepsDir, cfg.Step); err != nil {
		logf("cannot remove the marker of an earlier run: %v", err)
	}
	if err := holdLiveness(stepsDir, cfg.Step); err != nil {
		logf("cannot lock %s (steps waiting for this one will not notice if it is killed): %v", livenessName(cfg.Step), err)
	}

	markers, stopped := awaitDependencies(cfg, stepsDir, sigs)
	if stopped != nil {
		return finish(cfg, stepsDir, Result{
			Step: cfg.Step, State: StateSkipped, FinishedAt: formatTime(time.Now()),
			Message: fmt.Sprintf("received %s while waiting for dependencies; the command never ran", signalName(stopped.(syscall.Signal))),
		})
	}
	if problems := dependencyProblems(cfg.After, markers); problems != "" {
		return finish(cfg, stepsDir, Result{
			Step: cfg.Step, State: StateSkipped, FinishedAt: formatTime(time.Now()), Message: problems,
		})
	}
	return execute(cfg, stepsDir, reaper, sigs)
}

// resolveStepsDir finds DIR/steps: DIR is --dir, or where the binary was copied to.
func resolveStepsDir(dir string) (string, error) {
	if dir == "" {
		self, err := executablePath()
		if err != nil {
			return "", fmt.Errorf("cannot find the running binary, pass --dir: %v", err)
		}
		dir = filepath.Dir(self)
	}
	return filepath.Join(dir, stepsDirName), nil
}

// awaitDependencies returns the dependencies' markers, or the signal that ended the wait.
func awaitDependencies(cfg runConfig, stepsDir string, sigs chan os.Signal) (map[string]Result, os.Signal) {
	if len(cfg.After) == 0 {
		return nil, nil
	}
	ready := make(chan map[string]Result, 1)
	go func() {
		deathIsFinal := cfg.RestartPolicy == restartNever
		ready <- waitForMarkers(stepsDir, cfg.After, deathIsFinal, cfg.ForcePoll, func(missing []string) {
			logf("step %q waiting for %s", cfg.Step, strings.Join(sorted(missing), ", "))
		})
	}()
	for {
		select {
		case m := <-ready:
			return m, nil
		case s := <-sigs:
			if endsWaiting(s) {
				return nil, s
			}
			logf("ignoring %s: the command has not started yet", signalName(s.(syscall.Signal)))
		}
	}
}

// execute starts the command and waits for it, forwarding signals and enforcing the timeout.
func execute(cfg runConfig, stepsDir string, reaper *reaper, sigs chan os.Signal) int {
	// A termination request that raced with the last dependency finishing must not start a
	// command that would be killed at once.
	select {
	case s := <-sigs:
		if endsWaiting(s) {
			return finish(cfg, stepsDir, Result{
				Step: cfg.Step, State: StateSkipped, FinishedAt: formatTime(time.Now()),
				Message: fmt.Sprintf("received %s before the command started; it never ran", signalName(s.(syscall.Signal))),
			})
		}
	default:
	}

	name := cfg.Command[0]
	started := time.Now()
	path, err := lookPath(name)
	var pid int
	if err == nil {
		pid, err = reaper.spawn(path, cfg.Command)
	}
	if err != nil {
		code, msg := startFailure(name, err)
		return record(cfg, stepsDir, started, time.Now(), exitInfo{Code: code, Message: msg})
	}

	var timeoutC, graceC <-chan time.Time
	if cfg.Timeout > 0 {
		t := time.NewTimer(cfg.Timeout - time.Since(started))
		defer t.Stop()
		timeoutC = t.C
	}
	timedOut := false
	for {
		select {
		case s := <-sigs:
			signalGroup(pid, s.(syscall.Signal))
		case <-timeoutC:
			timeoutC = nil
			timedOut = true
			logf("step %q timed out after %s: sending SIGTERM to its process group", cfg.Step, cfg.Timeout)
			signalGroup(pid, syscall.SIGTERM)
			if cfg.TimeoutGrace > 0 {
				g := time.NewTimer(cfg.TimeoutGrace)
				defer g.Stop()
				graceC = g.C
			} else {
				signalGroup(pid, syscall.SIGKILL)
			}
		case <-graceC:
			graceC = nil
			logf("step %q still running %s after SIGTERM: sending SIGKILL", cfg.Step, cfg.TimeoutGrace)
			signalGroup(pid, syscall.SIGKILL)
		case ws := <-reaper.exited:
			finished := time.Now()
			info := exitInfoFromStatus(ws)
			if timedOut {
				// The leader may have gone while other members ignore SIGTERM; a timeout ends them all.
				signalGroup(pid, syscall.SIGKILL)
				info.TimedOut, info.Timeout = true, cfg.Timeout
			}
			return record(cfg, stepsDir, started, finished, info)
		}
	}
}

func record(cfg runConfig, stepsDir string, started, finished time.Time, info exitInfo) int {
	state, msg := classify(info, cfg.OnError)
	return finish(cfg, stepsDir, Result{
		Step: cfg.Step, State: state, ExitCode: intPtr(info.Code),
		StartedAt: formatTime(started), FinishedAt: formatTime(finished), Message: msg,
	})
}

// finish publishes the outcome: the marker first, because dependants are waiting for it, then the
// termination message. Neither failure changes the exit code, which belongs to the command.
func finish(cfg runConfig, stepsDir string, r Result) int {
	if err := writeMarker(stepsDir, cfg.Step, r.encode()); err != nil {
		logf("cannot write the marker of step %q (steps waiting for it will find no outcome): %v", cfg.Step, err)
	}
	writeTerminationLog(cfg.TerminationLog, r.terminationLine())
	if r.State != StateSucceeded {
		logf("step %q %s: %s", cfg.Step, r.State, truncateMessage(r.Message, maxMessageBytes))
	}
	return exitCodeFor(r)
}

func writeTerminationLog(path string, data []byte) {
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err == nil {
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		logf("cannot write the termination message to %s: %v", path, err)
	}
}

// recordUsageFailure records a failed step after a wrong invocation when the step is known and its
// marker directory already exists, so that dependants skip instead of waiting forever.
func recordUsageFailure(cfg runConfig, cause error) {
	if cfg.Step == "" {
		return
	}
	stepsDir, err := resolveStepsDir(cfg.Dir)
	if err != nil {
		return
	}
	if st, err := os.Stat(stepsDir); err != nil || !st.IsDir() {
		return
	}
	now := formatTime(time.Now())
	finish(cfg, stepsDir, Result{
		Step: cfg.Step, State: StateFailed, ExitCode: intPtr(exitUsage), StartedAt: now, FinishedAt: now,
		Message: "the entrypoint was called wrongly: " + cause.Error(),
	})
}

func sorted(names []string) []string {
	sort.Strings(names)
	return names
}
