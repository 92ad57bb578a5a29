package main

import (
	"errors"
	"time"
)

const (
	onErrorStop     = "stop"
	onErrorContinue = "continue"

	// The Pod's restartPolicy, spelled as Kubernetes spells it.
	restartNever     = "Never"
	restartOnFailure = "OnFailure"
	restartAlways    = "Always"

	defaultTimeoutGrace = 5 * time.Second

	// --when: whether the command runs, given the dependencies' outcomes (when.go).
	whenOnSuccess = "on-success"
	whenOnFailure = "on-failure"
	whenAlways    = "always"

	// --debug: whether a failed step is held for debugging before it publishes its outcome (hold.go).
	debugNever     = "never"
	debugOnFailure = "on-failure"

	defaultRetryBackoff      = time.Second
	defaultDebugTimeout      = time.Hour
	defaultTerminationBudget = maxTerminationBudget
)

var errHelp = errors.New("help requested")

// runConfig is the run plan: what run mode was asked to do, every value checked.
type runConfig struct {
	Step           string
	After          []string
	OnError        string
	RestartPolicy  string        // the Pod's restartPolicy: whether the kubelet restarts a step that died
	Timeout        time.Duration // zero: no timeout
	TimeoutGrace   time.Duration
	TerminationLog string // empty: not written
	Dir            string // empty: the directory of the running binary
	ForcePoll      bool
	PollInterval   time.Duration // zero: defaultPollInterval

	Retries           int           // extra attempts after a failed one
	RetryBackoff      time.Duration // the wait before the second attempt, doubled for each further one
	When              string
	Debug             string
	DebugTimeout      time.Duration
	TerminationBudget int // bytes the termination message may take

	Command []string
}

func defaultRunConfig() runConfig {
	return runConfig{
		OnError: onErrorStop, RestartPolicy: restartNever, TimeoutGrace: defaultTimeoutGrace,
		RetryBackoff: defaultRetryBackoff, When: whenOnSuccess, Debug: debugNever,
		DebugTimeout: defaultDebugTimeout, TerminationBudget: defaultTerminationBudget,
	}
}

// deathIsFinal says whether a dependency that died without an outcome is over: only when the
// kubelet will not restart it, since otherwise its next run writes the marker.
func (c runConfig) deathIsFinal() bool { return c.RestartPolicy == restartNever }

// markerMustSurviveCrash says whether the marker is fsynced before dependants may read it. Only a
// marker that can be read after the node crashes needs it: with OnFailure or Always the kubelet
// gives the Pod a new sandbox after a reboot, keeps the steps that succeeded (OnFailure) and starts
// the others, which wait for the markers on the same disk-backed volume. With Never, no container of
// the Pod runs again once its node went down (the Pod fails, and a Job makes a new Pod with a new
// volume), so a marker lost with the page cache is never missed, and the fsync would only delay the
// hand-off (docs/entrypoint.md, "Marker files").
func (c runConfig) markerMustSurviveCrash() bool { return c.RestartPolicy != restartNever }

// parseRunArgs parses the run-mode arguments: flag syntax first (scanRunFlags), then the values
// (planRun). The error is the first one found, syntax before values. The config still carries
// --step, --dir and --termination-log when they were valid, so that a step that was invoked wrongly
// can record a failure instead of leaving dependants waiting.
func parseRunArgs(args []string) (runConfig, error) {
	flags, scanErr := scanRunFlags(args)
	if flags.help() {
		return defaultRunConfig(), errHelp
	}
	cfg, planErr := planRun(flags)
	if scanErr != nil {
		return cfg, scanErr
	}
	return cfg, planErr
}

// planRun checks each flag's value and builds the run plan from them and the defaults. It goes on
// after an invalid value, keeping the default for it, and returns the first error in the order of
// the fields below.
func planRun(f scannedFlags) (runConfig, error) {
	cfg := defaultRunConfig()
	var firstErr error
	ok := func(err error) bool {
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return err == nil
	}
	if step, err := stepFlag(f.values); ok(err) {
		cfg.Step = step
	}
	cfg.Dir = f.values["dir"]
	cfg.TerminationLog = f.values["termination-log"]
	cfg.ForcePoll = f.values["force-poll"] == "true"
	if v, given := f.values["poll-interval"]; given {
		if interval, err := pollIntervalFlag(v); ok(err) {
			cfg.PollInterval = interval
		}
	}
	if after, err := afterFlag(f.values["after"], cfg.Step); ok(err) {
		cfg.After = after
	}
	if v, given := f.values["on-error"]; given {
		if onError, err := onErrorFlag(v); ok(err) {
			cfg.OnError = onError
		}
	}
	if v, given := f.values["restart-policy"]; given {
		if policy, err := restartPolicyFlag(v); ok(err) {
			cfg.RestartPolicy = policy
		}
	}
	if timeout, err := timeoutFlag(f.values["timeout"]); ok(err) {
		cfg.Timeout = timeout
	}
	if v, given := f.values["timeout-grace"]; given {
		if grace, err := timeoutGraceFlag(v); ok(err) {
			cfg.TimeoutGrace = grace
		}
	}
	policyFlags(&cfg, f.values, ok)
	ok(commandAfterSeparator(f))
	cfg.Command = f.command
	return cfg, firstErr
}

// policyFlags reads the step-policy flags into cfg, in their order on the command line, then
// checks that they do not contradict each other.
func policyFlags(cfg *runConfig, values map[string]string, ok func(error) bool) {
	valid := true
	check := func(err error) bool {
		valid = valid && err == nil
		return ok(err)
	}
	if v, given := values["retries"]; given {
		if n, err := retriesFlag(v); check(err) {
			cfg.Retries = n
		}
	}
	if v, given := values["retry-backoff"]; given {
		if d, err := positiveDurationFlag("retry-backoff", v); check(err) {
			cfg.RetryBackoff = d
		}
	}
	if v, given := values["when"]; given {
		if when, err := whenFlag(v); check(err) {
			cfg.When = when
		}
	}
	if v, given := values["debug"]; given {
		if debug, err := debugFlag(v); check(err) {
			cfg.Debug = debug
		}
	}
	if v, given := values["debug-timeout"]; given {
		if d, err := positiveDurationFlag("debug-timeout", v); check(err) {
			cfg.DebugTimeout = d
		}
	}
	if v, given := values["termination-budget"]; given {
		if n, err := terminationBudgetFlag(v); check(err) {
			cfg.TerminationBudget = n
		}
	}
	if valid {
		// A contradiction is judged only on values that were all read: an invalid --retries must
		// be reported as such, not as a --retry-backoff without retries.
		ok(policyContradiction(*cfg, values))
	}
}
