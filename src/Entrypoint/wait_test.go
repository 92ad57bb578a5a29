package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

func TestParseInotifyEvents(t *testing.T) {
	var buf []byte
	add := func(mask uint32, name string) {
		padded := 0
		if name != "" {
			padded = (len(name) + 1 + 15) / 16 * 16
		}
		ev := syscall.InotifyEvent{Wd: 1, Mask: mask, Len: uint32(padded)}
		raw := (*[syscall.SizeofInotifyEvent]byte)(unsafe.Pointer(&ev))
		buf = append(buf, raw[:]...)
		nameBytes := make([]byte, padded)
		copy(nameBytes, name)
		buf = append(buf, nameBytes...)
	}
	add(syscall.IN_MOVED_TO, "build.json")
	add(syscall.IN_Q_OVERFLOW, "")
	add(syscall.IN_CREATE, ".a-very-long-temporary-name.json.tmp-123456")
	events := parseInotifyEvents(buf)
	if len(events) != 3 {
		t.Fatalf("got %d events", len(events))
	}
	if events[0].name != "build.json" || events[0].mask != syscall.IN_MOVED_TO {
		t.Errorf("event 0 = %+v", events[0])
	}
	if events[1].name != "" || events[1].mask != syscall.IN_Q_OVERFLOW {
		t.Errorf("event 1 = %+v", events[1])
	}
	if events[2].name != ".a-very-long-temporary-name.json.tmp-123456" {
		t.Errorf("event 2 = %+v", events[2])
	}
	if got := parseInotifyEvents(buf[:len(buf)-1]); len(got) != 2 {
		t.Errorf("a truncated record must be dropped, got %d events", len(got))
	}
}

func testWaitForMarkers(t *testing.T, forcePoll bool) {
	dir := t.TempDir()
	// One marker exists before the wait starts, the other arrives during it.
	if err := writeMarker(dir, "a", Result{Step: "a", State: StateSucceeded}.encode(), true); err != nil {
		t.Fatal(err)
	}
	announced := make(chan []string, 1)
	got := make(chan map[string]Result, 1)
	go func() {
		got <- waitForMarkers(dir, []string{"a", "b"}, true, polling{force: forcePoll}, func(m []string) { announced <- m })
	}()
	missing := <-announced
	if len(missing) != 1 || missing[0] != "b" {
		t.Fatalf("announced %v, want [b]", missing)
	}
	// Noise that must not end the wait: a temporary file, an unrelated marker, an unreadable one.
	os.WriteFile(filepath.Join(dir, ".b.json.tmp-1"), []byte("{}"), 0o644)
	writeMarker(dir, "c", Result{Step: "c", State: StateFailed}.encode(), true)
	if err := writeMarker(dir, "b", Result{Step: "b", State: StateContinued}.encode(), true); err != nil {
		t.Fatal(err)
	}
	markers := <-got
	if markers["a"].State != StateSucceeded || markers["b"].State != StateContinued || len(markers) != 2 {
		t.Fatalf("markers = %+v", markers)
	}
}

func TestWaitForMarkersInotify(t *testing.T) { testWaitForMarkers(t, false) }
func TestWaitForMarkersPoll(t *testing.T)    { testWaitForMarkers(t, true) }

func TestWaitForMarkersAllPresent(t *testing.T) {
	dir := t.TempDir()
	writeMarker(dir, "a", Result{Step: "a", State: StateSkipped}.encode(), true)
	markers := waitForMarkers(dir, []string{"a"}, true, polling{}, func([]string) { t.Error("announced a wait that was not needed") })
	if markers["a"].State != StateSkipped {
		t.Fatalf("markers = %+v", markers)
	}
}

// The poll loop asks its clock for the configured interval (the default when none is given) and looks
// for markers only when a tick comes: a marker written between ticks is found at the next one.
func TestPollingWaiterHonoursTheInterval(t *testing.T) {
	cases := map[string]struct {
		polling polling
		want    time.Duration
	}{
		"default":    {polling{force: true}, 50 * time.Millisecond},
		"one second": {polling{force: true, interval: time.Second}, time.Second},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			asked := make(chan time.Duration, 1)
			ticks := make(chan time.Time)
			restore := newTicker
			newTicker = func(d time.Duration) (<-chan time.Time, func()) {
				asked <- d
				return ticks, func() {}
			}
			defer func() { newTicker = restore }()

			dir := t.TempDir()
			announced := make(chan []string, 1)
			got := make(chan map[string]Result, 1)
			go func() {
				got <- waitForMarkers(dir, []string{"a"}, true, c.polling, func(m []string) { announced <- m })
			}()
			<-announced
			select {
			case d := <-asked:
				if d != c.want {
					t.Fatalf("polled every %s, want %s", d, c.want)
				}
			case <-time.After(30 * time.Second): // only against a hang
				t.Fatal("the poll loop never asked its clock for ticks")
			}
			if err := writeMarker(dir, "a", Result{Step: "a", State: StateSucceeded}.encode(), true); err != nil {
				t.Fatal(err)
			}
			// Without a tick the marker is not looked for: the wait must still be blocked on the clock,
			// which takes this tick (an unbuffered send succeeds only if the loop is receiving).
			ticks <- time.Now()
			if markers := <-got; markers["a"].State != StateSucceeded {
				t.Fatalf("markers = %+v", markers)
			}
		})
	}
}

// Closing an inotify descriptor waits for the kernel's RCU grace period (now and then 14 ms and
// more): the waiter must hand the markers over without waiting for that close.
func TestWaiterReturnsBeforeItsInotifyCloseEnds(t *testing.T) {
	dir := t.TempDir()
	if err := writeMarker(dir, "a", Result{Step: "a", State: StateSucceeded}.encode(), true); err != nil {
		t.Fatal(err)
	}
	closing, release := make(chan int, 1), make(chan struct{})
	defer func(real func(int) error) { closeDescriptor = real }(closeDescriptor)
	closeDescriptor = func(fd int) error {
		closing <- fd
		<-release
		return syscall.Close(fd)
	}
	defer close(release)
	returned := make(chan map[string]Result, 1)
	go func() { returned <- waitForMarkers(dir, []string{"a"}, true, polling{}, func([]string) {}) }()
	select {
	case found := <-returned:
		if found["a"].State != StateSucceeded {
			t.Fatalf("found %+v", found)
		}
	case <-time.After(hangGuard):
		t.Fatal("the waiter waited for its inotify descriptor to close")
	}
	select {
	case <-closing:
	case <-time.After(hangGuard):
		t.Fatal("the inotify descriptor was never closed")
	}
}
