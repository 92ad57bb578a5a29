package main

import (
	"os"
	"path/filepath"
	"testing"
)

// A process never conflicts with its own POSIX locks, so "alive" is shown by the process tests
// (death_test.go), where the holder is another process.
func TestProbeLivenessWithoutAHolder(t *testing.T) {
	dir := t.TempDir()
	if state, err := probeLiveness(dir, "a"); state != notStarted || err != nil {
		t.Fatalf("no lock file: %v, %v", state, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.lock"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if state, err := probeLiveness(dir, "a"); state != ended || err != nil {
		t.Fatalf("a lock file nobody holds: %v, %v", state, err)
	}
}

func TestHoldLivenessPublishesOnlyTheLockedFile(t *testing.T) {
	dir := t.TempDir()
	if err := holdLiveness(dir, "a"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { liveness.Close() })
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "a.lock" {
		t.Fatalf("directory holds %v, want only a.lock", entries)
	}
	if st, _ := os.Stat(filepath.Join(dir, "a.lock")); st.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v, want 0644 so dependants running as other users can test it", st.Mode())
	}
}
