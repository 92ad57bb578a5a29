package main

import (
	"errors"
	"os"
	"path/filepath"
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
	if err := makeStepsDir(dir); err != nil {
		t.Fatalf("second call: %v", err)
	}
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
