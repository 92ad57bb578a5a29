package main

import (
	"bufio"
	"strconv"
	"strings"
	"testing"
	"time"
)

type tracedLine struct {
	phase string
	at    time.Time
}

// traceLines reads the "kueueleuleu: trace STEP PHASE NS" lines of a step's stderr.
func traceLines(t *testing.T, stderr, step string) []tracedLine {
	t.Helper()
	var lines []tracedLine
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 5 || f[0] != "kueueleuleu:" || f[1] != "trace" {
			continue
		}
		if f[2] != step {
			t.Fatalf("trace line of step %q in the stderr of %q: %q", f[2], step, sc.Text())
		}
		ns, err := strconv.ParseInt(f[4], 10, 64)
		if err != nil {
			t.Fatalf("trace line %q: %v", sc.Text(), err)
		}
		lines = append(lines, tracedLine{f[3], time.Unix(0, ns)})
	}
	return lines
}

func phaseAt(t *testing.T, lines []tracedLine, phase string) time.Time {
	t.Helper()
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].phase == phase {
			return lines[i].at
		}
	}
	t.Fatalf("no %q phase in %+v", phase, lines)
	return time.Time{}
}

// A traced hand-off shows every phase, on both sides, in the order they must happen: the waiter
// cannot wake before the marker is renamed, nor spawn before it has read it.
func TestTraceShowsTheHandOffInOrder(t *testing.T) {
	dir := t.TempDir()
	env := []string{traceEnv + "=1"}
	b := start(t, env, "run", "--dir", dir, "--step=b", "--after=a", "--", "true")
	b.waitForStderr(`step "b" waiting for a`)
	// OnFailure: a's marker is synced, so every phase shows (with Never there is no sync).
	a := start(t, env, "run", "--dir", dir, "--step=a", "--restart-policy=OnFailure", "--", "sh", "-c", "sleep 0.1")
	if code := a.wait(); code != 0 {
		t.Fatalf("a exited %d: %s", code, a.stderr.String())
	}
	if code := b.wait(); code != 0 {
		t.Fatalf("b exited %d: %s", code, b.stderr.String())
	}
	pa, pb := traceLines(t, a.stderr.String(), "a"), traceLines(t, b.stderr.String(), "b")
	order := []time.Time{
		phaseAt(t, pa, phaseExited), phaseAt(t, pa, phaseMarkerWritten), phaseAt(t, pa, phaseMarkerRenaming),
		phaseAt(t, pb, phaseWoke), phaseAt(t, pb, phaseDepsRead), phaseAt(t, pb, phaseSpawning), phaseAt(t, pb, phaseSpawned),
	}
	for i := 1; i < len(order); i++ {
		if order[i].Before(order[i-1]) {
			t.Fatalf("phase %d at %v comes before phase %d at %v; a: %+v; b: %+v", i, order[i], i-1, order[i-1], pa, pb)
		}
	}
	if renamed, synced := phaseAt(t, pa, phaseMarkerPublic), phaseAt(t, pa, phaseMarkerSynced); renamed.Before(order[2]) || synced.Before(renamed) {
		t.Fatalf("marker renaming at %v, renamed at %v, synced at %v", order[2], renamed, synced)
	}
	// Printed after the outcome: the last line of a's stderr is a trace line, not in the middle.
	if !strings.HasSuffix(strings.TrimSpace(a.stderr.String()), strconv.FormatInt(phaseAt(t, pa, phaseMarkerSynced).UnixNano(), 10)) {
		t.Fatalf("a's trace is not at the end of its stderr:\n%s", a.stderr.String())
	}
}

func TestNoTraceUnlessAsked(t *testing.T) {
	dir := t.TempDir()
	code, stderr := runEntrypoint(t, []string{traceEnv + "="}, "run", "--dir", dir, "--step=a", "--", "true")
	if code != 0 || strings.Contains(stderr, "trace") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
