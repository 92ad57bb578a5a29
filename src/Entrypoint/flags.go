package main

import (
	"fmt"
	"strconv"
	"strings"
)

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
	"poll-interval":   stringFlag,
	"help":            boolFlag,

	"retries":            stringFlag,
	"retry-backoff":      stringFlag,
	"when":               stringFlag,
	"debug":              stringFlag,
	"debug-timeout":      stringFlag,
	"termination-budget": stringFlag,
}

// scannedFlags is run mode's command line split into flags and command, before any value is checked.
type scannedFlags struct {
	// values holds each flag read with a valid value, by name without "--"; booleans as "true" or "false".
	values map[string]string
	// sawSeparator: a "--" was found; command is everything after it.
	sawSeparator bool
	command      []string
	known        map[string]flagKind
}

func (f scannedFlags) help() bool { return f.values["help"] == "true" }

// scanRunFlags splits the arguments at the first "--" and reads the flags before it, as
// --flag=value or --flag value. It only checks the syntax (known flags, each given once, values
// present, booleans), and goes on after an error, returning the first one with every flag it could
// read, so that --step, --dir and --termination-log survive a mistake elsewhere.
func scanRunFlags(args []string) (scannedFlags, error) {
	return scanFlags(args, runFlags)
}

// scanFlags is scanRunFlags for any set of known flags (the verbs share the syntax of run mode).
func scanFlags(args []string, known map[string]flagKind) (scannedFlags, error) {
	f := scannedFlags{values: map[string]string{}, known: known}
	seen := map[string]bool{}
	var firstErr error
	for i := 0; i < len(args); i++ {
		if args[i] == "--" {
			f.sawSeparator, f.command = true, args[i+1:]
			break
		}
		consumed, err := f.readFlag(args[i:], seen)
		i += consumed
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return f, firstErr
}

// readFlag reads the flag in args[0], taking its value from args[1] when it has no "=value"; it
// returns how many arguments after args[0] it used. A rejected flag uses none, so its would-be value
// is reported as an argument of its own.
func (f scannedFlags) readFlag(args []string, seen map[string]bool) (int, error) {
	arg := args[0]
	if !strings.HasPrefix(arg, "--") {
		return 0, fmt.Errorf("unexpected argument %q before \"--\"", arg)
	}
	name, value, hasValue := strings.Cut(arg[2:], "=")
	kind, known := f.known[name]
	if !known {
		return 0, fmt.Errorf("unknown flag --%s", name)
	}
	if seen[name] {
		return 0, fmt.Errorf("flag --%s given more than once", name)
	}
	seen[name] = true
	switch {
	case kind == boolFlag:
		return 0, f.setBool(name, value, hasValue)
	case hasValue:
		f.values[name] = value
		return 0, nil
	case len(args) < 2 || args[1] == "--":
		// "--" is never taken as a value: it always separates the command.
		return 0, fmt.Errorf("flag --%s needs a value", name)
	default:
		f.values[name] = args[1]
		return 1, nil
	}
}

// setBool records a boolean flag: given alone it is true, with "=value" whatever strconv reads there.
func (f scannedFlags) setBool(name, value string, hasValue bool) error {
	if !hasValue {
		f.values[name] = "true"
		return nil
	}
	b, err := strconv.ParseBool(value)
	if err != nil {
		return fmt.Errorf("flag --%s: %q is not a boolean", name, value)
	}
	f.values[name] = strconv.FormatBool(b)
	return nil
}
