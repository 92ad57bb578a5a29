package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestMarkerNaming(t *testing.T) {
	if got := markerPath("/k/steps", "build"); got != "/k/steps/build.json" {
		t.Fatalf("markerPath = %q", got)
	}
	for name, want := range map[string]string{"build.json": "build", "a-1.json": "a-1"} {
		if got, ok := stepFromMarkerName(name); !ok || got != want {
			t.Errorf("stepFromMarkerName(%q) = %q, %v", name, got, ok)
		}
	}
	for _, name := range []string{".build.json.tmp-123", "build.json.tmp", ".json", "Build.json", "build", "a..json"} {
		if got, ok := stepFromMarkerName(name); ok {
			t.Errorf("stepFromMarkerName(%q) accepted as %q", name, got)
		}
	}
}

func TestWriteAndReadMarker(t *testing.T) {
	dir := t.TempDir()
	r := Result{Step: "build", State: StateFailed, ExitCode: intPtr(3), FinishedAt: "2026-11-23T08:00:00Z", Message: "exited with code 3"}
	if err := writeMarker(dir, "build", r.encode(), true); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "build.json" {
		t.Fatalf("directory holds %v, want only build.json (no temporary file left)", entries)
	}
	st, _ := os.Stat(filepath.Join(dir, "build.json"))
	if st.Mode().Perm() != 0o644 {
		t.Fatalf("marker mode %v, want readable by every user", st.Mode())
	}
	back, err := readMarker(dir, "build")
	if err != nil || back.State != StateFailed || back.ExitCode == nil || *back.ExitCode != 3 {
		t.Fatalf("readMarker = %+v, %v", back, err)
	}

	if err := removeStaleMarker(dir, "build"); err != nil {
		t.Fatal(err)
	}
	if _, err := readMarker(dir, "build"); !errors.Is(err, errMarkerMissing) {
		t.Fatalf("after removal: %v", err)
	}
	if err := removeStaleMarker(dir, "build"); err != nil {
		t.Fatalf("removing a missing marker: %v", err)
	}
}

func TestReadMarkerRejectsGarbage(t *testing.T) {
	dir := t.TempDir()
	for content, name := range map[string]string{"": "empty", "{\"step\":": "partial", "{\"step\":\"x\"}": "no-state"} {
		os.WriteFile(filepath.Join(dir, name+".json"), []byte(content), 0o644)
		if _, err := readMarker(dir, name); err == nil || errors.Is(err, errMarkerMissing) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestMakeStepsDirIgnoresUmask(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "steps")
	if err := makeStepsDir(dir); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode() != os.ModeDir|os.ModeSticky|0o777 {
		t.Fatalf("mode %v, want drwxrwxrwt", st.Mode())
	}
	if st, err := os.Stat(filepath.Join(dir, draftsDirName)); err != nil || st.Mode() != os.ModeDir|os.ModeSticky|0o777 {
		t.Fatalf("drafts directory: %v, %v; want drwxrwxrwt", st, err)
	}
	if err := makeStepsDir(dir); err != nil {
		t.Fatalf("second call: %v", err)
	}
}

// The waiters watch DIR/steps: a marker written there would wake every one of them for the
// draft's creation, its close and its rename. Written in the drafts directory, it wakes them once.
func TestMarkerWakesTheWatchersOfTheStepsDirectoryOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "steps")
	if err := makeStepsDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, durable := range []bool{false, true} {
		events := watchWhile(t, dir, func() {
			if err := writeMarker(dir, "build", Result{Step: "build", State: StateSucceeded}.encode(), durable); err != nil {
				t.Fatal(err)
			}
		})
		if len(events) != 1 || events[0].name != "build.json" || events[0].mask&syscall.IN_MOVED_TO == 0 {
			t.Fatalf("durable %v: events %+v, want only the rename to build.json", durable, events)
		}
	}
}

// A steps directory without the drafts directory (made by hand) still gets its markers.
func TestMarkerIsWrittenWithoutADraftsDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := writeMarker(dir, "build", Result{Step: "build", State: StateSucceeded}.encode(), true); err != nil {
		t.Fatal(err)
	}
	if r, err := readMarker(dir, "build"); err != nil || r.State != StateSucceeded {
		t.Fatalf("marker %+v, %v", r, err)
	}
}

// watchWhile returns the events a waiter's watch on dir sees while do runs.
func watchWhile(t *testing.T, dir string, do func()) []inotifyEvent {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	if _, err := syscall.InotifyAddWatch(fd, dir, watchMask); err != nil {
		t.Fatal(err)
	}
	do()
	buf := make([]byte, 64*(syscall.SizeofInotifyEvent+syscall.NAME_MAX+1))
	n, err := syscall.Read(fd, buf)
	if err != nil {
		t.Fatalf("reading events: %v", err)
	}
	return parseInotifyEvents(buf[:n])
}

func TestStepOfFile(t *testing.T) {
	for name, want := range map[string]string{"build.json": "build", "build.lock": "build"} {
		if got, ok := stepOfFile(name); !ok || got != want {
			t.Errorf("stepOfFile(%q) = %q, %v", name, got, ok)
		}
	}
	for _, name := range []string{".build.lock.tmp-1", "build.lck", ".lock", "Build.lock"} {
		if got, ok := stepOfFile(name); ok {
			t.Errorf("stepOfFile(%q) accepted as %q", name, got)
		}
	}
}
