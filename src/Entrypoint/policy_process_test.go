package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Process tests of the step policies (issue 13): the built binary, real commands, real files.

func TestFlakyCommandSucceedsOnItsThirdAttempt(t *testing.T) {
	dir := t.TempDir()
	counter := filepath.Join(dir, "counter")
	log := filepath.Join(dir, "log")
	// Fails until it has run three times; each attempt counts itself in a file.
	p := start(t, nil, "run", "--dir", dir, "--step=flaky", "--retries=4", "--retry-backoff=10ms",
		"--termination-log", log, "--",
		"sh", "-c", `n=$(cat "$0" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$0"; echo "attempt $n output" >&2; [ $n -ge 3 ]`, counter)
	if code := p.wait(); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, p.stderr.String())
	}
	if got, _ := os.ReadFile(counter); string(got) != "3\n" {
		t.Fatalf("the command ran %q times, want 3", got)
	}
	r, _ := marker(t, dir, "flaky")
	if r.State != StateSucceeded || *r.ExitCode != 0 {
		t.Fatalf("marker %+v", r)
	}
	term := readTermination(t, log)
	if term.Attempts != 3 || !reflect.DeepEqual(term.Earlier, []string{"1", "1"}) || !reflect.DeepEqual(term.Result, r) {
		t.Fatalf("termination message %+v, marker %+v", term, r)
	}
	stderr := p.stderr.String()
	for _, line := range []string{
		`kueueleuleu: step "flaky" attempt 1 of 5` + "\nattempt 1 output\n",
		`kueueleuleu: step "flaky" attempt 2 of 5 after attempt 1 exited with 1; waited 10ms` + "\nattempt 2 output\n",
		`kueueleuleu: step "flaky" attempt 3 of 5 after attempt 2 exited with 1; waited 20ms` + "\nattempt 3 output\n",
	} {
		if !strings.Contains(stderr, line) {
			t.Fatalf("stderr lacks %q:\n%s", line, stderr)
		}
	}
	if strings.Contains(stderr, "attempt 4") {
		t.Fatalf("a success was repeated:\n%s", stderr)
	}
}

// A failing test step writes a result; an always-step after it reads it from the shared directory,
// an on-failure step runs, an on-success step is skipped.
func TestAlwaysStepReadsTheResultOfAFailedStep(t *testing.T) {
	dir := t.TempDir()
	run := func(name, after, when string, command ...string) *proc {
		args := []string{"run", "--dir", dir, "--step=" + name, "--after=" + after}
		if when != "" {
			args = append(args, "--when="+when)
		}
		args = append(args, "--termination-log", filepath.Join(dir, name+".log"), "--")
		return start(t, []string{resultsEnv + "=/overridden/by/the/entrypoint"}, append(args, command...)...)
	}
	report := run("report", "test", "always", "sh", "-c", `cat "$0/results/test/summary" > "$0/report.txt"`, dir)
	notify := run("notify", "test", "on-failure", "touch", filepath.Join(dir, "notified"))
	publish := run("publish", "test", "", "touch", filepath.Join(dir, "published"))
	report.waitForStderr(`step "report" waiting for test`)
	test := run("test", "", "", "sh", "-c", `printf '3 of 120 failed' > "$KUEUELEULEU_RESULTS/summary"; printf x > "$KUEUELEULEU_RESULTS/.tmp"; exit 1`)

	if code := test.wait(); code != 1 {
		t.Fatalf("test exited %d; stderr:\n%s", code, test.stderr.String())
	}
	if code := report.wait(); code != 0 {
		t.Fatalf("report exited %d; stderr:\n%s", code, report.stderr.String())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "report.txt")); string(got) != "3 of 120 failed" {
		t.Fatalf("the report read %q", got)
	}
	if code := notify.wait(); code != 0 || !exists(filepath.Join(dir, "notified")) {
		t.Fatalf("notify exited %d, ran: %v", code, exists(filepath.Join(dir, "notified")))
	}
	if code := publish.wait(); code != 125 || exists(filepath.Join(dir, "published")) {
		t.Fatalf("publish exited %d, ran: %v", code, exists(filepath.Join(dir, "published")))
	}
	term := readTermination(t, filepath.Join(dir, "test.log"))
	want := []resultFile{{Name: "summary", Size: 15, Value: []byte("3 of 120 failed")}}
	if term.State != StateFailed || !reflect.DeepEqual(term.Results, want) {
		t.Fatalf("termination message of test: %+v", term)
	}
	if raw, _ := os.ReadFile(filepath.Join(dir, "test.log")); !strings.Contains(string(raw), "\nr summary 15 3%20of%20120%20failed\n") {
		t.Fatalf("termination message %q", raw)
	}
	if !strings.Contains(test.stderr.String(), `ignoring ".tmp" in the results of step "test"`) {
		t.Fatalf("no line about the ignored file:\n%s", test.stderr.String())
	}
}

func TestOnFailureStepAfterSuccessIsConditionFalse(t *testing.T) {
	dir := t.TempDir()
	code, _ := runEntrypoint(t, nil, "run", "--dir", dir, "--step=build", "--", "true")
	if code != 0 {
		t.Fatalf("build exited %d", code)
	}
	log := filepath.Join(dir, "log")
	code, _ = runEntrypoint(t, nil, "run", "--dir", dir, "--step=notify", "--after=build", "--when=on-failure",
		"--termination-log", log, "--", "touch", filepath.Join(dir, "notified"))
	if code != 0 || exists(filepath.Join(dir, "notified")) {
		t.Fatalf("notify exited %d, ran: %v", code, exists(filepath.Join(dir, "notified")))
	}
	r, raw := marker(t, dir, "notify")
	if r.State != StateConditionFalse || r.Message != onFailureNotMet || raw["exitCode"] != nil || raw["startedAt"] != nil {
		t.Fatalf("marker %+v", raw)
	}
	code, _ = runEntrypoint(t, nil, "run", "--dir", dir, "--step=after-notify", "--after=notify", "--", "touch", filepath.Join(dir, "ran"))
	if r, _ := marker(t, dir, "after-notify"); code != 0 || r.State != StateConditionFalse || exists(filepath.Join(dir, "ran")) {
		t.Fatalf("exit %d, marker %+v", code, r)
	}
}

// A failed step held for debugging keeps its dependant waiting, is reported by `held`, and is
// ended by `release`; then it publishes the outcome it kept back.
func TestHoldReleasedByTheReleaseVerb(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "build.log")
	build := start(t, []string{"HOSTNAME=pipeline-x7k2p"}, "run", "--dir", dir, "--step=build", "--debug=on-failure",
		"--termination-log", log, "--", "sh", "-c", `echo evidence > "$0/evidence"; exit 3`, dir)
	report := start(t, nil, "run", "--dir", dir, "--step=report", "--after=build", "--when=always", "--",
		"touch", filepath.Join(dir, "report-ran"))
	build.waitForStderr("held for debugging until ")
	build.waitForStderr("End it with: kubectl exec pipeline-x7k2p -c build -- /kueueleuleu/entrypoint release\n")

	if code, _ := runEntrypoint(t, nil, "held", "--step=build", "--dir", dir); code != 0 {
		t.Fatalf("held exited %d during the hold", code)
	}
	if code, _ := runEntrypoint(t, nil, "held", "--step=report", "--dir", dir); code != 1 {
		t.Fatalf("held exited %d for a step that is not held", code)
	}
	held, err := os.ReadFile(heldPath(dir, "build"))
	if err != nil || !strings.HasPrefix(string(held), `{"step":"build","exitCode":3,"until":"`) {
		t.Fatalf(".held %q, %v", held, err)
	}
	// During the hold: no marker, no termination message, the dependant still waiting.
	if exists(filepath.Join(dir, "steps", "build.json")) || exists(log) {
		t.Fatal("the outcome was published during the hold")
	}
	select {
	case <-report.done:
		t.Fatalf("the dependant finished during the hold; stderr:\n%s", report.stderr.String())
	default:
	}
	if !exists(filepath.Join(dir, "evidence")) || exists(filepath.Join(dir, "report-ran")) {
		t.Fatal("the held step's files are not there, or the dependant ran")
	}

	code, out := runEntrypointStdout(t, "release", "--dir", dir)
	if code != 0 || out != "released step \"build\": it publishes its outcome and exits\n" {
		t.Fatalf("release exited %d: %q", code, out)
	}
	if code := build.wait(); code != 3 {
		t.Fatalf("build exited %d, want 3 as without the hold; stderr:\n%s", code, build.stderr.String())
	}
	r, _ := marker(t, dir, "build")
	if r.State != StateFailed || *r.ExitCode != 3 || r.Message != "exited with code 3" {
		t.Fatalf("marker %+v", r)
	}
	if term := readTerminationLine(t, log); !reflect.DeepEqual(term, r) {
		t.Fatalf("termination message %+v, marker %+v", term, r)
	}
	if code := report.wait(); code != 0 || !exists(filepath.Join(dir, "report-ran")) {
		t.Fatalf("report exited %d", code)
	}
	if exists(heldPath(dir, "build")) || exists(releasePath(dir, "build")) {
		t.Fatal("hold files left behind")
	}
	if code, _ := runEntrypoint(t, nil, "held", "--step=build", "--dir", dir); code != 1 {
		t.Fatalf("held exited %d after the hold", code)
	}
	if !strings.Contains(build.stderr.String(), `step "build": hold ended by the release file`) {
		t.Fatalf("stderr:\n%s", build.stderr.String())
	}
}

// runEntrypointStdout runs the binary to its end and returns its exit code and stdout.
func runEntrypointStdout(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(entrypointBin, args...)
	var stdout strings.Builder
	cmd.Stdout = &stdout
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stdout.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stdout.String()
}
