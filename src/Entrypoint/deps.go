package main

import (
	"fmt"
	"strings"
)

// dependencyOK says whether a dependency in this state lets its on-success dependants run.
// condition-false is not a problem either: it is judged after the problems (when.go).
func dependencyOK(s State) bool {
	return s == StateSucceeded || s == StateContinued || s == StateConditionFalse
}

// dependencyProblems returns an empty string when every dependency let the step run, or a message
// naming each one that did not and its state, in --after order.
func dependencyProblems(after []string, markers map[string]Result) string {
	var problems []string
	for _, name := range after {
		m, ok := markers[name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("dependency %q has no marker", name))
		case !dependencyOK(m.State):
			problems = append(problems, fmt.Sprintf("dependency %q %s", name, describeState(m.State)))
		}
	}
	if len(problems) == 0 {
		return ""
	}
	return strings.Join(problems, ", ") + "; the command never ran"
}

// describeState keeps the state's wire name in the sentence, so the message can be grepped for it.
func describeState(s State) string {
	switch s {
	case stateDied:
		return "ended without recording an outcome (its process was killed: SIGKILL, the OOM killer or a node-level kill)"
	case StateFailed, StateTimedOut, StateSkipped, StateSucceeded, StateContinued, StateConditionFalse:
		return "is " + string(s)
	default:
		return fmt.Sprintf("has unknown state %q", string(s))
	}
}
