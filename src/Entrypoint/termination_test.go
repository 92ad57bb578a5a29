package main

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// readTermination parses a termination message back, the way the converter's reader does, so
// process tests can compare it with the marker.
func readTermination(t *testing.T, path string) report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseTermination(t, string(data))
}

// readTerminationLine is the marker part of a termination message.
func readTerminationLine(t *testing.T, path string) Result {
	t.Helper()
	return readTermination(t, path).Result
}

// parseTermination reads a v3 message: the header, "r" lines (Value nil when left out, decoded
// otherwise), and the "m" line.
func parseTermination(t *testing.T, text string) report {
	t.Helper()
	if len(text) > maxTerminationBudget || !strings.HasSuffix(text, "\n") {
		t.Fatalf("termination message is not complete lines within 4 KiB: %q", text)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	fields := strings.Split(lines[0], " ")
	if len(fields) != 8 || fields[0] != terminationPrefix {
		t.Fatalf("termination header %q does not have the eight fields", lines[0])
	}
	r := report{Result: Result{Step: fields[1], State: State(fields[2]), FinishedAt: fields[5]}}
	if fields[3] != absent {
		r.ExitCode = intPtr(atoi(t, fields[3]))
	}
	if fields[4] != absent {
		r.StartedAt = fields[4]
	}
	count, earlier, hasEarlier := strings.Cut(fields[6], ":")
	r.Attempts = atoi(t, count)
	if hasEarlier {
		r.Earlier = strings.Split(earlier, ",")
	}
	found := atoi(t, fields[7])
	for i, line := range lines[1:] {
		switch {
		case strings.HasPrefix(line, "r "):
			r.Results = append(r.Results, parseResultLine(t, line))
		case strings.HasPrefix(line, "m ") && i == len(lines)-2:
			r.Message = line[2:]
		default:
			t.Fatalf("unexpected line %q in %q", line, text)
		}
	}
	if len(r.Results) > found {
		t.Fatalf("%d r lines but RESULTS %d", len(r.Results), found)
	}
	for len(r.Results) < found {
		r.Results = append(r.Results, resultFile{Name: "(not reported)"})
	}
	return r
}

func parseResultLine(t *testing.T, line string) resultFile {
	t.Helper()
	parts := strings.SplitN(line, " ", 4)
	if len(parts) < 3 || !validResultName(parts[1]) {
		t.Fatalf("result line %q", line)
	}
	size, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		t.Fatalf("result line %q: %v", line, err)
	}
	f := resultFile{Name: parts[1], Size: size}
	if len(parts) == 4 {
		f.Value = percentDecode(t, parts[3])
	}
	return f
}

func percentDecode(t *testing.T, v string) []byte {
	t.Helper()
	out := []byte{}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] == 0x7f {
			t.Fatalf("value %q has a raw byte %#x", v, v[i])
		}
		if v[i] != '%' {
			out = append(out, v[i])
			continue
		}
		b, err := strconv.ParseUint(v[i+1:i+3], 16, 8)
		if err != nil || strings.ToUpper(v[i+1:i+3]) != v[i+1:i+3] {
			t.Fatalf("value %q: bad escape at %d", v, i)
		}
		out = append(out, byte(b))
		i += 2
	}
	return out
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}

func result(name, value string) resultFile {
	return resultFile{Name: name, Size: int64(len(value)), Value: []byte(value)}
}

const header3 = "kueueleuleu/3 build failed 3 2026-11-23T08:01:22.123456789Z 2026-11-23T08:01:25.5Z "

func failedBuild(message string, results ...resultFile) report {
	return report{
		Result: Result{
			Step: "build", State: StateFailed, ExitCode: intPtr(3),
			StartedAt: "2026-11-23T08:01:22.123456789Z", FinishedAt: "2026-11-23T08:01:25.5Z", Message: message,
		},
		Attempts: 3, Earlier: []string{"1", "t"}, Results: results,
	}
}

func TestTerminationMessageFields(t *testing.T) {
	cases := []struct {
		name string
		r    report
		want string
	}{
		{
			name: "attempts, results and message",
			r:    failedBuild("exited with code 3", result("coverage", "81.5"), result("junit.xml", "")),
			want: header3 + "3:1,t 2\nr coverage 4 81.5\nr junit.xml 0 \nm exited with code 3\n",
		},
		{
			name: "one attempt, nothing else",
			r:    report{Result: Result{Step: "b", State: StateSucceeded, ExitCode: intPtr(0), StartedAt: "S", FinishedAt: "F"}, Attempts: 1},
			want: "kueueleuleu/3 b succeeded 0 S F 1 0\n",
		},
		{
			name: "skipped",
			r:    report{Result: Result{Step: "b", State: StateSkipped, FinishedAt: "F", Message: `dependency "a" is failed; the command never ran`}},
			want: "kueueleuleu/3 b skipped - - F 0 0\nm dependency \"a\" is failed; the command never ran\n",
		},
		{
			name: "condition-false",
			r:    report{Result: Result{Step: "b", State: StateConditionFalse, FinishedAt: "F", Message: onFailureNotMet}},
			want: "kueueleuleu/3 b condition-false - - F 0 0\nm " + onFailureNotMet + "\n",
		},
		{
			name: "message with control characters",
			r:    report{Result: Result{Step: "b", State: StateFailed, ExitCode: intPtr(1), StartedAt: "S", FinishedAt: "F", Message: "a\nb\tc\x7fd"}, Attempts: 1},
			want: "kueueleuleu/3 b failed 1 S F 1 0\nm a b c d\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := string(c.r.terminationMessage(4096)); got != c.want {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestResultValueEncoding(t *testing.T) {
	cases := []struct {
		value []byte
		want  string
		ok    bool
	}{
		{[]byte("v1.2.3"), "v1.2.3", true},
		{[]byte("a b\tc\nd\re%f"), "a%20b%09c%0Ad%0De%25f", true},
		{[]byte{0x00, 0x1f, 0x20, 0x21, 0x7e, 0x7f}, "%00%1F%20!~%7F", true},
		{[]byte("sha256:ab+/=?&#\"'<>"), "sha256:ab+/=?&#\"'<>", true},
		{[]byte("grüße ✓ 😀"), "grüße%20✓%20😀", true},
		{[]byte{}, "", true},
		{[]byte("ab\xffcd"), "", false}, // not UTF-8
		{[]byte("\xe2\x9c"), "", false}, // a character cut short
		{nil, "", false},                // not read
	}
	for _, c := range cases {
		got, ok := encodeValue(c.value)
		if got != c.want || ok != c.ok {
			t.Errorf("%q: %q, %v; want %q, %v", c.value, got, ok, c.want, c.ok)
		}
		if ok && !reflect.DeepEqual(percentDecode(t, got), c.value) {
			t.Errorf("%q does not decode back", c.value)
		}
	}
}

func TestTerminationMessageReportsANonUTF8ValueWithoutIt(t *testing.T) {
	r := failedBuild("", resultFile{Name: "digest", Size: 3, Value: []byte{0xff, 0xfe, 0x00}}, result("tag", "v1"))
	want := header3 + "3:1,t 2\nr digest 3\nr tag 2 v1\n"
	if got := string(r.terminationMessage(4096)); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// Within the budget, the fill order is: header, message (256 bytes at most with results), names
// and sizes, then whole values in name order.
func TestTerminationMessageBudget(t *testing.T) {
	long := strings.Repeat("x", 300)
	cases := []struct {
		name   string
		r      report
		budget int
		want   string
	}{
		{
			name:   "values that do not fit are dropped whole, later ones still fit",
			r:      failedBuild("exited with code 3", result("a", "1234567890"), result("b", strings.Repeat("y", 40)), result("c", "z")),
			budget: len(header3+"3:1,t 3\n") + len("m exited with code 3\n") + len("r a 10\nr b 40\nr c 1\n") + 11 + 2,
			want:   header3 + "3:1,t 3\nr a 10 1234567890\nr b 40\nr c 1 z\nm exited with code 3\n",
		},
		{
			name:   "r lines that do not fit are dropped and counted",
			r:      failedBuild("", result("a", "1"), result("b", "2"), result("c", "3")),
			budget: len(header3+"3:1,t 3\n") + len("r a 1\nr b 1\n") + 3,
			want:   header3 + "3:1,t 3\nr a 1 1\nr b 1\n",
		},
		{
			name:   "the message is cut to 256 bytes when there are results",
			r:      failedBuild(long, result("a", "1")),
			budget: 4096,
			want:   header3 + "3:1,t 1\nr a 1 1\nm " + strings.Repeat("x", 256-len(ellipsis)) + ellipsis + "\n",
		},
		{
			name:   "without results the message takes what is left",
			r:      failedBuild(long),
			budget: len(header3+"3:1,t 0\n") + 100,
			want:   header3 + "3:1,t 0\nm " + strings.Repeat("x", 100-len("m \n")-len(ellipsis)) + ellipsis + "\n",
		},
		{
			name:   "the message comes before the results",
			r:      failedBuild("exited with code 3", result("a", "1")),
			budget: len(header3+"3:1,t 1\n") + len("m exited with code 3\n") + 3,
			want:   header3 + "3:1,t 1\nm exited with code 3\n",
		},
		{
			name:   "earlier attempts' codes that do not fit leave the count alone",
			r:      failedBuild("exited with code 3", result("a", "1")),
			budget: len(header3+"3:1,t 1\n") - 1,
			want:   header3 + "3 1\n",
		},
		{
			name:   "a budget smaller than the header leaves only the header",
			r:      failedBuild("exited with code 3", result("a", "1")),
			budget: 20,
			want:   header3 + "3 1\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := string(c.r.terminationMessage(c.budget))
			if got != c.want {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
			if len(got) > c.budget && len(got) != len(c.r.header(false)) {
				t.Fatalf("%d bytes, over the budget of %d", len(got), c.budget)
			}
			parseTermination(t, got)
		})
	}
}

// However many results, names and messages there are, the message stays within its budget, every
// line complete, and the reader gets the header's fields whole.
func TestTerminationMessageStaysWithinEveryBudget(t *testing.T) {
	var results []resultFile
	for i := 0; i < 80; i++ {
		name := fmt.Sprintf("%02d-%s", i, strings.Repeat("n", i%50))
		results = append(results, result(name, strings.Repeat("v%", i*7)))
	}
	r := failedBuild(strings.Repeat("ü✓😀", 400), results...)
	for _, budget := range []int{1, 100, 189, 190, 256, 500, 1000, 2047, 4096} {
		got := r.terminationMessage(budget)
		back := parseTermination(t, string(got))
		if len(got) > budget && len(got) != len(r.header(false)) {
			t.Fatalf("budget %d: %d bytes", budget, len(got))
		}
		if !utf8.Valid(got) || back.State != StateFailed || len(back.Results) != 80 {
			t.Fatalf("budget %d: %+v", budget, back)
		}
		for i, res := range back.Results {
			if res.Value != nil && !reflect.DeepEqual(res.Value, results[i].Value) {
				t.Fatalf("budget %d: value of %s cut: %q", budget, res.Name, res.Value)
			}
		}
	}
}

// The kubelet keeps 12288 bytes of termination messages per Pod, split evenly among its containers
// and init containers; the converter passes that share as the budget. With 64 steps and the
// injected init container it is 189 bytes, and the header must fit in it for the longest values
// its fields take.
func TestTerminationHeaderFitsTheKubeletsShareFor64Steps(t *testing.T) {
	const share = 12288 / (64 + 1)
	slowest := time.Date(2026, 11, 23, 8, 1, 22, 123456789, time.UTC)
	for _, r := range []report{
		{Result: Result{State: StateTimedOut, ExitCode: intPtr(137), StartedAt: formatTime(slowest), FinishedAt: formatTime(slowest.Add(time.Second + 2))}, Attempts: 1},
		{Result: Result{State: StateContinued, ExitCode: intPtr(255), StartedAt: formatTime(slowest), FinishedAt: formatTime(slowest.Add(time.Second + 2))}, Attempts: 3, Earlier: []string{"t", "137"}},
		{Result: Result{State: StateConditionFalse, FinishedAt: formatTime(slowest)}},
		{Result: Result{State: StateFailed, ExitCode: intPtr(137), StartedAt: formatTime(slowest), FinishedAt: formatTime(slowest.Add(time.Second + 2))},
			Attempts: 101, Earlier: strings.Split(strings.Repeat("137,", 100)[:399], ","), Results: []resultFile{result("a", "1")}},
	} {
		r.Step = strings.Repeat("s", 63)
		r.Message = strings.Repeat("m", 500)
		got := r.terminationMessage(share)
		if len(got) > share {
			t.Fatalf("%s: %d bytes, more than the %d-byte share: %q", r.State, len(got), share, got)
		}
		t.Logf("%s, %d attempts: %d bytes of the %d-byte share used", r.State, r.Attempts, len(got), share)
	}
}
