package main

import (
	"strings"
	"testing"
)

func TestDependencyProblems(t *testing.T) {
	markers := map[string]Result{
		"ok":   {State: StateSucceeded},
		"cont": {State: StateContinued},
		"bad":  {State: StateFailed},
		"slow": {State: StateTimedOut},
		"skip": {State: StateSkipped},
		"odd":  {State: "exploded"},
	}
	if p := dependencyProblems(nil, markers); p != "" {
		t.Errorf("no dependencies: %q", p)
	}
	if p := dependencyProblems([]string{"ok", "cont"}, markers); p != "" {
		t.Errorf("succeeded and continued: %q", p)
	}
	cases := map[string][]string{
		"bad":  {`dependency "bad" is failed`},
		"slow": {`dependency "slow" is timed-out`},
		"skip": {`dependency "skip" is skipped`},
		"odd":  {`dependency "odd" has unknown state "exploded"`},
		"gone": {`dependency "gone" has no marker`},
	}
	for dep, wants := range cases {
		p := dependencyProblems([]string{"ok", dep}, markers)
		for _, w := range wants {
			if !strings.Contains(p, w) {
				t.Errorf("%s: %q does not contain %q", dep, p, w)
			}
		}
		if strings.Contains(p, `"ok"`) {
			t.Errorf("%s: %q names a dependency that was fine", dep, p)
		}
	}
	p := dependencyProblems([]string{"bad", "ok", "skip"}, markers)
	if !strings.Contains(p, `"bad" is failed, dependency "skip" is skipped`) {
		t.Errorf("several problems, in order: %q", p)
	}
}
