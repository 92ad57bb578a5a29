package main

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const notALabel = "is not a DNS-1123 label (lower-case letters, digits and inner '-')"

func TestStepFlag(t *testing.T) {
	long := strings.Repeat("x", 64)
	cases := []struct {
		values map[string]string
		step   string
		err    string
	}{
		{map[string]string{"step": "build-2"}, "build-2", ""},
		{map[string]string{"step": strings.Repeat("x", 63)}, strings.Repeat("x", 63), ""},
		{map[string]string{}, "", "--step is required"},
		{map[string]string{"step": ""}, "", "--step: step name is empty"},
		{map[string]string{"step": "Build"}, "", `--step: step name "Build" ` + notALabel},
		{map[string]string{"step": "../x"}, "", `--step: step name "../x" ` + notALabel},
		{map[string]string{"step": "-a"}, "", `--step: step name "-a" ` + notALabel},
		{map[string]string{"step": long}, "", `--step: step name "` + long + `" is longer than 63 characters`},
	}
	for _, c := range cases {
		step, err := stepFlag(c.values)
		if step != c.step || errorText(err) != c.err {
			t.Errorf("%q: %q, %q; want %q, %q", c.values, step, errorText(err), c.step, c.err)
		}
	}
}

func TestAfterFlag(t *testing.T) {
	long := strings.Repeat("b", 64)
	cases := []struct {
		value, self string
		after       []string
		err         string
	}{
		{"", "c", nil, ""},
		{"a,,b,a,", "c", []string{"a", "b"}, ""},
		{" a , b ", "c", []string{"a", "b"}, ""},
		{"a", "", []string{"a"}, ""},
		{"b_c", "a", nil, `--after: step name "b_c" ` + notALabel},
		{"b,a", "a", nil, `--after: step "a" cannot wait for itself`},
		{long, "a", nil, `--after: step name "` + long + `" is longer than 63 characters`},
	}
	for _, c := range cases {
		after, err := afterFlag(c.value, c.self)
		if !reflect.DeepEqual(after, c.after) || errorText(err) != c.err {
			t.Errorf("%q (self %q): %q, %q; want %q, %q", c.value, c.self, after, errorText(err), c.after, c.err)
		}
	}
}

func TestOnErrorFlag(t *testing.T) {
	for _, ok := range []string{"stop", "continue"} {
		if v, err := onErrorFlag(ok); v != ok || err != nil {
			t.Errorf("%q: %q, %v", ok, v, err)
		}
	}
	for bad, want := range map[string]string{
		"ignore": `--on-error: "ignore" is neither "stop" nor "continue"`,
		"Stop":   `--on-error: "Stop" is neither "stop" nor "continue"`,
		"":       `--on-error: "" is neither "stop" nor "continue"`,
	} {
		if _, err := onErrorFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

func TestRestartPolicyFlag(t *testing.T) {
	for _, ok := range []string{"Never", "OnFailure", "Always"} {
		if v, err := restartPolicyFlag(ok); v != ok || err != nil {
			t.Errorf("%q: %q, %v", ok, v, err)
		}
	}
	for bad, want := range map[string]string{
		"never": `--restart-policy: "never" is not one of Never, OnFailure, Always`,
		"":      `--restart-policy: "" is not one of Never, OnFailure, Always`,
	} {
		if _, err := restartPolicyFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

func TestTimeoutFlag(t *testing.T) {
	for value, want := range map[string]time.Duration{"": 0, "300ms": 300 * time.Millisecond, "1h30m": 90 * time.Minute} {
		if d, err := timeoutFlag(value); d != want || err != nil {
			t.Errorf("%q: %s, %v; want %s", value, d, err, want)
		}
	}
	for _, bad := range []string{"30", "0s", "-1s", "soon"} {
		want := `--timeout: "` + bad + `" is not a positive duration such as 30s or 5m`
		if _, err := timeoutFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

func TestTimeoutGraceFlag(t *testing.T) {
	for value, want := range map[string]time.Duration{"0": 0, "0s": 0, "250ms": 250 * time.Millisecond} {
		if d, err := timeoutGraceFlag(value); d != want || err != nil {
			t.Errorf("%q: %s, %v; want %s", value, d, err, want)
		}
	}
	for _, bad := range []string{"", "-1s", "5", "soon"} {
		want := `--timeout-grace: "` + bad + `" is not a duration such as 5s (0 kills at once)`
		if _, err := timeoutGraceFlag(bad); errorText(err) != want {
			t.Errorf("%q: %q, want %q", bad, errorText(err), want)
		}
	}
}

func TestCommandAfterSeparator(t *testing.T) {
	cases := []struct {
		flags scannedFlags
		err   string
	}{
		{scannedFlags{sawSeparator: true, command: []string{"true"}}, ""},
		{scannedFlags{sawSeparator: true, command: []string{"ls", ""}}, ""},
		{scannedFlags{}, `missing "--" before the command`},
		{scannedFlags{sawSeparator: true}, `no command after "--"`},
		{scannedFlags{sawSeparator: true, command: []string{"", "x"}}, `no command after "--"`},
	}
	for _, c := range cases {
		if err := commandAfterSeparator(c.flags); errorText(err) != c.err {
			t.Errorf("%+v: %q, want %q", c.flags, errorText(err), c.err)
		}
	}
}
