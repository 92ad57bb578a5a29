package main

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func scanned(values map[string]string, command ...string) scannedFlags {
	return scannedFlags{values: values, sawSeparator: command != nil, command: command}
}

func TestPlanRunBuildsTheConfig(t *testing.T) {
	cfg, err := planRun(scanned(map[string]string{
		"step": "test", "after": "build,lint", "on-error": "continue", "restart-policy": "Always", "timeout": "1h30m",
		"timeout-grace": "0", "termination-log": "/dev/termination-log", "dir": "/x", "force-poll": "true",
		"poll-interval": "250ms", "retries": "3", "retry-backoff": "2s", "when": "always", "debug": "on-failure", "debug-timeout": "10m",
		"termination-budget": "189",
	}, "go", "test"))
	if err != nil {
		t.Fatal(err)
	}
	want := runConfig{
		Step: "test", After: []string{"build", "lint"}, OnError: onErrorContinue, RestartPolicy: restartAlways,
		Timeout: 90 * time.Minute, TimeoutGrace: 0, TerminationLog: "/dev/termination-log", Dir: "/x", ForcePoll: true, PollInterval: 250 * time.Millisecond,
		Retries: 3, RetryBackoff: 2 * time.Second, When: whenAlways, Debug: debugOnFailure, DebugTimeout: 10 * time.Minute,
		TerminationBudget: 189, Command: []string{"go", "test"},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("got %+v\nwant %+v", cfg, want)
	}
}

func TestPlanRunDefaults(t *testing.T) {
	cfg, err := planRun(scanned(map[string]string{"step": "a", "force-poll": "false"}, "true"))
	if err != nil {
		t.Fatal(err)
	}
	want := runConfig{
		Step: "a", OnError: onErrorStop, RestartPolicy: restartNever, TimeoutGrace: 5 * time.Second,
		Retries: 0, RetryBackoff: time.Second, When: whenOnSuccess, Debug: debugNever, DebugTimeout: time.Hour,
		TerminationBudget: 4096, Command: []string{"true"},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("got %+v\nwant %+v", cfg, want)
	}
}

// The first error follows the order of the fields; every invalid value keeps its default and
// every valid one is kept, so that a wrongly invoked step can still record its failure.
func TestPlanRunReportsTheFirstErrorAndKeepsTheRest(t *testing.T) {
	cases := []struct {
		name   string
		flags  scannedFlags
		err    string
		expect func(runConfig) bool
	}{
		{
			name:   "step before after",
			flags:  scanned(map[string]string{"step": "A", "after": "b_c"}, "true"),
			err:    `--step: step name "A" ` + notALabel,
			expect: func(c runConfig) bool { return c.Step == "" && c.After == nil },
		},
		{
			name:   "missing step before on-error",
			flags:  scanned(map[string]string{"on-error": "x", "dir": "/d"}, "true"),
			err:    "--step is required",
			expect: func(c runConfig) bool { return c.Dir == "/d" && c.OnError == onErrorStop },
		},
		{
			name:  "after before on-error",
			flags: scanned(map[string]string{"step": "a", "after": "a", "on-error": "x", "termination-log": "/t"}, "true"),
			err:   `--after: step "a" cannot wait for itself`,
			expect: func(c runConfig) bool {
				return c.Step == "a" && c.TerminationLog == "/t" && c.After == nil
			},
		},
		{
			name:   "on-error before restart-policy",
			flags:  scanned(map[string]string{"step": "a", "on-error": "x", "restart-policy": "y", "timeout": "5s"}, "true"),
			err:    `--on-error: "x" is neither "stop" nor "continue"`,
			expect: func(c runConfig) bool { return c.Timeout == 5*time.Second && c.RestartPolicy == restartNever },
		},
		{
			name:   "restart-policy before timeout",
			flags:  scanned(map[string]string{"step": "a", "restart-policy": "y", "timeout": "5", "on-error": "continue"}, "true"),
			err:    `--restart-policy: "y" is not one of Never, OnFailure, Always`,
			expect: func(c runConfig) bool { return c.OnError == onErrorContinue && c.Timeout == 0 },
		},
		{
			name:   "timeout before timeout-grace",
			flags:  scanned(map[string]string{"step": "a", "timeout": "5", "timeout-grace": "-1s"}, "true"),
			err:    `--timeout: "5" is not a positive duration such as 30s or 5m`,
			expect: func(c runConfig) bool { return c.TimeoutGrace == defaultTimeoutGrace },
		},
		{
			name:   "timeout-grace before the command",
			flags:  scanned(map[string]string{"step": "a", "timeout-grace": "-1s"}),
			err:    `--timeout-grace: "-1s" is not a duration such as 5s (0 kills at once)`,
			expect: func(c runConfig) bool { return c.Command == nil },
		},
		{
			name:   "an empty timeout is none, an empty timeout-grace an error",
			flags:  scanned(map[string]string{"step": "a", "timeout": "", "timeout-grace": ""}, "true"),
			err:    `--timeout-grace: "" is not a duration such as 5s (0 kills at once)`,
			expect: func(c runConfig) bool { return c.Timeout == 0 && c.TimeoutGrace == defaultTimeoutGrace },
		},
		{
			name:   "command last",
			flags:  scannedFlags{values: map[string]string{"step": "a"}, sawSeparator: true},
			err:    `no command after "--"`,
			expect: func(c runConfig) bool { return c.Step == "a" },
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := planRun(c.flags)
			if errorText(err) != c.err {
				t.Fatalf("error %q, want %q", errorText(err), c.err)
			}
			if !c.expect(cfg) {
				t.Fatalf("config %+v", cfg)
			}
		})
	}
}

func TestParseRunArgsPrefersSyntaxErrors(t *testing.T) {
	_, err := parseRunArgs([]string{"--on-error=x", "--bogus", "--", "true"})
	if got, want := errorText(err), "unknown flag --bogus"; got != want {
		t.Fatalf("error %q, want %q", got, want)
	}
}

func TestParseRunArgsHelpWinsOverErrors(t *testing.T) {
	cfg, err := parseRunArgs([]string{"--bogus", "--step=a", "--help"})
	if !errors.Is(err, errHelp) || !reflect.DeepEqual(cfg, defaultRunConfig()) {
		t.Fatalf("cfg %+v, err %v", cfg, err)
	}
	if _, err := parseRunArgs([]string{"--help=false", "--step=a", "--", "true"}); err != nil {
		t.Fatalf("--help=false: %v", err)
	}
}

func TestDeathIsFinalOnlyWhenTheKubeletDoesNotRestart(t *testing.T) {
	for policy, want := range map[string]bool{restartNever: true, restartOnFailure: false, restartAlways: false} {
		if got := (runConfig{RestartPolicy: policy}).deathIsFinal(); got != want {
			t.Errorf("%s: %v, want %v", policy, got, want)
		}
	}
}
