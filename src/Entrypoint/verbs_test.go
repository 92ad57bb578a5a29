package main

import (
	"os"
	"testing"
)

func TestHeldVerb(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(heldPath(dir, "build"), []byte("{}\n"), 0o644)
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"--step=build", "--dir=" + dir}, 0},
		{[]string{"--step", "build", "--dir", dir}, 0},
		{[]string{"--step=test", "--dir=" + dir}, 1},
		{[]string{"--dir=" + dir}, 2},                               // --step is required
		{[]string{"--step=Build", "--dir=" + dir}, 2},               // not a step name
		{[]string{"--step=build", "--dir=" + dir, "--when=x"}, 2},   // not a flag of held
		{[]string{"--step=build", "--dir=" + dir, "--", "true"}, 2}, // no command
	}
	for _, c := range cases {
		if code := heldVerb(c.args); code != c.code {
			t.Errorf("held %q: exit %d, want %d", c.args, code, c.code)
		}
	}
}

func TestReleaseVerb(t *testing.T) {
	hold := func(dir string, steps ...string) {
		for _, s := range steps {
			os.WriteFile(heldPath(dir, s), []byte("{}\n"), 0o644)
		}
	}
	t.Run("the only held step", func(t *testing.T) {
		dir := t.TempDir()
		hold(dir, "build")
		if code := releaseVerb([]string{"--dir=" + dir}); code != 0 || !exists(releasePath(dir, "build")) {
			t.Fatalf("exit %d, release file: %v", code, exists(releasePath(dir, "build")))
		}
	})
	t.Run("a named step among several", func(t *testing.T) {
		dir := t.TempDir()
		hold(dir, "build", "test")
		if code := releaseVerb([]string{"--dir=" + dir}); code != 1 || exists(releasePath(dir, "build")) || exists(releasePath(dir, "test")) {
			t.Fatalf("without --step: exit %d", code)
		}
		if code := releaseVerb([]string{"--dir=" + dir, "--step=test"}); code != 0 || !exists(releasePath(dir, "test")) || exists(releasePath(dir, "build")) {
			t.Fatalf("with --step: exit %d", code)
		}
	})
	t.Run("nothing held", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(dir+"/.held", nil, 0o644) // not a step's
		if code := releaseVerb([]string{"--dir=" + dir}); code != 1 {
			t.Fatalf("exit %d", code)
		}
		if code := releaseVerb([]string{"--dir=" + dir, "--step=build"}); code != 1 || exists(releasePath(dir, "build")) {
			t.Fatalf("a step that is not held: exit %d", code)
		}
	})
	t.Run("wrong calls", func(t *testing.T) {
		dir := t.TempDir()
		hold(dir, "build")
		for _, args := range [][]string{{"--dir=" + dir, "--step=B"}, {"--dir=" + dir, "build"}, {"--dir"}} {
			if code := releaseVerb(args); code != 2 || exists(releasePath(dir, "build")) {
				t.Errorf("release %q: exit %d", args, code)
			}
		}
	})
}
