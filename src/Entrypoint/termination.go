package main

import (
	"strconv"
	"strings"
)

// The termination message is not the marker's JSON but one compact line, because the kubelet keeps
// only 12288 bytes of termination messages per Pod, divided evenly among all its containers and init
// containers, and keeps the first bytes of each: 189 bytes each for 64 steps and the injected init
// container. A JSON object cut there does not parse. This line puts the fixed-size fields first and
// the free text last, so a cut costs the end of the message and nothing else:
//
//	kueueleuleu/2 STEP STATE EXIT STARTED FINISHED MESSAGE
//
// EXIT and STARTED are "-" for a skipped step. With a 63-character step name, the state "timed-out",
// exit code 137 and two 30-byte times, everything before MESSAGE takes 154 bytes. The line ends with
// "\n", so a reader knows whether it got all of it.
const terminationPrefix = "kueueleuleu/2"

// absent stands for a field the state does not have.
const absent = "-"

// terminationLine is the termination message for r.
func (r Result) terminationLine() []byte {
	exit, started := absent, absent
	if r.ExitCode != nil {
		exit = strconv.Itoa(*r.ExitCode)
	}
	if r.StartedAt != "" {
		started = r.StartedAt
	}
	var b strings.Builder
	for _, field := range []string{terminationPrefix, r.Step, string(r.State), exit, started, r.FinishedAt} {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(field)
	}
	if msg := oneLine(truncateMessage(r.Message, maxMessageBytes)); msg != "" {
		b.WriteByte(' ')
		b.WriteString(msg)
	}
	b.WriteByte('\n')
	return []byte(b.String())
}

// oneLine replaces control characters with spaces: the line's only newline is its end.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
