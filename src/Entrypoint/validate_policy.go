package main

import (
	"fmt"
	"strconv"
	"time"
)

// The checks of the step-policy flags (retries, when, debug hold, termination budget). Like
// validate.go, each error names its flag; the cross-checks name both flags.

const (
	maxRetries = 100

	// The kubelet reads at most the last 4096 bytes of a termination-message file.
	maxTerminationBudget = 4096
)

func retriesFlag(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxRetries {
		return 0, fmt.Errorf("--retries: %q is not a whole number from 0 to %d", v, maxRetries)
	}
	return n, nil
}

// positiveDurationFlag checks the value of a flag that takes a duration greater than zero.
func positiveDurationFlag(name, v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--%s: %q is not a positive duration such as 2s or 5m", name, v)
	}
	return d, nil
}

func whenFlag(v string) (string, error) {
	if v != whenOnSuccess && v != whenOnFailure && v != whenAlways {
		return "", fmt.Errorf("--when: %q is not one of %s, %s, %s", v, whenOnSuccess, whenOnFailure, whenAlways)
	}
	return v, nil
}

func debugFlag(v string) (string, error) {
	if v != debugNever && v != debugOnFailure {
		return "", fmt.Errorf("--debug: %q is neither %q nor %q", v, debugNever, debugOnFailure)
	}
	return v, nil
}

func terminationBudgetFlag(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxTerminationBudget {
		return 0, fmt.Errorf("--termination-budget: %q is not a number of bytes from 1 to %d (the kubelet reads at most %d)",
			v, maxTerminationBudget, maxTerminationBudget)
	}
	return n, nil
}

// policyContradiction rejects flag combinations that the step policies forbid, because one of the
// two flags could never take effect: a converter that writes them has a bug worth reporting.
func policyContradiction(cfg runConfig, given map[string]string) error {
	if _, ok := given["retry-backoff"]; ok && cfg.Retries == 0 {
		return fmt.Errorf("--retry-backoff: given without --retries greater than 0, so there is no retry to wait for")
	}
	if cfg.When == whenOnFailure && len(cfg.After) == 0 {
		return fmt.Errorf("--when=%s: the step has no --after, so nothing before it can fail and it would never run", whenOnFailure)
	}
	if _, ok := given["debug-timeout"]; ok && cfg.Debug != debugOnFailure {
		return fmt.Errorf("--debug-timeout: given without --debug=%s, so there is no hold to end", debugOnFailure)
	}
	return nil
}
