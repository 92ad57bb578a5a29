package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEncodeFieldsAndOrder(t *testing.T) {
	start := time.Date(2026, 11, 23, 8, 1, 22, 123456789, time.FixedZone("CET", 3600))
	r := Result{
		Step: "build", State: StateSucceeded, ExitCode: intPtr(0),
		StartedAt: formatTime(start), FinishedAt: formatTime(start.Add(3500 * time.Millisecond)), Message: "<ok> & done",
	}
	got := string(r.encode())
	want := `{"step":"build","state":"succeeded","exitCode":0,"startedAt":"2026-11-23T07:01:22.123456789Z","finishedAt":"2026-11-23T07:01:25.623456789Z","message":"<ok> & done"}` + "\n"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestEncodeSkippedOmitsExitCodeAndStart(t *testing.T) {
	got := string(Result{Step: "b", State: StateSkipped, FinishedAt: "2026-11-23T07:01:25Z", Message: "m"}.encode())
	if strings.Contains(got, "exitCode") || strings.Contains(got, "startedAt") {
		t.Fatalf("skipped result carries exitCode or startedAt: %s", got)
	}
}

func TestEncodeIsOneLine(t *testing.T) {
	got := Result{Step: "b", State: StateFailed, ExitCode: intPtr(1), Message: "line1\nline2\r\n"}.encode()
	if strings.Count(string(got), "\n") != 1 || got[len(got)-1] != '\n' {
		t.Fatalf("not one line: %q", got)
	}
}

func TestEncodeHugeMessagesStaySmall(t *testing.T) {
	messages := map[string]string{
		"ascii":    strings.Repeat("x", 100000),
		"unicode":  strings.Repeat("ü✓😀", 30000),
		"controls": strings.Repeat("\x01\"\\", 30000),
		"invalid":  strings.Repeat("\xffa", 30000),
		"mixed":    strings.Repeat("a\x00é", 30000),
	}
	for name, msg := range messages {
		t.Run(name, func(t *testing.T) {
			r := Result{
				Step: strings.Repeat("s", 63), State: StateTimedOut, ExitCode: intPtr(137),
				StartedAt: formatTime(time.Now()), FinishedAt: formatTime(time.Now()), Message: msg,
			}
			out := r.encode()
			if len(out) >= 4096 {
				t.Fatalf("encoded result is %d bytes", len(out))
			}
			var back Result
			if err := json.Unmarshal(out, &back); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if !utf8.ValidString(back.Message) || !strings.HasSuffix(back.Message, ellipsis) {
				t.Fatalf("message not cut cleanly: %q", back.Message)
			}
			if n := encodedLen(back.Message); n > maxMessageBytes || n < maxMessageBytes-16 {
				t.Fatalf("encoded message is %d bytes, want just under %d", n, maxMessageBytes)
			}
		})
	}
}

func TestTruncateMessageKeepsShortMessages(t *testing.T) {
	for _, m := range []string{"", "exited with code 3", strings.Repeat("é", maxMessageBytes/2)} {
		if got := truncateMessage(m, maxMessageBytes); got != m {
			t.Errorf("%q changed to %q", m, got)
		}
	}
}

func TestCutUTF8(t *testing.T) {
	s := "aé✓" // 1 + 2 + 3 bytes
	for n, want := range map[int]string{0: "", 1: "a", 2: "a", 3: "aé", 4: "aé", 5: "aé", 6: "aé✓", 9: "aé✓"} {
		if got := cutUTF8(s, n); got != want {
			t.Errorf("cutUTF8(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}
