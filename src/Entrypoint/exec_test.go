package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestLookPath(t *testing.T) {
	dir1, dir2 := t.TempDir(), t.TempDir()
	write := func(path string, mode os.FileMode) {
		if err := os.WriteFile(path, []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir1, "tool"), 0o644) // not executable: found, but only as a fallback
	write(filepath.Join(dir2, "tool"), 0o755)
	write(filepath.Join(dir1, "plain"), 0o644)
	os.Mkdir(filepath.Join(dir1, "adir"), 0o755)
	t.Setenv("PATH", dir1+":"+dir2)

	if got, err := lookPath("tool"); err != nil || got != filepath.Join(dir2, "tool") {
		t.Errorf("tool: %q, %v", got, err)
	}
	if got, err := lookPath("plain"); err != nil || got != filepath.Join(dir1, "plain") {
		t.Errorf("plain (not executable) should resolve so that execve reports EACCES: %q, %v", got, err)
	}
	if _, err := lookPath("adir"); !errors.Is(err, errNotFound) {
		t.Errorf("a directory is not a command: %v", err)
	}
	if _, err := lookPath("missing"); !errors.Is(err, errNotFound) {
		t.Errorf("missing: %v", err)
	}
	if got, err := lookPath("./rel/x"); err != nil || got != "./rel/x" {
		t.Errorf("a name with a slash is used as it is: %q, %v", got, err)
	}
}

func TestStartFailureCodes(t *testing.T) {
	for err, want := range map[error]int{
		errNotFound:     127,
		syscall.ENOENT:  127,
		syscall.EACCES:  126,
		syscall.ENOEXEC: 126,
		syscall.E2BIG:   126,
	} {
		if code, msg := startFailure("x", err); code != want || msg == "" {
			t.Errorf("%v: %d %q", err, code, msg)
		}
	}
}
