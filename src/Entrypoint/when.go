package main

import (
	"fmt"
	"strings"
)

// whenVerdict is whether the command runs, and if not, the state and message the step records.
type whenVerdict struct {
	run     bool
	state   State
	message string
}

func runs() whenVerdict { return whenVerdict{run: true} }

// onFailureNotMet is the message of an on-failure step whose dependencies all went well.
const onFailureNotMet = "runs only when a dependency failed (when: OnFailure); every dependency succeeded; the command never ran"

// decideWhen applies --when to the dependencies' outcomes (markers, by step name; stateDied for one
// that died). A step that does not run because a dependency failed is skipped (exit 125, the run
// failed); one that does not run because its condition was not met is condition-false (exit 0,
// nothing failed), so that a report-on-failure step that was not needed does not fail the run.
func decideWhen(when string, after []string, markers map[string]Result) whenVerdict {
	switch when {
	case whenAlways:
		return runs()
	case whenOnFailure:
		if len(failedDependencies(after, markers)) > 0 {
			return runs()
		}
		return whenVerdict{state: StateConditionFalse, message: onFailureNotMet}
	default:
		return onSuccess(after, markers)
	}
}

// onSuccess runs the step when every dependency succeeded or continued. A dependency whose own
// condition was false passes that on: the step it guarded did not run, so neither does this one.
func onSuccess(after []string, markers map[string]Result) whenVerdict {
	if problems := dependencyProblems(after, markers); problems != "" {
		return whenVerdict{state: StateSkipped, message: problems}
	}
	var unmet []string
	for _, name := range after {
		if m, ok := markers[name]; ok && m.State == StateConditionFalse {
			unmet = append(unmet, fmt.Sprintf("dependency %q is %s (its when condition was not met)", name, StateConditionFalse))
		}
	}
	if len(unmet) > 0 {
		return whenVerdict{state: StateConditionFalse, message: strings.Join(unmet, ", ") + "; the command never ran"}
	}
	return runs()
}

// failedDependencies names the dependencies that did not succeed, for an on-failure step: failed,
// timed out, continued (failed but let through), skipped, died, or in a state this version does not
// know (from a newer one), which is not a success either. A dependency that was condition-false did
// not fail: nothing before it did, or it would have run.
func failedDependencies(after []string, markers map[string]Result) []string {
	var failed []string
	for _, name := range after {
		m, ok := markers[name]
		if !ok || (m.State != StateSucceeded && m.State != StateConditionFalse) {
			failed = append(failed, name)
		}
	}
	return failed
}
