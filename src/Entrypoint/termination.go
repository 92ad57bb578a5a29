package main

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The termination message is not the marker's JSON but a few compact lines, because the kubelet
// keeps only 12288 bytes of termination messages per Pod, divided evenly among all its containers
// and init containers, and keeps the first bytes of each. The converter passes that share as
// --termination-budget, and the message is built to fit in it:
//
//	kueueleuleu/3 STEP STATE EXIT STARTED FINISHED ATTEMPTS RESULTS
//	r NAME SIZE VALUE      one per reported result, in name order; VALUE left out when it did not fit
//	m MESSAGE              when there is a message
//
// EXIT and STARTED are "-" when the command never ran. ATTEMPTS is the number of attempts, followed
// by ":" and the earlier attempts' exit codes ("t" for a timeout) when there were several. RESULTS
// counts every result found, so a reader knows how many did not fit. Every line ends with "\n".
const terminationPrefix = "kueueleuleu/3"

// absent stands for a field the state does not have.
const absent = "-"

// maxMessageWithResults bounds the message when results compete for the budget: it says what went
// wrong in a sentence, and the rest of the budget is worth more as results.
const maxMessageWithResults = 256

// report is everything the termination message says: the marker's fields, the attempts and the results.
type report struct {
	Result
	Attempts int
	Earlier  []string // the earlier attempts' exit codes, "t" for a timeout
	Results  []resultFile
}

// terminationMessage fills budget bytes in order of importance: the header (always; without the
// earlier attempts' codes when they do not fit, and whole even when it alone is larger); the
// message, cut to 256 bytes when there are results; one "r NAME SIZE" line per result, in name
// order, while they fit; then values, each whole or not at all, in name order. Names before values,
// because a name without its value still tells the reader that the result exists and where to read
// it; a value is never cut, because a cut value would look like a whole one.
func (r report) terminationMessage(budget int) []byte {
	header := r.header(true)
	if len(header) > budget {
		// Up to 100 earlier exit codes do not fit a small share; the count alone keeps the header
		// whole, and a header cut by the kubelet would lose RESULTS and the line's end.
		header = r.header(false)
	}
	left := budget - len(header)
	msg := r.messageLine(left)
	left -= len(msg)
	lines := make([]string, 0, len(r.Results))
	for _, res := range r.Results {
		line := "r " + res.Name + " " + strconv.FormatInt(res.Size, 10)
		if len(line)+1 > left {
			break
		}
		left -= len(line) + 1
		lines = append(lines, line)
	}
	for i, res := range r.Results[:len(lines)] {
		// An empty value costs one byte, its separator; "r NAME 0" without it would read as cut.
		if v, ok := encodeValue(res.Value); ok && 1+len(v) <= left {
			lines[i] += " " + v
			left -= 1 + len(v)
		}
	}
	var b strings.Builder
	b.WriteString(header)
	for _, line := range lines {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	b.WriteString(msg)
	return []byte(b.String())
}

// header is the first line; withEarlier adds the earlier attempts' exit codes to ATTEMPTS.
func (r report) header(withEarlier bool) string {
	exit, started := absent, absent
	if r.ExitCode != nil {
		exit = strconv.Itoa(*r.ExitCode)
	}
	if r.StartedAt != "" {
		started = r.StartedAt
	}
	attempts := strconv.Itoa(r.Attempts)
	if withEarlier && len(r.Earlier) > 0 {
		attempts += ":" + strings.Join(r.Earlier, ",")
	}
	fields := []string{terminationPrefix, r.Step, string(r.State), exit, started, r.FinishedAt, attempts, strconv.Itoa(len(r.Results))}
	return strings.Join(fields, " ") + "\n"
}

// messageLine is the "m" line, cut to what the budget leaves it (and to 256 bytes when results
// follow), or nothing when the message is empty or not even its cut form fits.
func (r report) messageLine(left int) string {
	msg := oneLine(truncateMessage(r.Message, maxMessageBytes))
	if msg == "" {
		return ""
	}
	limit := left - len("m \n")
	if len(r.Results) > 0 && limit > maxMessageWithResults {
		limit = maxMessageWithResults
	}
	if len(msg) > limit {
		if limit < len(ellipsis) {
			return ""
		}
		msg = cutUTF8(msg, limit-len(ellipsis)) + ellipsis
	}
	return "m " + msg + "\n"
}

// encodeValue writes a result's bytes so that the value is one token of one line: '%', bytes up
// to and including the space, and DEL become %XX; every other byte stays as it is. A value that is
// not UTF-8 is not reported (the status is text); ok is false then, and when it was not read.
func encodeValue(v []byte) (string, bool) {
	if v == nil || !utf8.Valid(v) {
		return "", false
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for _, c := range v {
		if c == '%' || c <= ' ' || c == 0x7f {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), true
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
