package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
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
)

var errHelp = errors.New("help requested")

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
	Command        []string
}

type flagKind int

const (
	stringFlag flagKind = iota
	boolFlag
)

var runFlags = map[string]flagKind{
	"step":            stringFlag,
	"after":           stringFlag,
	"on-error":        stringFlag,
	"restart-policy":  stringFlag,
	"timeout":         stringFlag,
	"timeout-grace":   stringFlag,
	"termination-log": stringFlag,
	"dir":             stringFlag,
	"force-poll":      boolFlag,
	"help":            boolFlag,
}

// parseRunArgs parses the run-mode arguments. It keeps going after the first error so that the
// returned config still carries --step, --dir and --termination-log when they were given: a step
// that was invoked wrongly can then still record a failure instead of leaving dependants waiting.
func parseRunArgs(args []string) (runConfig, error) {
	cfg := runConfig{OnError: onErrorStop, RestartPolicy: restartNever, TimeoutGrace: defaultTimeoutGrace}
	var firstErr error
	fail := func(format string, a ...any) {
		if firstErr == nil {
			firstErr = fmt.Errorf(format, a...)
		}
	}
	seen := map[string]bool{}
	values := map[string]string{}
	sawSeparator := false

	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			sawSeparator = true
			cfg.Command = args[i+1:]
			break
		}
		if !strings.HasPrefix(arg, "--") || arg == "--" {
			fail("unexpected argument %q before \"--\"", arg)
			continue
		}
		name, value, hasValue := strings.Cut(arg[2:], "=")
		kind, known := runFlags[name]
		if !known {
			fail("unknown flag --%s", name)
			continue
		}
		if seen[name] {
			fail("flag --%s given more than once", name)
			continue
		}
		seen[name] = true
		switch kind {
		case boolFlag:
			if hasValue {
				b, err := strconv.ParseBool(value)
				if err != nil {
					fail("flag --%s: %q is not a boolean", name, value)
					continue
				}
				values[name] = strconv.FormatBool(b)
			} else {
				values[name] = "true"
			}
		case stringFlag:
			if !hasValue {
				// "--" is never taken as a value: it always separates the command.
				if i+1 >= len(args) || args[i+1] == "--" {
					fail("flag --%s needs a value", name)
					continue
				}
				i++
				value = args[i]
			}
			values[name] = value
		}
	}

	if values["help"] == "true" {
		return cfg, errHelp
	}

	if v, ok := values["step"]; ok {
		if err := validateStepName(v); err != nil {
			fail("--step: %v", err)
		} else {
			cfg.Step = v
		}
	} else {
		fail("--step is required")
	}
	cfg.Dir = values["dir"]
	cfg.TerminationLog = values["termination-log"]
	cfg.ForcePoll = values["force-poll"] == "true"

	after, err := parseAfter(values["after"], cfg.Step)
	if err != nil {
		fail("--after: %v", err)
	}
	cfg.After = after

	if v, ok := values["on-error"]; ok {
		if v != onErrorStop && v != onErrorContinue {
			fail("--on-error: %q is neither %q nor %q", v, onErrorStop, onErrorContinue)
		} else {
			cfg.OnError = v
		}
	}
	if v, ok := values["restart-policy"]; ok {
		if v != restartNever && v != restartOnFailure && v != restartAlways {
			fail("--restart-policy: %q is not one of %s, %s, %s", v, restartNever, restartOnFailure, restartAlways)
		} else {
			cfg.RestartPolicy = v
		}
	}
	if v := values["timeout"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			fail("--timeout: %q is not a positive duration such as 30s or 5m", v)
		} else {
			cfg.Timeout = d
		}
	}
	if v, ok := values["timeout-grace"]; ok {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			fail("--timeout-grace: %q is not a duration such as 5s (0 kills at once)", v)
		} else {
			cfg.TimeoutGrace = d
		}
	}

	if !sawSeparator {
		fail("missing \"--\" before the command")
	} else if len(cfg.Command) == 0 || cfg.Command[0] == "" {
		fail("no command after \"--\"")
	}
	return cfg, firstErr
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
