package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The hold's files live in DIR next to the binary, where the `held` and `release` verbs find them
// by default: DIR/STEP.held while the step is held, DIR/STEP.release to end the hold.

func heldPath(dir, step string) string    { return filepath.Join(dir, step+".held") }
func releasePath(dir, step string) string { return filepath.Join(dir, step+".release") }

// releasePollInterval: a person ends a hold, so a fraction of a second is prompt enough, and
// polling one file works on every volume, whatever the directory's permissions for inotify.
const releasePollInterval = 250 * time.Millisecond

// holdFiles is the real Hold.
type holdFiles struct {
	dir, step string
	released  chan struct{}
	stop      chan struct{}
}

func newHoldFiles(dir, step string) *holdFiles {
	return &holdFiles{dir: dir, step: step, released: make(chan struct{}), stop: make(chan struct{})}
}

func (h *holdFiles) Begin(held heldStep) error {
	// A release file from an earlier run of this container must not end this hold at once.
	err := removeIfPresent(releasePath(h.dir, h.step))
	go h.watch()
	if err != nil {
		return err
	}
	return writeFileAtomically(heldPath(h.dir, h.step), encodeJSON(held), false)
}

func (h *holdFiles) watch() {
	ticker := time.NewTicker(releasePollInterval)
	defer ticker.Stop()
	for {
		if _, err := os.Stat(releasePath(h.dir, h.step)); err == nil {
			close(h.released)
			return
		}
		select {
		case <-h.stop:
			return
		case <-ticker.C:
		}
	}
}

func (h *holdFiles) Released() <-chan struct{} { return h.released }

func (h *holdFiles) End() error {
	close(h.stop)
	// The .held file goes first: from then on the readiness probe reports the hold as over.
	heldErr := removeIfPresent(heldPath(h.dir, h.step))
	if err := removeIfPresent(releasePath(h.dir, h.step)); heldErr == nil {
		return err
	}
	return heldErr
}

func removeIfPresent(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// writeFileAtomically writes data under a temporary name and renames it, so a reader never sees
// a partial file; with durable, the data reaches the disk before the rename.
func writeFileAtomically(path string, data []byte, durable bool) error {
	return writeFileVia(filepath.Dir(path), path, data, durable)
}

// writeFileVia is writeFileAtomically with the temporary file in dir, on the same file system.
func writeFileVia(dir, path string, data []byte, durable bool) (err error) {
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	trace.mark(phaseMarkerWritten)
	// CreateTemp makes the file 0600; steps may run as other users and must read it.
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if durable {
		if err = syncFile(tmp); err != nil {
			return err
		}
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// A held step's .held file passes here too, before its marker; the trace's readers take the last.
	trace.mark(phaseMarkerRenaming)
	return os.Rename(tmp.Name(), path)
}
