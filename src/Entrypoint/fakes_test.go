package main

import (
	"fmt"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"
)

// In-memory implementations of the seams (seams.go), for the unit tests of the run logic. Each
// records what the run logic asked of it; the test decides when waits end, commands exit and
// timers fire, so no test depends on the machine's speed.

// exitedWith and killedBy build wait statuses as Linux encodes them (checked against real
// processes in TestWaitStatusEncoding).
func exitedWith(code int) syscall.WaitStatus         { return syscall.WaitStatus(code << 8) }
func killedBy(sig syscall.Signal) syscall.WaitStatus { return syscall.WaitStatus(sig) }

// fakeWaiter returns markers, at once or when release is closed, after announcing missing.
type fakeWaiter struct {
	markers map[string]Result
	missing []string
	release chan struct{} // nil: return at once

	mu    sync.Mutex
	asked []string
}

func (w *fakeWaiter) Wait(deps []string, announce func(missing []string)) map[string]Result {
	w.mu.Lock()
	w.asked = append([]string(nil), deps...)
	w.mu.Unlock()
	if len(w.missing) > 0 {
		announce(append([]string(nil), w.missing...))
	}
	if w.release != nil {
		<-w.release
	}
	return w.markers
}

func (w *fakeWaiter) askedFor() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.asked
}

// fakeRunner starts proc, or fails with err. With procs, attempt K starts procs[K-1] instead.
// onStart runs inside Start (to let time pass there).
type fakeRunner struct {
	err     error
	proc    *fakeProcess
	procs   []*fakeProcess
	onStart func()

	mu      sync.Mutex
	started [][]string
	envs    [][]string
}

func (r *fakeRunner) Start(argv, env []string) (Process, error) {
	r.mu.Lock()
	r.started = append(r.started, argv)
	r.envs = append(r.envs, env)
	k := len(r.started)
	r.mu.Unlock()
	if r.onStart != nil {
		r.onStart()
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.procs) > 0 {
		return r.procs[k-1], nil
	}
	return r.proc, nil
}

func (r *fakeRunner) starts() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.started)
}

// fakeProcess is a command whose exit the test decides; it records the signals sent to its group.
type fakeProcess struct {
	exited chan syscall.WaitStatus
	sent   chan syscall.Signal
}

func newFakeProcess() *fakeProcess {
	return &fakeProcess{exited: make(chan syscall.WaitStatus, 1), sent: make(chan syscall.Signal, 16)}
}

func (p *fakeProcess) Signal(s syscall.Signal)           { p.sent <- s }
func (p *fakeProcess) Exited() <-chan syscall.WaitStatus { return p.exited }
func (p *fakeProcess) exit(ws syscall.WaitStatus)        { p.exited <- ws }

// expectSignal waits for the run logic to send want to the command's group.
func (p *fakeProcess) expectSignal(t *testing.T, want syscall.Signal) {
	t.Helper()
	select {
	case got := <-p.sent:
		if got != want {
			t.Fatalf("sent %s to the command, want %s", signalName(got), signalName(want))
		}
	case <-time.After(hangGuard):
		t.Fatalf("%s never sent to the command", signalName(want))
	}
}

// noMoreSignals checks, once the run has returned, that nothing else was sent.
func (p *fakeProcess) noMoreSignals(t *testing.T) {
	t.Helper()
	select {
	case got := <-p.sent:
		t.Fatalf("unexpected %s sent to the command", signalName(got))
	default:
	}
}

// fakeOutcome records what was published, in order, and fails writes when told to.
type fakeOutcome struct {
	markerErr, terminationErr error
	events                    []string
	markers                   []Result
	lines                     []string
}

func (o *fakeOutcome) WriteMarker(r Result) error {
	o.events = append(o.events, "marker")
	o.markers = append(o.markers, r)
	return o.markerErr
}

func (o *fakeOutcome) WriteTerminationMessage(line []byte) error {
	o.events = append(o.events, "termination message")
	o.lines = append(o.lines, string(line))
	return o.terminationErr
}

// fakeResults is a results directory holding files; it records that it was prepared.
type fakeResults struct {
	files      []resultFile
	ignored    []ignoredEntry
	readErr    error
	prepareErr error
	prepared   int
	reads      int
}

const fakeResultsPath = "/kueueleuleu/results/deploy"

func (r *fakeResults) Prepare() (string, error) {
	r.prepared++
	return fakeResultsPath, r.prepareErr
}

func (r *fakeResults) Read() ([]resultFile, []ignoredEntry, error) {
	r.reads++
	return r.files, r.ignored, r.readErr
}

// fakeHold records the hold's steps in the outcome's event list, so a test sees that the marker
// comes after the hold; the test releases it by closing release, and learns of its start on begun.
type fakeHold struct {
	outcome  *fakeOutcome
	release  chan struct{}
	begun    chan heldStep
	beginErr error
}

func newFakeHold(outcome *fakeOutcome) *fakeHold {
	return &fakeHold{outcome: outcome, release: make(chan struct{}), begun: make(chan heldStep, 1)}
}

func (h *fakeHold) Begin(held heldStep) error {
	h.outcome.events = append(h.outcome.events, "held")
	h.begun <- held
	return h.beginErr
}

func (h *fakeHold) Released() <-chan struct{} { return h.release }

func (h *fakeHold) End() error {
	h.outcome.events = append(h.outcome.events, "hold ended")
	return nil
}

// awaitHold waits for the run logic to hold the step.
func (h *fakeHold) awaitHold(t *testing.T) heldStep {
	t.Helper()
	select {
	case held := <-h.begun:
		return held
	case <-time.After(hangGuard):
		t.Fatal("the step was never held")
		return heldStep{}
	}
}

// fakeClock stands still until the test moves it; every timer the run logic creates is handed to
// the test through timers, and fires only when the test says so.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers chan *fakeTimer
}

func newFakeClock(now time.Time) *fakeClock {
	return &fakeClock{now: now, timers: make(chan *fakeTimer, 16)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) set(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
}

func (c *fakeClock) NewTimer(d time.Duration) Timer {
	t := &fakeTimer{d: d, c: make(chan time.Time, 1)}
	c.timers <- t
	return t
}

// nextTimer waits for the run logic to create a timer and checks its duration.
func (c *fakeClock) nextTimer(t *testing.T, want time.Duration) *fakeTimer {
	t.Helper()
	select {
	case timer := <-c.timers:
		if timer.d != want {
			t.Fatalf("timer of %s, want %s", timer.d, want)
		}
		return timer
	case <-time.After(hangGuard):
		t.Fatalf("no timer of %s created", want)
		return nil
	}
}

func (c *fakeClock) noTimers(t *testing.T) {
	t.Helper()
	select {
	case timer := <-c.timers:
		t.Fatalf("unexpected timer of %s", timer.d)
	default:
	}
}

type fakeTimer struct {
	d       time.Duration
	c       chan time.Time
	mu      sync.Mutex
	stopped bool
}

func (t *fakeTimer) C() <-chan time.Time { return t.c }

func (t *fakeTimer) Stop() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	return true
}

func (t *fakeTimer) fire() { t.c <- time.Time{} }

func (t *fakeTimer) wasStopped() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stopped
}

// logLines collects the run logic's diagnostics (written from more than one goroutine).
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logLines) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// stepRunFakes is a stepRun with every seam in memory.
type stepRunFakes struct {
	waiter  *fakeWaiter
	runner  *fakeRunner
	proc    *fakeProcess
	outcome *fakeOutcome
	results *fakeResults
	hold    *fakeHold
	clock   *fakeClock
	signals chan os.Signal
	log     *logLines
}

// t0 is the fake clock's time; its RFC 3339 form is t0s.
var t0 = time.Date(2026, 11, 23, 8, 1, 22, 123456789, time.UTC)

const t0s = "2026-11-23T08:01:22.123456789Z"

func newStepRunFakes() *stepRunFakes {
	proc := newFakeProcess()
	outcome := &fakeOutcome{}
	return &stepRunFakes{
		waiter:  &fakeWaiter{},
		runner:  &fakeRunner{proc: proc},
		proc:    proc,
		outcome: outcome,
		results: &fakeResults{},
		hold:    newFakeHold(outcome),
		clock:   newFakeClock(t0),
		signals: make(chan os.Signal), // unbuffered: a test's send returns once the run logic took it
		log:     &logLines{},
	}
}

func (f *stepRunFakes) stepRun(plan runConfig) *stepRun {
	return &stepRun{
		plan: plan, deps: f.waiter, command: f.runner, outcome: f.outcome, results: f.results, hold: f.hold,
		clock: f.clock, signals: f.signals, logf: f.log.logf, pod: "pipeline-x7k2p",
	}
}

// start runs the step in the background; the returned channel delivers its exit code.
func (f *stepRunFakes) start(plan runConfig) <-chan int {
	done := make(chan int, 1)
	s := f.stepRun(plan)
	go func() { done <- s.run() }()
	return done
}

// runToEnd runs the step and returns its exit code.
func (f *stepRunFakes) runToEnd(t *testing.T, plan runConfig) int {
	t.Helper()
	return exitCodeOf(t, f.start(plan))
}

// send delivers a signal to the running step and returns once the run logic has received it.
func (f *stepRunFakes) send(t *testing.T, s syscall.Signal) {
	t.Helper()
	select {
	case f.signals <- s:
	case <-time.After(hangGuard):
		t.Fatalf("the run logic never received %s", signalName(s))
	}
}

func exitCodeOf(t *testing.T, done <-chan int) int {
	t.Helper()
	select {
	case code := <-done:
		return code
	case <-time.After(hangGuard):
		t.Fatal("the step never finished")
		return 0
	}
}
