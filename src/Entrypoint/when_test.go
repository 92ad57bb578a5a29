package main

import (
	"reflect"
	"testing"
)

// Every --when against every state a single dependency can be in.
func TestDecideWhenForEachDependencyState(t *testing.T) {
	const (
		run     = "run"
		skip    = "skipped"
		notMet  = "condition-false"
		unknown = State("paused") // from a newer version
	)
	want := map[State]map[string]string{
		StateSucceeded:      {whenOnSuccess: run, whenOnFailure: notMet, whenAlways: run},
		StateContinued:      {whenOnSuccess: run, whenOnFailure: run, whenAlways: run},
		StateFailed:         {whenOnSuccess: skip, whenOnFailure: run, whenAlways: run},
		StateTimedOut:       {whenOnSuccess: skip, whenOnFailure: run, whenAlways: run},
		StateSkipped:        {whenOnSuccess: skip, whenOnFailure: run, whenAlways: run},
		stateDied:           {whenOnSuccess: skip, whenOnFailure: run, whenAlways: run},
		StateConditionFalse: {whenOnSuccess: notMet, whenOnFailure: notMet, whenAlways: run},
		unknown:             {whenOnSuccess: skip, whenOnFailure: run, whenAlways: run},
	}
	for state, byWhen := range want {
		for when, outcome := range byWhen {
			v := decideWhen(when, []string{"build"}, marked(map[string]State{"build": state}))
			got := run
			if !v.run {
				got = string(v.state)
			}
			if got != outcome {
				t.Errorf("when %s, dependency %s: %s (%q), want %s", when, state, got, v.message, outcome)
			}
		}
	}
}

func TestDecideWhenMessages(t *testing.T) {
	cases := []struct {
		name   string
		when   string
		states map[string]State
		after  []string
		want   whenVerdict
	}{
		{
			name: "on-success passes a condition-false dependency on, naming it", when: whenOnSuccess,
			after: []string{"build", "report"}, states: map[string]State{"build": StateSucceeded, "report": StateConditionFalse},
			want: whenVerdict{state: StateConditionFalse, message: `dependency "report" is condition-false (its when condition was not met); the command never ran`},
		},
		{
			name: "on-success: a failure wins over a condition-false dependency", when: whenOnSuccess,
			after: []string{"report", "build"}, states: map[string]State{"build": StateFailed, "report": StateConditionFalse},
			want: whenVerdict{state: StateSkipped, message: `dependency "build" is failed; the command never ran`},
		},
		{
			name: "on-failure when every dependency succeeded", when: whenOnFailure,
			after: []string{"build", "test"}, states: map[string]State{"build": StateSucceeded, "test": StateSucceeded},
			want: whenVerdict{state: StateConditionFalse, message: onFailureNotMet},
		},
		{
			name: "on-failure when one of several failed", when: whenOnFailure,
			after: []string{"build", "test"}, states: map[string]State{"build": StateSucceeded, "test": StateFailed},
			want: whenVerdict{run: true},
		},
		{
			name: "on-failure with a dependency without a marker", when: whenOnFailure,
			after: []string{"build"}, states: map[string]State{},
			want: whenVerdict{run: true},
		},
		{
			name: "always after a skip and a failure", when: whenAlways,
			after: []string{"build", "test"}, states: map[string]State{"build": StateFailed, "test": StateSkipped},
			want: whenVerdict{run: true},
		},
		{
			name: "no dependencies", when: whenOnSuccess,
			want: whenVerdict{run: true},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := decideWhen(c.when, c.after, marked(c.states)); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// A pipeline build -> test -> report(on-failure) -> publish(on-success) -> cleanup(always), run
// through the run logic one step at a time, each step reading the markers of the ones before.
func TestWhenPropagatesThroughAPipeline(t *testing.T) {
	type step struct {
		name, when string
		after      []string
	}
	pipeline := []step{
		{"test", whenOnSuccess, []string{"build"}},
		{"report", whenOnFailure, []string{"test"}},
		{"publish", whenOnSuccess, []string{"report"}},
		{"cleanup", whenAlways, []string{"publish"}},
	}
	cases := []struct {
		name  string
		build State
		want  map[string]State // what each step records
		codes map[string]int
	}{
		{
			name: "everything succeeded", build: StateSucceeded,
			want:  map[string]State{"test": StateSucceeded, "report": StateConditionFalse, "publish": StateConditionFalse, "cleanup": StateSucceeded},
			codes: map[string]int{"test": 0, "report": 0, "publish": 0, "cleanup": 0},
		},
		{
			name: "build failed", build: StateFailed,
			want:  map[string]State{"test": StateSkipped, "report": StateSucceeded, "publish": StateSucceeded, "cleanup": StateSucceeded},
			codes: map[string]int{"test": 125, "report": 0, "publish": 0, "cleanup": 0},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			markers := marked(map[string]State{"build": c.build})
			for _, s := range pipeline {
				f := newStepRunFakes()
				f.waiter.markers = map[string]Result{}
				for _, d := range s.after {
					f.waiter.markers[d] = markers[d]
				}
				f.proc.exit(exitedWith(0))
				plan := deployPlan(s.after...)
				plan.Step, plan.When = s.name, s.when

				code := f.runToEnd(t, plan)

				got := f.outcome.markers[0]
				if got.State != c.want[s.name] || code != c.codes[s.name] {
					t.Fatalf("%s: %s exit %d (%q), want %s exit %d", s.name, got.State, code, got.Message, c.want[s.name], c.codes[s.name])
				}
				ran := got.StartedAt != ""
				if ran != (len(f.runner.started) == 1) {
					t.Fatalf("%s: started %q but recorded %+v", s.name, f.runner.started, got)
				}
				markers[s.name] = got
			}
		})
	}
}

func TestRunConditionFalseRecordsWithoutRunning(t *testing.T) {
	f := newStepRunFakes()
	f.waiter.markers = marked(map[string]State{"build": StateSucceeded})
	plan := deployPlan("build")
	plan.When = whenOnFailure

	if code := f.runToEnd(t, plan); code != 0 {
		t.Fatalf("exit code %d, want 0: nothing failed", code)
	}
	want := Result{Step: "deploy", State: StateConditionFalse, FinishedAt: t0s, Message: onFailureNotMet}
	if !reflect.DeepEqual(f.outcome.markers, []Result{want}) {
		t.Fatalf("markers %s\nwant %s", encodeAll(f.outcome.markers), want.encode())
	}
	if want := "kueueleuleu/3 deploy condition-false - - " + t0s + " 0 0\nm " + onFailureNotMet + "\n"; !reflect.DeepEqual(f.outcome.lines, []string{want}) {
		t.Fatalf("termination messages %q\nwant %q", f.outcome.lines, want)
	}
	if f.runner.started != nil || f.results.prepared != 0 {
		t.Fatalf("started %q, results prepared %d times", f.runner.started, f.results.prepared)
	}
}
