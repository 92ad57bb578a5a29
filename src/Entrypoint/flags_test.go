package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseRunArgsBothFlagForms(t *testing.T) {
	cfg, err := parseRunArgs([]string{
		"--step=test", "--after", "build,lint", "--on-error=continue", "--timeout", "1h30m",
		"--timeout-grace=250ms", "--termination-log", "/dev/termination-log", "--dir=/x", "--force-poll", "--restart-policy", "OnFailure",
		"--poll-interval", "1s", "--retries=2", "--retry-backoff", "500ms", "--when", "on-failure", "--debug=on-failure", "--debug-timeout", "90s",
		"--termination-budget=189",
		"--", "go", "--after=z", "-v", "--", "",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := runConfig{
		Step: "test", After: []string{"build", "lint"}, OnError: onErrorContinue, RestartPolicy: restartOnFailure,
		Timeout: 90 * time.Minute, TimeoutGrace: 250 * time.Millisecond,
		TerminationLog: "/dev/termination-log", Dir: "/x", ForcePoll: true, PollInterval: time.Second,
		Retries: 2, RetryBackoff: 500 * time.Millisecond, When: whenOnFailure, Debug: debugOnFailure,
		DebugTimeout: 90 * time.Second, TerminationBudget: 189,
		Command: []string{"go", "--after=z", "-v", "--", ""},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("got %+v\nwant %+v", cfg, want)
	}
}

func TestParseRunArgsDefaults(t *testing.T) {
	cfg, err := parseRunArgs([]string{"--step=a", "--after=", "--", "true"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.After) != 0 || cfg.OnError != onErrorStop || cfg.RestartPolicy != restartNever || cfg.Timeout != 0 ||
		cfg.TimeoutGrace != defaultTimeoutGrace || cfg.TerminationLog != "" || cfg.Dir != "" || cfg.ForcePoll || cfg.PollInterval != 0 {
		t.Fatalf("unexpected defaults %+v", cfg)
	}
}

func TestParseRunArgsAfterTolerance(t *testing.T) {
	cfg, err := parseRunArgs([]string{"--step=c", "--after=a,,b,a,", "--", "true"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.After, []string{"a", "b"}) {
		t.Fatalf("after = %q", cfg.After)
	}
}

func TestParseRunArgsErrors(t *testing.T) {
	cases := map[string][]string{
		"unknown flag":        {"--step=a", "--bogus", "--", "true"},
		"missing separator":   {"--step=a", "true"},
		"no command":          {"--step=a", "--"},
		"empty command":       {"--step=a", "--", ""},
		"missing step":        {"--after=b", "--", "true"},
		"bad step":            {"--step=Build", "--", "true"},
		"step with slash":     {"--step=../x", "--", "true"},
		"bad dependency":      {"--step=a", "--after=b_c", "--", "true"},
		"self dependency":     {"--step=a", "--after=b,a", "--", "true"},
		"bad on-error":        {"--step=a", "--on-error=ignore", "--", "true"},
		"bad restart policy":  {"--step=a", "--restart-policy=never", "--", "true"},
		"bad timeout":         {"--step=a", "--timeout=30", "--", "true"},
		"zero timeout":        {"--step=a", "--timeout=0s", "--", "true"},
		"negative grace":      {"--step=a", "--timeout-grace=-1s", "--", "true"},
		"value missing":       {"--step=a", "--after", "--", "true"},
		"value at end":        {"--step"},
		"repeated flag":       {"--step=a", "--step=b", "--", "true"},
		"single dash flag":    {"-step=a", "--", "true"},
		"positional":          {"--step=a", "true", "--", "true"},
		"bad bool":            {"--step=a", "--force-poll=maybe", "--", "true"},
		"bad poll interval":   {"--step=a", "--poll-interval=1", "--", "true"},
		"zero poll interval":  {"--step=a", "--poll-interval=0s", "--", "true"},
		"negative poll":       {"--step=a", "--poll-interval=-1s", "--", "true"},
		"dependency too long": {"--step=a", "--after=" + strings.Repeat("b", 64), "--", "true"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := parseRunArgs(args); err == nil || errors.Is(err, errHelp) {
				t.Fatalf("parseRunArgs(%q) = %v, want a usage error", args, err)
			}
		})
	}
}

func TestParseRunArgsKeepsStepOnError(t *testing.T) {
	cfg, err := parseRunArgs([]string{"--bogus", "--step", "a", "--dir=/d", "--termination-log=/t", "--", "true"})
	if err == nil || !strings.Contains(err.Error(), "--bogus") {
		t.Fatalf("err = %v", err)
	}
	if cfg.Step != "a" || cfg.Dir != "/d" || cfg.TerminationLog != "/t" {
		t.Fatalf("cfg = %+v", cfg)
	}
}

func TestParseRunArgsHelp(t *testing.T) {
	if _, err := parseRunArgs([]string{"--help"}); !errors.Is(err, errHelp) {
		t.Fatalf("err = %v", err)
	}
	// After "--", --help belongs to the command.
	cfg, err := parseRunArgs([]string{"--step=a", "--", "ls", "--help"})
	if err != nil || !reflect.DeepEqual(cfg.Command, []string{"ls", "--help"}) {
		t.Fatalf("cfg = %+v, err = %v", cfg, err)
	}
}

func TestValidateStepName(t *testing.T) {
	for _, ok := range []string{"a", "build", "step-2", "0", strings.Repeat("x", 63)} {
		if err := validateStepName(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "-a", "a-", "A", "a.b", "a/b", "..", "a b", "é", strings.Repeat("x", 64)} {
		if err := validateStepName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestScanRunFlags(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		values  map[string]string
		sep     bool
		command []string
		err     string
	}{
		{
			name:   "both forms, booleans, command after the separator",
			args:   []string{"--step=a", "--after", "b", "--force-poll", "--help=false", "--", "x", "--step=y", "--"},
			values: map[string]string{"step": "a", "after": "b", "force-poll": "true", "help": "false"},
			sep:    true, command: []string{"x", "--step=y", "--"},
		},
		{
			name:   "booleans as strconv reads them",
			args:   []string{"--force-poll=0", "--help=T", "--"},
			values: map[string]string{"force-poll": "false", "help": "true"},
			sep:    true, command: []string{},
		},
		{
			name:   "empty value with =",
			args:   []string{"--after=", "--timeout="},
			values: map[string]string{"after": "", "timeout": ""},
		},
		{
			name:   "a value may look like a flag",
			args:   []string{"--step", "--after", "--", "x"},
			values: map[string]string{"step": "--after"},
			sep:    true, command: []string{"x"},
		},
		{
			name:   "no separator",
			args:   []string{"--step=a"},
			values: map[string]string{"step": "a"},
		},
		{
			name:   "positional argument",
			args:   []string{"true", "--", "x"},
			values: map[string]string{}, sep: true, command: []string{"x"},
			err: `unexpected argument "true" before "--"`,
		},
		{
			name:   "single dash",
			args:   []string{"-step=a"},
			values: map[string]string{},
			err:    `unexpected argument "-step=a" before "--"`,
		},
		{
			name:   "unknown flag",
			args:   []string{"--bogus=1"},
			values: map[string]string{},
			err:    "unknown flag --bogus",
		},
		{
			name:   "no flag name",
			args:   []string{"--=x"},
			values: map[string]string{},
			err:    "unknown flag --",
		},
		{
			name:   "repeated flag keeps the first and uses no value",
			args:   []string{"--step", "a", "--step", "b"},
			values: map[string]string{"step": "a"},
			err:    "flag --step given more than once",
		},
		{
			name:   "bad boolean",
			args:   []string{"--force-poll=maybe"},
			values: map[string]string{},
			err:    `flag --force-poll: "maybe" is not a boolean`,
		},
		{
			name:   "bad boolean still counts as given",
			args:   []string{"--force-poll=maybe", "--force-poll"},
			values: map[string]string{},
			err:    `flag --force-poll: "maybe" is not a boolean`,
		},
		{
			name:   "value missing before the separator",
			args:   []string{"--after", "--", "x"},
			values: map[string]string{}, sep: true, command: []string{"x"},
			err: "flag --after needs a value",
		},
		{
			name:   "value missing at the end",
			args:   []string{"--step"},
			values: map[string]string{},
			err:    "flag --step needs a value",
		},
		{
			name:   "the first error wins and the rest is still read",
			args:   []string{"--bogus", "--step", "a", "x", "--dir=/d", "--termination-log=/t", "--", "true"},
			values: map[string]string{"step": "a", "dir": "/d", "termination-log": "/t"},
			sep:    true, command: []string{"true"},
			err: "unknown flag --bogus",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := scanRunFlags(c.args)
			if got := errorText(err); got != c.err {
				t.Errorf("error %q, want %q", got, c.err)
			}
			if !reflect.DeepEqual(f.values, c.values) {
				t.Errorf("values %q, want %q", f.values, c.values)
			}
			if f.sawSeparator != c.sep || !reflect.DeepEqual(f.command, c.command) {
				t.Errorf("separator %v, command %q; want %v, %q", f.sawSeparator, f.command, c.sep, c.command)
			}
		})
	}
}

func TestScannedFlagsHelp(t *testing.T) {
	for value, want := range map[string]bool{"true": true, "false": false} {
		if got := (scannedFlags{values: map[string]string{"help": value}}).help(); got != want {
			t.Errorf("help=%s: %v", value, got)
		}
	}
	if (scannedFlags{values: map[string]string{}}).help() {
		t.Error("help without --help")
	}
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
