package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// traceEnv switches on the phase trace: KUEUELEULEU_TRACE=1 on a step's container.
const traceEnv = "KUEUELEULEU_TRACE"

// Phases a hand-off passes through, in the order they happen: the previous step's command exits,
// its marker is renamed into place and then synced, the next step's waiter wakes up and has read
// every marker it needs, and its command is spawned.
const (
	phaseExited         = "exited"
	phaseMarkerWritten  = "marker-written"
	phaseMarkerRenaming = "marker-renaming"
	phaseMarkerPublic   = "marker-renamed"
	phaseMarkerSynced   = "marker-synced"
	phaseWoke           = "woke"
	phaseDepsRead       = "deps-read"
	phaseSpawning       = "spawning"
	phaseSpawned        = "spawned"
)

// phaseTrace records when this container passes the hand-off's phases, so that the benchmark can
// split a hand-off into its parts (docs/benchmarks.md, "Hand-off breakdown"). Times are kept in
// memory and printed only after the outcome is published: printing on the measured path would
// add a write to a pipe between two of its phases.
type phaseTrace struct {
	on     bool
	mu     sync.Mutex
	events []tracedPhase
}

type tracedPhase struct {
	name string
	at   time.Time
}

// trace is the process's phase trace, off unless runMode switches it on.
var trace = &phaseTrace{}

func traceRequested() bool {
	v := os.Getenv(traceEnv)
	return v == "1" || v == "true"
}

// mark notes that the phase happened now; it costs a clock read and an append when on.
func (t *phaseTrace) mark(phase string) {
	if !t.on {
		return
	}
	now := time.Now()
	t.mu.Lock()
	t.events = append(t.events, tracedPhase{phase, now})
	t.mu.Unlock()
}

// flush prints one line per phase, "kueueleuleu: trace STEP PHASE UNIX_NANOSECONDS", in the order
// they happened.
func (t *phaseTrace) flush(w io.Writer, step string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, e := range t.events {
		fmt.Fprintf(w, "kueueleuleu: trace %s %s %d\n", step, e.name, e.at.UnixNano())
	}
	t.events = nil
}
