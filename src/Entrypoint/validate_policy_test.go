package main

import (
	"testing"
	"time"
)

func TestRetriesFlag(t *testing.T) {
	for value, want := range map[string]int{"0": 0, "1": 1, "100": 100} {
		if n, err := retriesFlag(value); n != want || err != nil {
			t.Errorf("%q: %d, %v; want %d", value, n, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "101", "2.5", "three", " 1"} {
		want := `--retries: "` + bad + `" is not a whole number from 0 to 100`
		if _, err := retriesFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

func TestPositiveDurationFlags(t *testing.T) {
	for _, name := range []string{"retry-backoff", "debug-timeout"} {
		for value, want := range map[string]time.Duration{"1ns": 1, "2s": 2 * time.Second, "1h30m": 90 * time.Minute} {
			if d, err := positiveDurationFlag(name, value); d != want || err != nil {
				t.Errorf("--%s %q: %s, %v; want %s", name, value, d, err, want)
			}
		}
		for _, bad := range []string{"", "0", "0s", "-1s", "2", "soon"} {
			want := "--" + name + `: "` + bad + `" is not a positive duration such as 2s or 5m`
			if _, err := positiveDurationFlag(name, bad); errorText(err) != want {
				t.Errorf("--%s %q: %q, want %q", name, bad, errorText(err), want)
			}
		}
	}
}

func TestWhenFlag(t *testing.T) {
	for _, ok := range []string{"on-success", "on-failure", "always"} {
		if v, err := whenFlag(ok); v != ok || err != nil {
			t.Errorf("%q: %q, %v", ok, v, err)
		}
	}
	for _, bad := range []string{"", "OnFailure", "Always", "never", "on-error"} {
		want := `--when: "` + bad + `" is not one of on-success, on-failure, always`
		if _, err := whenFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

func TestDebugFlag(t *testing.T) {
	for _, ok := range []string{"never", "on-failure"} {
		if v, err := debugFlag(ok); v != ok || err != nil {
			t.Errorf("%q: %q, %v", ok, v, err)
		}
	}
	for _, bad := range []string{"", "OnFailure", "always", "true"} {
		want := `--debug: "` + bad + `" is neither "never" nor "on-failure"`
		if _, err := debugFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

func TestTerminationBudgetFlag(t *testing.T) {
	for value, want := range map[string]int{"1": 1, "189": 189, "4096": 4096} {
		if n, err := terminationBudgetFlag(value); n != want || err != nil {
			t.Errorf("%q: %d, %v; want %d", value, n, err, want)
		}
	}
	for _, bad := range []string{"", "0", "-5", "4097", "12288", "4k"} {
		want := `--termination-budget: "` + bad + `" is not a number of bytes from 1 to 4096 (the kubelet reads at most 4096)`
		if _, err := terminationBudgetFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

// Each policy flag in the plan: its value kept, or its first error reported with the others kept.
func TestPlanRunPolicyFlags(t *testing.T) {
	const (
		backoffWithoutRetries = "--retry-backoff: given without --retries greater than 0, so there is no retry to wait for"
		onFailureWithoutAfter = "--when=on-failure: the step has no --after, so nothing before it can fail and it would never run"
		timeoutWithoutDebug   = "--debug-timeout: given without --debug=on-failure, so there is no hold to end"
	)
	cases := []struct {
		name   string
		values map[string]string
		err    string
		expect func(runConfig) bool
	}{
		{
			name:   "retries with a backoff",
			values: map[string]string{"retries": "2", "retry-backoff": "3s"},
			expect: func(c runConfig) bool { return c.Retries == 2 && c.RetryBackoff == 3*time.Second },
		},
		{
			name:   "retries 0 written out",
			values: map[string]string{"retries": "0"},
			expect: func(c runConfig) bool { return c.Retries == 0 && c.RetryBackoff == time.Second },
		},
		{
			name:   "a backoff without retries",
			values: map[string]string{"retry-backoff": "3s"},
			err:    backoffWithoutRetries,
			expect: func(c runConfig) bool { return true },
		},
		{
			name:   "a backoff with retries 0",
			values: map[string]string{"retries": "0", "retry-backoff": "3s"},
			err:    backoffWithoutRetries,
			expect: func(c runConfig) bool { return true },
		},
		{
			name:   "an invalid retries is reported as such, not as a contradiction",
			values: map[string]string{"retries": "many", "retry-backoff": "3s", "when": "sometimes"},
			err:    `--retries: "many" is not a whole number from 0 to 100`,
			expect: func(c runConfig) bool {
				return c.Retries == 0 && c.RetryBackoff == 3*time.Second && c.When == whenOnSuccess
			},
		},
		{
			name:   "retry-backoff before when",
			values: map[string]string{"retries": "1", "retry-backoff": "0s", "when": "sometimes"},
			err:    `--retry-backoff: "0s" is not a positive duration such as 2s or 5m`,
			expect: func(c runConfig) bool { return c.Retries == 1 && c.RetryBackoff == time.Second },
		},
		{
			name:   "on-failure with dependencies",
			values: map[string]string{"when": "on-failure", "after": "build"},
			expect: func(c runConfig) bool { return c.When == whenOnFailure },
		},
		{
			name:   "on-failure without dependencies",
			values: map[string]string{"when": "on-failure", "after": ""},
			err:    onFailureWithoutAfter,
			expect: func(c runConfig) bool { return c.When == whenOnFailure },
		},
		{
			name:   "always without dependencies",
			values: map[string]string{"when": "always"},
			expect: func(c runConfig) bool { return c.When == whenAlways },
		},
		{
			name:   "when before debug",
			values: map[string]string{"when": "Always", "debug": "OnFailure"},
			err:    `--when: "Always" is not one of on-success, on-failure, always`,
			expect: func(c runConfig) bool { return c.When == whenOnSuccess && c.Debug == debugNever },
		},
		{
			name:   "debug with a timeout",
			values: map[string]string{"debug": "on-failure", "debug-timeout": "15m"},
			expect: func(c runConfig) bool { return c.Debug == debugOnFailure && c.DebugTimeout == 15*time.Minute },
		},
		{
			name:   "debug never written out",
			values: map[string]string{"debug": "never"},
			expect: func(c runConfig) bool { return c.Debug == debugNever && c.DebugTimeout == time.Hour },
		},
		{
			name:   "a debug timeout without the hold",
			values: map[string]string{"debug-timeout": "15m"},
			err:    timeoutWithoutDebug,
			expect: func(c runConfig) bool { return true },
		},
		{
			name:   "debug before debug-timeout",
			values: map[string]string{"debug": "yes", "debug-timeout": "-1m"},
			err:    `--debug: "yes" is neither "never" nor "on-failure"`,
			expect: func(c runConfig) bool { return c.Debug == debugNever && c.DebugTimeout == time.Hour },
		},
		{
			name:   "debug-timeout before termination-budget",
			values: map[string]string{"debug": "on-failure", "debug-timeout": "-1m", "termination-budget": "0"},
			err:    `--debug-timeout: "-1m" is not a positive duration such as 2s or 5m`,
			expect: func(c runConfig) bool { return c.TerminationBudget == 4096 },
		},
		{
			name:   "termination-budget before the command",
			values: map[string]string{"termination-budget": "9000"},
			err:    `--termination-budget: "9000" is not a number of bytes from 1 to 4096 (the kubelet reads at most 4096)`,
			expect: func(c runConfig) bool { return c.TerminationBudget == 4096 },
		},
		{
			name:   "the budget the converter computes for 64 steps",
			values: map[string]string{"termination-budget": "189"},
			expect: func(c runConfig) bool { return c.TerminationBudget == 189 },
		},
		{
			name:   "earlier flags first",
			values: map[string]string{"on-error": "x", "retries": "x"},
			err:    `--on-error: "x" is neither "stop" nor "continue"`,
			expect: func(c runConfig) bool { return true },
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			values := map[string]string{"step": "a"}
			for k, v := range c.values {
				values[k] = v
			}
			cfg, err := planRun(scanned(values, "true"))
			if errorText(err) != c.err {
				t.Fatalf("error %q, want %q", errorText(err), c.err)
			}
			if !c.expect(cfg) {
				t.Fatalf("config %+v", cfg)
			}
		})
	}
}

func TestParseRunArgsPolicyFlagSyntax(t *testing.T) {
	cases := map[string]struct {
		args []string
		err  string
	}{
		"repeated retries":     {[]string{"--step=a", "--retries=1", "--retries=2", "--", "true"}, "flag --retries given more than once"},
		"when without a value": {[]string{"--step=a", "--after=b", "--when", "--", "true"}, "flag --when needs a value"},
		"misspelt flag":        {[]string{"--step=a", "--retry=2", "--", "true"}, "unknown flag --retry"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := parseRunArgs(c.args); errorText(err) != c.err {
				t.Fatalf("error %q, want %q", errorText(err), c.err)
			}
		})
	}
}
