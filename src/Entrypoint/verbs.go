package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The verbs that report and end a debug hold (hold.go). `held` is the readiness probe the converter
// gives a step with --debug=on-failure, so the container is ready exactly while it is held;
// `release` is what a person runs with kubectl exec to end the hold.

var holdVerbFlags = map[string]flagKind{"step": stringFlag, "dir": stringFlag}

// holdVerbArgs reads --step and --dir; stepRequired is false for `release`, which can find the
// step itself.
func holdVerbArgs(verb string, args []string, stepRequired bool) (step, dir string, err error) {
	f, err := scanFlags(args, holdVerbFlags)
	if err == nil && f.sawSeparator {
		err = fmt.Errorf("unexpected \"--\": %s takes no command", verb)
	}
	if err != nil {
		return "", "", err
	}
	if _, given := f.values["step"]; given || stepRequired {
		if step, err = stepFlag(f.values); err != nil {
			return "", "", err
		}
	}
	dir, err = resolveDir(f.values["dir"])
	return step, dir, err
}

// heldVerb exits 0 while the step is held, 1 otherwise, 2 when called wrongly.
func heldVerb(args []string) int {
	step, dir, err := holdVerbArgs("held", args, true)
	if err != nil {
		logf("held: %v", err)
		usage(os.Stderr)
		return exitUsage
	}
	if _, err := os.Stat(heldPath(dir, step)); err != nil {
		return 1
	}
	return 0
}

// releaseVerb ends a hold by creating DIR/STEP.release; the held step notices it, publishes its
// outcome and exits. Without --step it releases the only held step in DIR.
func releaseVerb(args []string) int {
	step, dir, err := holdVerbArgs("release", args, false)
	if err != nil {
		logf("release: %v", err)
		usage(os.Stderr)
		return exitUsage
	}
	if step == "" {
		if step, err = onlyHeldStep(dir); err != nil {
			logf("release: %v", err)
			return 1
		}
	}
	if _, err := os.Stat(heldPath(dir, step)); err != nil {
		logf("release: step %q is not held (no %s)", step, heldPath(dir, step))
		return 1
	}
	f, err := os.OpenFile(releasePath(dir, step), os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		logf("release: cannot create %s: %v", releasePath(dir, step), err)
		return 1
	}
	f.Close()
	fmt.Printf("released step %q: it publishes its outcome and exits\n", step)
	return 0
}

// onlyHeldStep names the step held in dir when there is exactly one.
func onlyHeldStep(dir string) (string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*.held"))
	if err != nil {
		return "", err
	}
	var held []string
	for _, m := range matches {
		if step, ok := stepWithSuffix(filepath.Base(m), ".held"); ok {
			held = append(held, step)
		}
	}
	sort.Strings(held)
	switch len(held) {
	case 0:
		return "", fmt.Errorf("no step is held in %s", dir)
	case 1:
		return held[0], nil
	default:
		return "", errors.New("several steps are held (" + strings.Join(held, ", ") + "): pass --step=NAME")
	}
}
