package main

import (
	"errors"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// defaultPollInterval is how often the waiter polls where inotify is unavailable, or with --force-poll
// and no --poll-interval; it bounds the extra hand-off delay there.
const defaultPollInterval = 50 * time.Millisecond

// polling says whether the waiter polls even where inotify works, and how often it polls.
type polling struct {
	force    bool
	interval time.Duration // zero: defaultPollInterval
}

func (p polling) every() time.Duration {
	if p.interval <= 0 {
		return defaultPollInterval
	}
	return p.interval
}

// newTicker is the poll loop's clock: ticks every d until stop is called. Tests replace it to see the
// interval asked for and to decide when a tick comes.
var newTicker = func(d time.Duration) (ticks <-chan time.Time, stop func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

const watchMask = syscall.IN_MOVED_TO | syscall.IN_CLOSE_WRITE | syscall.IN_CREATE

// markerWaiter tracks which dependencies still lack a marker.
type markerWaiter struct {
	stepsDir string
	// deathIsFinal: a dependency that died is over (restartPolicy Never). Otherwise the kubelet
	// restarts it and its new run will write the marker, so its death is not an outcome.
	deathIsFinal bool
	pollEvery    time.Duration
	pending      map[string]bool
	found        map[string]Result
	reported     map[string]string // last complaint per step, to log each once
}

func newMarkerWaiter(stepsDir string, deps []string, deathIsFinal bool, pollEvery time.Duration) *markerWaiter {
	w := &markerWaiter{
		stepsDir:     stepsDir,
		deathIsFinal: deathIsFinal,
		pollEvery:    pollEvery,
		pending:      map[string]bool{},
		found:        map[string]Result{},
		reported:     map[string]string{},
	}
	for _, d := range deps {
		w.pending[d] = true
	}
	return w
}

func (w *markerWaiter) done() bool { return len(w.pending) == 0 }

func (w *markerWaiter) missing() []string {
	var names []string
	for name := range w.pending {
		names = append(names, name)
	}
	return names
}

// check reads one dependency's marker if it is there, or finds that it died without one. A file that
// exists but is not a valid marker is treated as not written yet: markers are renamed into place
// complete, so such a file can only come from something else and may still be replaced by the real one.
func (w *markerWaiter) check(step string) {
	if !w.pending[step] {
		return
	}
	r, err := readMarker(w.stepsDir, step)
	if errors.Is(err, errMarkerMissing) && w.deathIsFinal && w.ended(step) {
		// A step writes its marker before its process ends, so a second look tells a step that
		// finished from one that died.
		r, err = readMarker(w.stepsDir, step)
		if errors.Is(err, errMarkerMissing) {
			r, err = Result{Step: step, State: stateDied}, nil
		}
	}
	if err != nil {
		if !errors.Is(err, errMarkerMissing) {
			w.complain(step, "ignoring unreadable marker for step %q, still waiting: %v", err)
		}
		return
	}
	delete(w.pending, step)
	w.found[step] = r
}

// ended says whether the step's process has ended. When its lock cannot be tested the answer is
// no: the dependant then waits for the marker, as it would without the lock.
func (w *markerWaiter) ended(step string) bool {
	state, err := probeLiveness(w.stepsDir, step)
	if err != nil {
		w.complain(step, "cannot tell whether step %q is still running (%v); waiting for its marker", err)
	}
	return state == ended
}

func (w *markerWaiter) complain(step, format string, err error) {
	if w.reported[step] != err.Error() {
		w.reported[step] = err.Error()
		logf(format, step, err)
	}
}

func (w *markerWaiter) scan() {
	for step := range w.pending {
		w.check(step)
	}
}

// markerDirWaiter is the real Waiter: it watches DIR/steps for markers and lock files.
type markerDirWaiter struct {
	stepsDir     string
	deathIsFinal bool
	polling      polling
}

func (w markerDirWaiter) Wait(deps []string, announce func(missing []string)) map[string]Result {
	return waitForMarkers(w.stepsDir, deps, w.deathIsFinal, w.polling, announce)
}

// waitForMarkers blocks until every dependency has a marker and returns them. With deathIsFinal, a
// dependency whose process ended without a marker counts as finished, with the state stateDied.
// There is no time limit: cancelling is the caller's business (it stops waiting and exits).
func waitForMarkers(stepsDir string, deps []string, deathIsFinal bool, p polling, announce func(missing []string)) map[string]Result {
	w := newMarkerWaiter(stepsDir, deps, deathIsFinal, p.every())
	defer trace.mark(phaseDepsRead)
	if !p.force {
		if w.watch(announce) {
			return w.found
		}
	}
	w.poll(announce)
	return w.found
}

// watch waits with inotify. It returns false when inotify cannot be used, leaving the rest to poll.
func (w *markerWaiter) watch(announce func([]string)) bool {
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC)
	if err != nil {
		logf("inotify unavailable (%v), polling every %s", err, w.pollEvery)
		return false
	}
	defer closeWithoutWaiting(fd)
	// The watch exists before the first scan, so a marker renamed into place in between is either
	// seen by the scan or reported as an event: never lost.
	if _, err := syscall.InotifyAddWatch(fd, w.stepsDir, watchMask); err != nil {
		logf("cannot watch %s (%v), polling every %s", w.stepsDir, err, w.pollEvery)
		return false
	}
	w.scan()
	if w.done() {
		return true
	}
	announce(w.missing())

	buf := make([]byte, 64*(syscall.SizeofInotifyEvent+syscall.NAME_MAX+1))
	for !w.done() {
		n, err := syscall.Read(fd, buf)
		trace.mark(phaseWoke)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			logf("reading inotify events failed (%v), polling every %s", err, w.pollEvery)
			return false
		}
		for _, ev := range parseInotifyEvents(buf[:n]) {
			switch {
			case ev.mask&syscall.IN_Q_OVERFLOW != 0:
				w.scan()
			case ev.mask&syscall.IN_IGNORED != 0:
				logf("%s is no longer watched (removed?), polling every %s", w.stepsDir, w.pollEvery)
				return false
			default:
				if step, ok := stepOfFile(ev.name); ok {
					w.check(step)
				}
			}
		}
	}
	return true
}

// closeWithoutWaiting closes the inotify descriptor in the background. The kernel frees an inotify
// instance's marks only after an RCU grace period, and close waits for it: 0.2-0.7 ms usually, 14 ms
// and more now and then (measured with KUEUELEULEU_TRACE on the development machine). On the
// hand-off path that wait was the tail of the hand-off; the command need not wait for it, and the
// descriptor is close-on-exec, so the command never holds it.
func closeWithoutWaiting(fd int) {
	go closeDescriptor(fd)
}

// closeDescriptor is syscall.Close; a test replaces it to make closing slow.
var closeDescriptor = syscall.Close

func (w *markerWaiter) poll(announce func([]string)) {
	w.scan()
	if w.done() {
		return
	}
	announce(w.missing())
	ticks, stop := newTicker(w.pollEvery)
	defer stop()
	for !w.done() {
		<-ticks
		trace.mark(phaseWoke)
		w.scan()
	}
}

type inotifyEvent struct {
	mask uint32
	name string
}

// parseInotifyEvents decodes a buffer of struct inotify_event records (native byte order, names
// NUL-padded to the record length).
func parseInotifyEvents(buf []byte) []inotifyEvent {
	var events []inotifyEvent
	for off := 0; off+syscall.SizeofInotifyEvent <= len(buf); {
		raw := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[off]))
		start := off + syscall.SizeofInotifyEvent
		end := start + int(raw.Len)
		if end > len(buf) {
			break
		}
		name := strings.TrimRight(string(buf[start:end]), "\x00")
		events = append(events, inotifyEvent{mask: raw.Mask, name: name})
		off = end
	}
	return events
}
