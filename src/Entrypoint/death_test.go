package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A step whose entrypoint dies without writing its marker (SIGKILL of the container's PID 1, the
// OOM killer on cgroup v2, a node-level kill) must not leave its dependants waiting forever.

// container is an entrypoint run as PID 1 of its own PID namespace, as in a container: killing it
// ends every process of the namespace, so nothing of the step survives to write a marker.
type container struct {
	t      *testing.T
	cmd    *exec.Cmd
	stderr *fileOutput
	done   chan struct{}
}

func startContainer(t *testing.T, args ...string) *container {
	t.Helper()
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare is not installed")
	}
	if out, err := exec.Command(unshare, "--fork", "--pid", "--mount-proc", "true").CombinedOutput(); err != nil {
		t.Skipf("cannot create a PID namespace here: %v %s", err, out)
	}
	out, f := newFileOutput(t)
	defer f.Close()
	c := &container{t: t, stderr: out, done: make(chan struct{})}
	c.cmd = exec.Command(unshare, append([]string{"--fork", "--pid", "--mount-proc", entrypointBin}, args...)...)
	c.cmd.Stderr = f
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		c.killPID1()
		<-c.done
	})
	return c
}

// pid1 is the entrypoint's pid as seen from outside its namespace (unshare's only child).
func (c *container) pid1() int {
	for pid := range children(c.cmd.Process.Pid) {
		return pid
	}
	return 0
}

func (c *container) killPID1() {
	if pid := c.pid1(); pid != 0 {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

func (c *container) wait() {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(hangGuard):
		c.t.Fatalf("the container did not end; stderr:\n%s", c.stderr.String())
	}
}

// startDoomed starts step "a", which runs until it is killed, and returns once its command runs.
func startDoomed(t *testing.T, dir string, extra ...string) *container {
	t.Helper()
	ready := filepath.Join(dir, "a-ready")
	args := append([]string{"run", "--dir", dir, "--step=a"}, extra...)
	args = append(args, "--", "sh", "-c", `touch "$0"; exec sleep 999`, ready)
	a := startContainer(t, args...)
	eventually(t, "a's command to start", func() bool { return exists(ready) })
	return a
}

func assertSkippedBecauseDied(t *testing.T, dir string, p *proc, name string) {
	t.Helper()
	if code := p.wait(); code != exitSkipped {
		t.Fatalf("%s exited %d, want %d; stderr:\n%s", name, code, exitSkipped, p.stderr.String())
	}
	if exists(filepath.Join(dir, name+"-ran")) {
		t.Fatalf("the command of %s ran although its dependency died", name)
	}
	r, _ := marker(t, dir, name)
	if r.State != StateSkipped || !strings.Contains(r.Message, `dependency "a" ended without recording an outcome`) {
		t.Fatalf("%s = %+v", name, r)
	}
}

func testKilledDependency(t *testing.T, extra ...string) {
	dir := t.TempDir()
	a := startDoomed(t, dir)
	b := start(t, nil, append([]string{"run", "--dir", dir, "--step=b", "--after=a"}, append(extra,
		"--termination-log", filepath.Join(dir, "b.log"), "--", "touch", filepath.Join(dir, "b-ran"))...)...)
	c := start(t, nil, append([]string{"run", "--dir", dir, "--step=c", "--after=b"}, append(extra,
		"--", "touch", filepath.Join(dir, "c-ran"))...)...)
	b.waitForStderr(`step "b" waiting for a`)

	a.killPID1()
	a.wait()

	if exists(filepath.Join(dir, "steps", "a.json")) {
		t.Fatal("a wrote a marker although it was killed")
	}
	assertSkippedBecauseDied(t, dir, b, "b")
	if code := c.wait(); code != exitSkipped {
		t.Fatalf("c exited %d, want %d (its dependency b was skipped)", code, exitSkipped)
	}
	logged, _ := os.ReadFile(filepath.Join(dir, "b.log"))
	if !strings.HasPrefix(string(logged), terminationPrefix+" b skipped ") {
		t.Fatalf("termination log %q", logged)
	}
}

func TestKilledDependencySkipsDependants(t *testing.T) { testKilledDependency(t) }
func TestKilledDependencySkipsDependantsPolling(t *testing.T) {
	testKilledDependency(t, "--force-poll")
}

// A dependant that starts after its dependency died learns it from the first look.
func TestDependencyKilledBeforeTheDependantStarted(t *testing.T) {
	dir := t.TempDir()
	a := startDoomed(t, dir)
	a.killPID1()
	a.wait()

	b := start(t, nil, "run", "--dir", dir, "--step=b", "--after=a", "--", "touch", filepath.Join(dir, "b-ran"))
	assertSkippedBecauseDied(t, dir, b, "b")
}

// With restartPolicy OnFailure (or Always) the kubelet restarts the killed step: its dependants keep
// waiting, and run once the new run succeeds.
func TestKilledDependencyIsWaitedForWhenTheKubeletRestartsIt(t *testing.T) {
	dir := t.TempDir()
	a := startDoomed(t, dir, "--restart-policy=OnFailure")
	b := start(t, nil, "run", "--dir", dir, "--step=b", "--after=a", "--restart-policy=OnFailure",
		"--", "touch", filepath.Join(dir, "b-ran"))
	b.waitForStderr(`step "b" waiting for a`)

	a.killPID1()
	a.wait()
	// The kubelet's restart of a: this run succeeds.
	again := startContainer(t, "run", "--dir", dir, "--step=a", "--restart-policy=OnFailure", "--", "true")
	again.wait()

	if code := b.wait(); code != 0 {
		t.Fatalf("b exited %d, want 0 (it must wait for a's new run); stderr:\n%s", code, b.stderr.String())
	}
	if !exists(filepath.Join(dir, "b-ran")) {
		t.Fatal("b's command did not run")
	}
}

// When the OOM killer of a cgroup v1 node kills only the command, the entrypoint survives and reports it.
func TestKilledCommandIsReportedByItsEntrypoint(t *testing.T) {
	dir := t.TempDir()
	a := startDoomed(t, dir)
	b := start(t, nil, "run", "--dir", dir, "--step=b", "--after=a", "--", "touch", filepath.Join(dir, "b-ran"))
	var command int
	eventually(t, "a's command to appear", func() bool {
		for pid, info := range children(a.pid1()) {
			if strings.Join(info[1:], " ") == "sleep 999" {
				command = pid
				return true
			}
		}
		return false
	})

	syscall.Kill(command, syscall.SIGKILL)
	a.wait()

	r, _ := marker(t, dir, "a")
	if r.State != StateFailed || r.ExitCode == nil || *r.ExitCode != 137 || r.Message != "killed by SIGKILL, exit code 137" {
		t.Fatalf("a = %+v", r)
	}
	if code := b.wait(); code != exitSkipped {
		t.Fatalf("b exited %d", code)
	}
	if r, _ := marker(t, dir, "b"); !strings.Contains(r.Message, `dependency "a" is failed`) {
		t.Fatalf("b = %+v", r)
	}
}
