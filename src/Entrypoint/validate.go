package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The checks of run mode's flag values. Each error names its flag, because it is shown to whoever
// wrote the call (usually a converter bug, or an old entrypoint image meeting a newer converter).

// stepFlag is --step, which is required.
func stepFlag(values map[string]string) (string, error) {
	v, given := values["step"]
	if !given {
		return "", errors.New("--step is required")
	}
	if err := validateStepName(v); err != nil {
		return "", fmt.Errorf("--step: %v", err)
	}
	return v, nil
}

// afterFlag is --after; self is the step's own name, or empty when it is not known.
func afterFlag(value, self string) ([]string, error) {
	after, err := parseAfter(value, self)
	if err != nil {
		return nil, fmt.Errorf("--after: %v", err)
	}
	return after, nil
}

func onErrorFlag(v string) (string, error) {
	if v != onErrorStop && v != onErrorContinue {
		return "", fmt.Errorf("--on-error: %q is neither %q nor %q", v, onErrorStop, onErrorContinue)
	}
	return v, nil
}

func restartPolicyFlag(v string) (string, error) {
	if v != restartNever && v != restartOnFailure && v != restartAlways {
		return "", fmt.Errorf("--restart-policy: %q is not one of %s, %s, %s", v, restartNever, restartOnFailure, restartAlways)
	}
	return v, nil
}

// timeoutFlag is --timeout; an empty value means no timeout, so a converter can always pass the flag.
func timeoutFlag(v string) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--timeout: %q is not a positive duration such as 30s or 5m", v)
	}
	return d, nil
}

func pollIntervalFlag(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--poll-interval: %q is not a positive duration such as 50ms or 1s", v)
	}
	return d, nil
}

func timeoutGraceFlag(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("--timeout-grace: %q is not a duration such as 5s (0 kills at once)", v)
	}
	return d, nil
}

// commandAfterSeparator requires "--" and a command name after it.
func commandAfterSeparator(f scannedFlags) error {
	if !f.sawSeparator {
		return errors.New("missing \"--\" before the command")
	}
	if len(f.command) == 0 || f.command[0] == "" {
		return errors.New("no command after \"--\"")
	}
	return nil
}

// parseAfter splits the dependency list. Empty items are tolerated so that a converter joining an
// empty list still produces a valid call.
func parseAfter(value, self string) ([]string, error) {
	var deps []string
	seen := map[string]bool{}
	for _, name := range strings.Split(value, ",") {
		name = strings.TrimSpace(name)
		if name == "" || seen[name] {
			continue
		}
		if err := validateStepName(name); err != nil {
			return nil, err
		}
		if self != "" && name == self {
			return nil, fmt.Errorf("step %q cannot wait for itself", name)
		}
		seen[name] = true
		deps = append(deps, name)
	}
	return deps, nil
}

// validateStepName accepts DNS-1123 labels, which is what container names are. Besides catching
// converter bugs early, it guarantees that a name is a safe single path element for its marker file.
func validateStepName(name string) error {
	if name == "" {
		return errors.New("step name is empty")
	}
	if len(name) > 63 {
		return fmt.Errorf("step name %q is longer than 63 characters", name)
	}
	for i, c := range name {
		alnum := (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
		if alnum || (c == '-' && i != 0 && i != len(name)-1) {
			continue
		}
		return fmt.Errorf("step name %q is not a DNS-1123 label (lower-case letters, digits and inner '-')", name)
	}
	return nil
}
