package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

type State string

const (
	StateSucceeded State = "succeeded"
	StateFailed    State = "failed"
	StateTimedOut  State = "timed-out"
	StateContinued State = "continued"
	StateSkipped   State = "skipped"
	// StateConditionFalse: the step's --when was not met, so its command never ran. Nothing failed,
	// so it exits 0 and its on-success dependants do not run either (they inherit the state).
	StateConditionFalse State = "condition-false"

	// stateDied is what a waiter records for a dependency whose process ended without writing a
	// marker. No step writes it: it only shapes the dependant's own outcome (skipped).
	stateDied State = "died"
)

// Result is the step outcome, written as the marker (this JSON) and as the termination message
// (terminationLine). Field order is the wire order.
type Result struct {
	Step       string `json:"step"`
	State      State  `json:"state"`
	ExitCode   *int   `json:"exitCode,omitempty"`
	StartedAt  string `json:"startedAt,omitempty"`
	FinishedAt string `json:"finishedAt"`
	Message    string `json:"message"`
}

// maxMessageBytes bounds the JSON-encoded message, so a marker stays near 1.3 KiB and a termination
// line under the kubelet's 4096 bytes per container. The kubelet's per-Pod budget is handled by the
// termination line's field order (termination.go), not by this bound.
const maxMessageBytes = 1024

const ellipsis = "…"

func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}

func intPtr(v int) *int { return &v }

// encode returns the one-line JSON with a trailing newline, the message truncated to fit.
func (r Result) encode() []byte {
	r.Message = truncateMessage(r.Message, maxMessageBytes)
	return encodeJSON(r)
}

func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Keep '<', '>' and '&' readable in kubectl output; the consumers are not HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only strings, ints and pointers are encoded: this cannot fail.
		panic(err)
	}
	return buf.Bytes()
}

// encodedLen is the size of s inside a JSON document, without the quotes. Escapes make it larger
// than len(s) (a control character takes six bytes), which is why truncation measures this.
func encodedLen(s string) int {
	return len(encodeJSON(s)) - 3 // quotes and newline
}

// truncateMessage cuts msg so that its JSON encoding takes at most limit bytes, on a UTF-8 boundary,
// marking the cut with an ellipsis.
func truncateMessage(msg string, limit int) string {
	msg = strings.ToValidUTF8(msg, "\uFFFD")
	if encodedLen(msg) <= limit {
		return msg
	}
	// Each raw byte encodes to at least one byte, so the answer is a prefix of at most limit bytes;
	// the encoded length grows with the prefix, so a binary search finds the longest one that fits.
	lo, hi := 0, limit
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if encodedLen(cutUTF8(msg, mid)+ellipsis) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cutUTF8(msg, lo) + ellipsis
}

// cutUTF8 returns the longest prefix of the valid UTF-8 string s that is at most n bytes long.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
