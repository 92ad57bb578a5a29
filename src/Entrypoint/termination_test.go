package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// readTerminationLine parses a termination message back into a Result, the way the converter's
// reader does, so process tests can compare it with the marker.
func readTerminationLine(t *testing.T, path string) Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseTerminationLine(t, string(data))
}

func parseTerminationLine(t *testing.T, line string) Result {
	t.Helper()
	if len(line) >= 4096 || strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") {
		t.Fatalf("termination message is not one line under 4 KiB: %q", line)
	}
	fields := strings.SplitN(strings.TrimSuffix(line, "\n"), " ", 7)
	if len(fields) < 6 || fields[0] != terminationPrefix {
		t.Fatalf("termination message %q does not have the six fields", line)
	}
	r := Result{Step: fields[1], State: State(fields[2]), FinishedAt: fields[5]}
	if fields[3] != absent {
		code, err := strconv.Atoi(fields[3])
		if err != nil {
			t.Fatalf("exit code %q: %v", fields[3], err)
		}
		r.ExitCode = &code
	}
	if fields[4] != absent {
		r.StartedAt = fields[4]
	}
	if len(fields) == 7 {
		r.Message = fields[6]
	}
	return r
}

func TestTerminationLineFields(t *testing.T) {
	r := Result{
		Step: "build", State: StateFailed, ExitCode: intPtr(3),
		StartedAt: "2026-11-23T08:01:22.123456789Z", FinishedAt: "2026-11-23T08:01:25.5Z", Message: "exited with code 3",
	}
	want := "kueueleuleu/2 build failed 3 2026-11-23T08:01:22.123456789Z 2026-11-23T08:01:25.5Z exited with code 3\n"
	if got := string(r.terminationLine()); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	skipped := Result{Step: "b", State: StateSkipped, FinishedAt: "2026-11-23T08:01:25Z"}
	if got := string(skipped.terminationLine()); got != "kueueleuleu/2 b skipped - - 2026-11-23T08:01:25Z\n" {
		t.Fatalf("skipped without message: %q", got)
	}
}

func TestTerminationLineIsOneLineAndSmall(t *testing.T) {
	for name, msg := range map[string]string{
		"newlines": "line1\nline2\r\n\ttab",
		"huge":     strings.Repeat("ü✓😀", 30000),
		"invalid":  strings.Repeat("\xffa", 30000),
	} {
		t.Run(name, func(t *testing.T) {
			r := Result{Step: strings.Repeat("s", 63), State: StateFailed, ExitCode: intPtr(1), FinishedAt: formatTime(time.Now()), Message: msg}
			line := string(r.terminationLine())
			back := parseTerminationLine(t, line)
			if !utf8.ValidString(back.Message) || len(line) > 1300 {
				t.Fatalf("message %q, line of %d bytes", back.Message, len(line))
			}
		})
	}
}

// The kubelet keeps 12288 bytes of termination messages per Pod, split evenly among its containers
// and init containers, and cuts each message at its share. With 64 steps and the injected init
// container that is 189 bytes, and the fixed fields must fit in it for the longest values they take.
func TestTerminationLineFixedFieldsFitTheKubeletsShareFor64Steps(t *testing.T) {
	const share = 12288 / (64 + 1)
	slowest := time.Date(2026, 11, 23, 8, 1, 22, 123456789, time.UTC)
	for _, r := range []Result{
		{State: StateTimedOut, ExitCode: intPtr(137), StartedAt: formatTime(slowest), FinishedAt: formatTime(slowest.Add(time.Second + 2))},
		{State: StateContinued, ExitCode: intPtr(255), StartedAt: formatTime(slowest), FinishedAt: formatTime(slowest.Add(time.Second + 2))},
		{State: StateSkipped, FinishedAt: formatTime(slowest)},
	} {
		r.Step = strings.Repeat("s", 63)
		r.Message = strings.Repeat("m", 500)
		line := string(r.terminationLine())
		fixed := strings.Join(strings.SplitN(line, " ", 7)[:6], " ")
		if len(fixed)+1 > share {
			t.Fatalf("%s: the fixed fields take %d bytes, more than the %d-byte share: %q", r.State, len(fixed)+1, share, fixed)
		}
		t.Logf("%s: fixed fields %d bytes, %d bytes of the share left for the message", r.State, len(fixed)+1, share-len(fixed)-1)
	}
}
