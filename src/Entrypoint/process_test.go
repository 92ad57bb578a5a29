package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests build the real binary once and run it as a process, the way a container would.

var entrypointBin string

// hangGuard only stops a broken test from hanging the suite; no assertion depends on speed.
const hangGuard = 60 * time.Second

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode))
	}
	dir, err := os.MkdirTemp("", "entrypoint-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	entrypointBin = filepath.Join(dir, "entrypoint")
	build := exec.Command(goTool(), "build", "-trimpath", "-o", entrypointBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the entrypoint: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// fileOutput collects a process's stderr in a file rather than a pipe: commands left running by a
// failed test must not keep the test waiting for the pipe to close.
type fileOutput struct{ path string }

func newFileOutput(t *testing.T) (*fileOutput, *os.File) {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stderr-")
	if err != nil {
		t.Fatal(err)
	}
	return &fileOutput{path: f.Name()}, f
}

func (o *fileOutput) String() string {
	data, _ := os.ReadFile(o.path)
	return string(data)
}

type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	stderr *fileOutput
	done   chan struct{}
	code   int
}

func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	out, f := newFileOutput(t)
	defer f.Close()
	p := &proc{t: t, stderr: out, done: make(chan struct{})}
	p.cmd = exec.Command(entrypointBin, args...)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = f
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := p.cmd.Wait()
		p.code = 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			p.code = ee.ExitCode()
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				p.code = 128 + int(ws.Signal())
			}
		} else if err != nil {
			p.code = -1
		}
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func (p *proc) wait() int {
	p.t.Helper()
	select {
	case <-p.done:
		return p.code
	case <-time.After(hangGuard):
		p.t.Fatalf("entrypoint did not finish; stderr:\n%s", p.stderr.String())
		return -1
	}
}

func (p *proc) waitForStderr(substr string) {
	p.t.Helper()
	eventually(p.t, "stderr to contain "+substr, func() bool { return strings.Contains(p.stderr.String(), substr) })
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func runEntrypoint(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	p := start(t, env, args...)
	code := p.wait()
	return code, p.stderr.String()
}

// readResult returns a marker both decoded and as raw keys, to check which fields are present.
func readResult(t *testing.T, path string) (Result, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) >= 4096 || bytes.Count(data, []byte("\n")) != 1 {
		t.Fatalf("%s is not one line under 4 KiB: %d bytes", path, len(data))
	}
	var r Result
	var raw map[string]any
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, data)
	}
	json.Unmarshal(data, &raw)
	return r, raw
}

func marker(t *testing.T, dir, step string) (Result, map[string]any) {
	t.Helper()
	return readResult(t, filepath.Join(dir, "steps", step+".json"))
}

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("timestamp %q: %v", s, err)
	}
	if ts.Location() != time.UTC || !strings.HasSuffix(s, "Z") {
		t.Fatalf("timestamp %q is not UTC", s)
	}
	return ts
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestCopyMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kueueleuleu")
	os.Mkdir(dir, 0o777)
	for i := 0; i < 2; i++ { // a restarted init container copies again
		// A strict umask must not leak into the modes, which are set explicitly.
		out, err := exec.Command("sh", "-c", `umask 077 && exec "$0" copy "$1"`, entrypointBin, dir).CombinedOutput()
		if err != nil {
			t.Fatalf("copy: %v\n%s", err, out)
		}
	}
	installed := filepath.Join(dir, "entrypoint")
	st, err := os.Stat(installed)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode() != 0o555 {
		t.Errorf("binary mode %v, want -r-xr-xr-x", st.Mode())
	}
	want, _ := os.ReadFile(entrypointBin)
	if got, _ := os.ReadFile(installed); !bytes.Equal(got, want) {
		t.Error("copied binary differs from the original")
	}
	st, err = os.Stat(filepath.Join(dir, "steps"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode() != os.ModeDir|os.ModeSticky|0o777 {
		t.Errorf("steps mode %v, want drwxrwxrwt", st.Mode())
	}
	st, err = os.Stat(filepath.Join(dir, "results"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode() != os.ModeDir|os.ModeSticky|0o777 {
		t.Errorf("results mode %v, want drwxrwxrwt", st.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	// Without --dir, the copied binary uses its own directory.
	cmd := exec.Command(installed, "run", "--step=solo", "--after=", "--", "true")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("run from the copy: %v\n%s", err, out)
	}
	if r, _ := marker(t, dir, "solo"); r.State != StateSucceeded {
		t.Fatalf("marker next to the copied binary: %+v", r)
	}
}

func TestCopyModeUsage(t *testing.T) {
	for _, args := range [][]string{{"copy"}, {"copy", "a", "b"}, {"copy", "--dir=x"}, {}, {"frobnicate"}} {
		code, stderr := runEntrypoint(t, nil, args...)
		if code != 2 || !strings.Contains(stderr, "usage:") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func testChain(t *testing.T, extra ...string) {
	dir := t.TempDir()
	order := filepath.Join(dir, "order")
	step := func(name, after, command string) *proc {
		args := append([]string{"run", "--dir", dir, "--step=" + name, "--after=" + after}, extra...)
		args = append(args, "--termination-log", filepath.Join(dir, name+".log"), "--", "sh", "-c", command, "sh", order, name)
		return start(t, nil, args...)
	}
	// Started in reverse order; the first two must wait.
	c := step("c", "b", `echo "$2" >> "$1"`)
	b := step("b", "a", `echo "$2" >> "$1"`)
	c.waitForStderr(`step "c" waiting for b`)
	b.waitForStderr(`step "b" waiting for a`)
	a := step("a", "", `sleep 0.2; echo "$2" >> "$1"`)
	for _, p := range []*proc{a, b, c} {
		if code := p.wait(); code != 0 {
			t.Fatalf("exit %d, stderr:\n%s", code, p.stderr.String())
		}
	}
	if got, _ := os.ReadFile(order); string(got) != "a\nb\nc\n" {
		t.Fatalf("commands ran in order %q", got)
	}
	var previous time.Time
	for _, name := range []string{"a", "b", "c"} {
		r, _ := marker(t, dir, name)
		if r.Step != name || r.State != StateSucceeded || r.ExitCode == nil || *r.ExitCode != 0 || r.Message != "" {
			t.Fatalf("marker %s = %+v", name, r)
		}
		started, finished := parseTime(t, r.StartedAt), parseTime(t, r.FinishedAt)
		if started.Before(previous) || finished.Before(started) {
			t.Fatalf("step %s ran %s..%s, before the previous step finished at %s", name, started, finished, previous)
		}
		if !previous.IsZero() {
			t.Logf("step %s started %v after the previous one finished (information, not a test)", name, started.Sub(previous))
		}
		previous = finished
		if logged := readTerminationLine(t, filepath.Join(dir, name+".log")); !reflect.DeepEqual(logged, r) {
			t.Fatalf("termination log %+v differs from marker %+v", logged, r)
		}
	}
}

func TestChainRunsInOrder(t *testing.T)        { testChain(t) }
func TestChainRunsInOrderPolling(t *testing.T) { testChain(t, "--force-poll") }

func TestFailureSkipsDependants(t *testing.T) {
	dir := t.TempDir()
	run := func(name, after string, command ...string) *proc {
		args := append([]string{"run", "--dir=" + dir, "--step", name, "--after", after,
			"--termination-log=" + filepath.Join(dir, name+".log"), "--"}, command...)
		return start(t, nil, args...)
	}
	b := run("b", "a", "touch", filepath.Join(dir, "b-ran"))
	c := run("c", "b", "touch", filepath.Join(dir, "c-ran"))
	d := run("d", "a,ok", "touch", filepath.Join(dir, "d-ran"))
	ok := run("ok", "", "true")
	b.waitForStderr("waiting")
	c.waitForStderr("waiting")
	a := run("a", "", "sh", "-c", "exit 3")

	if code := a.wait(); code != 3 {
		t.Fatalf("a exited %d", code)
	}
	if r, _ := marker(t, dir, "a"); r.State != StateFailed || *r.ExitCode != 3 || !strings.Contains(r.Message, "code 3") {
		t.Fatalf("a = %+v", r)
	}
	ok.wait()
	for name, p := range map[string]*proc{"b": b, "c": c, "d": d} {
		if code := p.wait(); code != 125 {
			t.Errorf("%s exited %d, want 125", name, code)
		}
		if exists(filepath.Join(dir, name+"-ran")) {
			t.Errorf("the command of skipped step %s ran", name)
		}
		r, raw := marker(t, dir, name)
		if r.State != StateSkipped {
			t.Errorf("%s = %+v", name, r)
		}
		if _, has := raw["exitCode"]; has {
			t.Errorf("%s: skipped marker has an exitCode", name)
		}
		if _, has := raw["startedAt"]; has {
			t.Errorf("%s: skipped marker has a startedAt", name)
		}
		parseTime(t, r.FinishedAt)
		if !strings.Contains(p.stderr.String(), "kueueleuleu: ") {
			t.Errorf("%s: no diagnostic on stderr", name)
		}
		logged := readTerminationLine(t, filepath.Join(dir, name+".log"))
		if !reflect.DeepEqual(logged, r) {
			t.Errorf("%s: termination log %+v differs from marker %+v", name, logged, r)
		}
	}
	if r, _ := marker(t, dir, "b"); !strings.Contains(r.Message, `dependency "a" is failed`) {
		t.Errorf("b message %q", r.Message)
	}
	if r, _ := marker(t, dir, "c"); !strings.Contains(r.Message, `dependency "b" is skipped`) {
		t.Errorf("c message %q", r.Message)
	}
	if r, _ := marker(t, dir, "d"); !strings.Contains(r.Message, `"a" is failed`) || strings.Contains(r.Message, `"ok"`) {
		t.Errorf("d message %q", r.Message)
	}
}

func TestOnErrorContinue(t *testing.T) {
	dir := t.TempDir()
	code, _ := runEntrypoint(t, nil, "run", "--dir", dir, "--step=a", "--on-error=continue", "--", "sh", "-c", "exit 3")
	if code != 0 {
		t.Fatalf("a exited %d, want 0", code)
	}
	if r, _ := marker(t, dir, "a"); r.State != StateContinued || *r.ExitCode != 3 {
		t.Fatalf("a = %+v", r)
	}
	code, _ = runEntrypoint(t, nil, "run", "--dir", dir, "--step=b", "--after=a", "--", "touch", filepath.Join(dir, "b-ran"))
	if code != 0 || !exists(filepath.Join(dir, "b-ran")) {
		t.Fatalf("b exited %d, ran: %v", code, exists(filepath.Join(dir, "b-ran")))
	}
	if r, _ := marker(t, dir, "b"); r.State != StateSucceeded {
		t.Fatalf("b = %+v", r)
	}
}

func processGone(pid int) bool {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the parenthesised command name; a zombie no longer runs.
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	return len(fields) > 0 && fields[0] == "Z"
}

func TestTimeoutKillsProcessGroup(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "grandchild")
	// The shell and its background sleep ignore SIGTERM, so only the SIGKILL after the grace period ends them.
	p := start(t, nil, "run", "--dir", dir, "--step=slow", "--timeout=3s", "--timeout-grace=200ms",
		"--termination-log", filepath.Join(dir, "log"), "--",
		"sh", "-c", `trap "" TERM; sleep 1000 & echo $! > "$0"; wait; wait`, pidFile)
	code := p.wait()
	if code != 124 {
		t.Fatalf("exit %d, want 124; stderr:\n%s", code, p.stderr.String())
	}
	r, _ := marker(t, dir, "slow")
	if r.State != StateTimedOut || *r.ExitCode != 128+9 || !strings.Contains(r.Message, "timed out after 3s") {
		t.Fatalf("marker %+v", r)
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the grandchild never started: %v", err)
	}
	var pid int
	fmt.Sscan(string(data), &pid)
	eventually(t, "the grandchild to die", func() bool { return processGone(pid) })
}

func TestTimeoutTerminatesPolitely(t *testing.T) {
	dir := t.TempDir()
	code, _ := runEntrypoint(t, nil, "run", "--dir", dir, "--step=slow", "--timeout", "300ms", "--", "sleep", "1000")
	if code != 124 {
		t.Fatalf("exit %d, want 124", code)
	}
	if r, _ := marker(t, dir, "slow"); r.State != StateTimedOut || *r.ExitCode != 128+15 {
		t.Fatalf("marker %+v", r)
	}
	code, _ = runEntrypoint(t, nil, "run", "--dir", dir, "--step=cont", "--timeout=300ms", "--on-error=continue", "--", "sleep", "1000")
	if code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}
	if r, _ := marker(t, dir, "cont"); r.State != StateContinued || *r.ExitCode != 128+15 || !strings.Contains(r.Message, "timed out") {
		t.Fatalf("marker %+v", r)
	}
}

func TestArgvArrivesIntact(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "argv.json")
	self, _ := os.Executable()
	want := []string{
		"with space", `double"quote`, "'single'", "--", "-x", "", "--step=evil", "--help",
		"ünïcödé ✓ 😀", "line\nbreak", "$HOME", "*", "a\\b", "  ",
	}
	args := append([]string{"run", "--dir", dir, "--step=argv", "--", self}, want...)
	code, stderr := runEntrypoint(t, []string{helperEnv + "=argv", "KUEUELEULEU_TEST_OUT=" + out}, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	json.Unmarshal(data, &got)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("argv\n got %q\nwant %q", got, want)
	}
}

func TestCommandLookup(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	os.Mkdir(bin, 0o755)
	os.WriteFile(filepath.Join(bin, "mytool"), []byte("#!/bin/sh\necho \"$0|$1\" > \"$2\"\n"), 0o755)
	os.WriteFile(filepath.Join(bin, "notexec"), []byte("#!/bin/sh\n"), 0o644)
	os.WriteFile(filepath.Join(bin, "noshebang"), []byte("echo hi\n"), 0o755)
	os.WriteFile(filepath.Join(bin, "badinterp"), []byte("#!/nonexistent/sh\n"), 0o755)
	env := []string{"PATH=" + bin + ":/usr/bin:/bin"}
	out := filepath.Join(dir, "out")

	code, stderr := runEntrypoint(t, env, "run", "--dir", dir, "--step=found", "--", "mytool", "a b", out)
	if code != 0 {
		t.Fatalf("mytool exited %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(out); string(got) != filepath.Join(bin, "mytool")+"|a b\n" {
		t.Fatalf("mytool wrote %q", got)
	}

	cases := []struct {
		step, command string
		code          int
		message       string
	}{
		{"missing", "no-such-command-anywhere", 127, "not found"},
		{"missing-path", filepath.Join(dir, "nope"), 127, "no such file"},
		{"notexec", "notexec", 126, "permission denied"},
		{"noshebang", "noshebang", 126, "not an executable format"},
		{"badinterp", "badinterp", 127, "interpreter"},
		{"isdir", bin, 126, "cannot run"},
	}
	for _, c := range cases {
		t.Run(c.step, func(t *testing.T) {
			code, stderr := runEntrypoint(t, env, "run", "--dir", dir, "--step", c.step, "--", c.command)
			if code != c.code || !strings.Contains(stderr, "kueueleuleu: ") || !strings.Contains(stderr, c.message) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, c.code, c.message)
			}
			r, _ := marker(t, dir, c.step)
			if r.State != StateFailed || *r.ExitCode != c.code || !strings.Contains(r.Message, c.message) {
				t.Fatalf("marker %+v", r)
			}
			parseTime(t, r.StartedAt)
		})
	}
}

func TestSignalsReachTheCommand(t *testing.T) {
	dir := t.TempDir()
	self, _ := os.Executable()
	ready, out := filepath.Join(dir, "ready"), filepath.Join(dir, "signals")
	p := start(t, []string{helperEnv + "=trap", "KUEUELEULEU_TEST_READY=" + ready, "KUEUELEULEU_TEST_OUT=" + out},
		"run", "--dir", dir, "--step=svc", "--", self)
	eventually(t, "the command to start", func() bool { return exists(ready) })
	p.cmd.Process.Signal(syscall.SIGUSR1)
	eventually(t, "SIGUSR1 to arrive", func() bool { data, _ := os.ReadFile(out); return string(data) == "SIGUSR1\n" })
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(); code != 143 {
		t.Fatalf("exit %d, want 143; stderr:\n%s", code, p.stderr.String())
	}
	if data, _ := os.ReadFile(out); string(data) != "SIGUSR1\nSIGTERM\n" {
		t.Fatalf("the command saw %q", data)
	}
	if r, _ := marker(t, dir, "svc"); r.State != StateFailed || *r.ExitCode != 143 {
		t.Fatalf("marker %+v", r)
	}
}

func TestSigtermWhileWaiting(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "steps"), 0o777)
	stale := filepath.Join(dir, "steps", "b.json")
	os.WriteFile(stale, []byte(`{"step":"b","state":"succeeded","exitCode":0,"finishedAt":"2020-01-01T00:00:00Z","message":""}`), 0o644)
	ran := filepath.Join(dir, "b-ran")
	p := start(t, nil, "run", "--dir", dir, "--step=b", "--after=a", "--", "touch", ran)
	p.waitForStderr("waiting for a")
	if exists(stale) {
		t.Fatal("the stale marker of an earlier run is still there while the step waits")
	}
	p.cmd.Process.Signal(syscall.SIGHUP) // ignored before the command starts
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(); code != 125 {
		t.Fatalf("exit %d, want 125; stderr:\n%s", code, p.stderr.String())
	}
	if exists(ran) {
		t.Fatal("the command ran")
	}
	r, _ := marker(t, dir, "b")
	if r.State != StateSkipped || !strings.Contains(r.Message, "SIGTERM") {
		t.Fatalf("marker %+v", r)
	}
}

func TestExitCodePropagation(t *testing.T) {
	dir := t.TempDir()
	self, _ := os.Executable()
	code, _ := runEntrypoint(t, []string{helperEnv + "=exit", "KUEUELEULEU_TEST_CODE=7"}, "run", "--dir", dir, "--step=seven", "--", self)
	if r, _ := marker(t, dir, "seven"); code != 7 || r.State != StateFailed || *r.ExitCode != 7 {
		t.Fatalf("exit %d, marker %+v", code, r)
	}
	code, _ = runEntrypoint(t, nil, "run", "--dir", dir, "--step=killed", "--", "sh", "-c", "kill -KILL $$")
	if r, _ := marker(t, dir, "killed"); code != 137 || r.State != StateFailed || *r.ExitCode != 137 || !strings.Contains(r.Message, "SIGKILL") {
		t.Fatalf("exit %d, marker %+v", code, r)
	}
	code, _ = runEntrypoint(t, nil, "run", "--dir", dir, "--step=ok", "--", "true")
	if r, _ := marker(t, dir, "ok"); code != 0 || r.State != StateSucceeded || *r.ExitCode != 0 {
		t.Fatalf("exit %d, marker %+v", code, r)
	}
}

func TestHugeMessageStaysUnder4KiB(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	name := strings.Repeat("x", 50000)
	code, _ := runEntrypoint(t, nil, "run", "--dir", dir, "--step=huge", "--termination-log", log, "--", name)
	if code != 127 {
		t.Fatalf("exit %d", code)
	}
	r := readTerminationLine(t, log)
	if r.State != StateFailed || !strings.HasSuffix(r.Message, ellipsis) {
		t.Fatalf("termination message %+v", r)
	}
}

func TestTerminationLogFailureIsNotFatal(t *testing.T) {
	dir := t.TempDir()
	code, stderr := runEntrypoint(t, nil, "run", "--dir", dir, "--step=a", "--termination-log=/nonexistent/dir/log", "--", "true")
	if code != 0 || !strings.Contains(stderr, "cannot write the termination message") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if r, _ := marker(t, dir, "a"); r.State != StateSucceeded {
		t.Fatalf("marker %+v", r)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"run", "--dir", dir, "--step=a", "true"},
		{"run", "--dir", dir, "--step=a", "--frobnicate", "--", "true"},
		{"run", "--dir", dir, "--", "true"},
	} {
		code, stderr := runEntrypoint(t, nil, args...)
		if code != 2 || !strings.Contains(stderr, "usage:") || !strings.HasPrefix(stderr, "kueueleuleu: ") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	if exists(filepath.Join(dir, "steps")) {
		t.Fatal("a wrong call created the marker directory")
	}
	// Where the marker directory exists, a wrongly called step records its failure for its dependants.
	os.Mkdir(filepath.Join(dir, "steps"), 0o777)
	code, _ := runEntrypoint(t, nil, "run", "--dir", dir, "--step=b", "--timeout=soon", "--", "true")
	if r, _ := marker(t, dir, "b"); code != 2 || r.State != StateFailed || *r.ExitCode != 2 || !strings.Contains(r.Message, "--timeout") {
		t.Fatalf("exit %d, marker %+v", code, r)
	}
	code, stderr := runEntrypoint(t, nil, "run", "--help")
	if code != 0 || stderr != "" {
		t.Fatalf("--help: exit %d, stderr %q", code, stderr)
	}
}

func TestOrphansAreReaped(t *testing.T) {
	dir := t.TempDir()
	ready := filepath.Join(dir, "ready")
	// Each subshell exits at once, orphaning its background child, which the entrypoint adopts as
	// subreaper (as PID 1 it would be their parent anyway): one keeps running, one exits at once.
	p := start(t, nil, "run", "--dir", dir, "--step=a", "--", "sh", "-c",
		`(sleep 1000 &); (sh -c "exit 0" &); touch "$0"; exec sleep 999`, ready)
	eventually(t, "the command to start", func() bool { return exists(ready) })
	pid := p.cmd.Process.Pid
	eventually(t, "the orphans to be adopted and the exited one reaped", func() bool {
		return hasChild(pid, "sleep 1000") && len(zombieChildren(pid)) == 0
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(); code != 143 {
		t.Fatalf("exit %d, want 143 (the command's status must survive the reaping)", code)
	}
}

func children(parent int) map[int][]string {
	out := map[int][]string{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		var pid int
		if _, err := fmt.Sscan(e.Name(), &pid); err != nil {
			continue
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		var ppid int
		if len(fields) > 1 {
			fmt.Sscan(fields[1], &ppid)
		}
		if ppid == parent {
			cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
			out[pid] = append([]string{fields[0]}, strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")...)
		}
	}
	return out
}

func zombieChildren(parent int) []int {
	var zombies []int
	for pid, info := range children(parent) {
		if info[0] == "Z" {
			zombies = append(zombies, pid)
		}
	}
	return zombies
}

func hasChild(parent int, cmdline string) bool {
	for _, info := range children(parent) {
		if strings.Join(info[1:], " ") == cmdline {
			return true
		}
	}
	return false
}

// TestRunsAsPID1 runs the entrypoint as PID 1 of a new PID namespace, as in a container: only
// signals it handles reach it there, and every orphan of the namespace becomes its child.
func TestRunsAsPID1(t *testing.T) {
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare is not installed")
	}
	if out, err := exec.Command(unshare, "--fork", "--pid", "--mount-proc", "true").CombinedOutput(); err != nil {
		t.Skipf("cannot create a PID namespace here: %v %s", err, out)
	}
	dir := t.TempDir()
	ready := filepath.Join(dir, "ready")
	cmd := exec.Command(unshare, "--fork", "--pid", "--mount-proc", entrypointBin, "run", "--dir", dir, "--step=init",
		"--", "sh", "-c", `(sh -c "exit 0" &); (sleep 1000 &); cat /proc/1/comm > "$0.tmp"; mv "$0.tmp" "$0"; exec sleep 999`, ready)
	stderr, f := newFileOutput(t)
	defer f.Close()
	cmd.Stderr = f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		// Killing PID 1 of the namespace ends everything in it.
		for pid := range children(cmd.Process.Pid) {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		cmd.Process.Kill()
	})
	eventually(t, "the command to start", func() bool { return exists(ready) })
	if data, _ := os.ReadFile(ready); string(data) != "entrypoint\n" {
		t.Fatalf("PID 1 of the namespace is %q, not the entrypoint", data)
	}

	var init int
	for pid := range children(cmd.Process.Pid) {
		init = pid
	}
	if init == 0 {
		t.Fatal("cannot find the entrypoint outside its namespace")
	}
	eventually(t, "the orphan to be adopted and the exited one reaped", func() bool {
		return hasChild(init, "sleep 1000") && len(zombieChildren(init)) == 0
	})
	syscall.Kill(init, syscall.SIGTERM)
	select {
	case err = <-done:
	case <-time.After(hangGuard):
		t.Fatalf("PID 1 ignored SIGTERM; stderr:\n%s", stderr.String())
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("exit %v, want 143; stderr:\n%s", err, stderr.String())
	}
	if r, _ := marker(t, dir, "init"); r.State != StateFailed || *r.ExitCode != 143 {
		t.Fatalf("marker %+v", r)
	}
}
