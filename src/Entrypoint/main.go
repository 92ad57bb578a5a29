// Command entrypoint is the in-container step runner of kueueleuleu.
//
// The converter puts it in front of every step container's command (see docs/entrypoint.md):
// `entrypoint copy DIR` places the binary in the Pod's shared volume, and
// `entrypoint run --step=NAME --after=A,B ... -- COMMAND ARGS...` waits for the steps it depends on,
// runs the command with its exact argv and records the outcome for the next steps and the operator.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// version is overridable at link time (-X main.version=...) so images can report what they carry.
var version = "0.1.0"

// Exit codes of the entrypoint itself. The command's own code passes through unchanged otherwise.
const (
	exitUsage       = 2
	exitTimedOut    = 124
	exitSkipped     = 125
	exitCannotExec  = 126
	exitNotFound    = 127
	exitSignalsBase = 128
)

func main() {
	os.Exit(dispatch(os.Args[1:]))
}

func dispatch(args []string) int {
	if len(args) == 0 {
		usage(os.Stderr)
		return exitUsage
	}
	switch args[0] {
	case "copy":
		return copyMode(args[1:])
	case "run":
		cfg, err := parseRunArgs(args[1:])
		if errors.Is(err, errHelp) {
			usage(os.Stdout)
			return 0
		}
		if err != nil {
			logf("%v", err)
			usage(os.Stderr)
			recordUsageFailure(cfg, err)
			return exitUsage
		}
		return runMode(cfg)
	case "held":
		return heldVerb(args[1:])
	case "release":
		return releaseVerb(args[1:])
	case "version", "--version":
		fmt.Println(version)
		return 0
	case "help", "-h", "--help":
		usage(os.Stdout)
		return 0
	default:
		logf("unknown mode %q", args[0])
		usage(os.Stderr)
		return exitUsage
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  entrypoint copy DIR
      copy this binary to DIR/entrypoint (mode 0555) and create DIR/steps, DIR/steps/.drafts and DIR/results (mode 01777)
  entrypoint run --step=NAME [flags] -- COMMAND [ARGS...]
      wait for the steps in --after, run COMMAND with ARGS exactly, record the outcome
  entrypoint held --step=NAME [--dir=DIR]
      exit 0 while step NAME is held for debugging, 1 otherwise (the readiness probe of a held step)
  entrypoint release [--step=NAME] [--dir=DIR]
      end the debugging hold of step NAME (default: the only held step)
  entrypoint version

run flags (--flag=value or --flag value):
  --step NAME              this step's name (required; a DNS-1123 label)
  --after A,B              steps that must finish first (empty: start at once)
  --on-error stop|continue continue: a failed or timed-out command lets dependants run (default stop)
  --restart-policy P       the Pod's restartPolicy: Never (default) skips this step when a dependency
                           dies without an outcome; OnFailure and Always wait for its restart
  --timeout DURATION       kill the command's process group after DURATION (Go syntax: 300ms, 30s, 1h30m)
  --timeout-grace DURATION time between SIGTERM and SIGKILL on timeout (default 5s)
  --retries N              run a failed (or timed-out) command again, up to N more times (0-100, default 0)
  --retry-backoff DURATION wait before the 2nd attempt, doubled for each further one, at most max(5m, it)
                           (default 1s)
  --when on-success|on-failure|always
                           run after the dependencies succeeded (default), only when one of them did not
                           succeed, or whatever their outcome; not met: state condition-false, exit 0
  --debug never|on-failure on-failure: keep a failed step alive before publishing its outcome, until
                           DIR/NAME.release exists (entrypoint release), --debug-timeout or SIGTERM
  --debug-timeout DURATION longest hold (default 1h)
  --termination-budget N   bytes the termination message may take (1-4096, default 4096)
  --termination-log PATH   also write the outcome to PATH (the container's terminationMessagePath)
  --dir DIR                shared directory holding steps/ (default: the directory of this binary)
  --force-poll             poll for markers instead of using inotify (for tests and diagnostics)
  --poll-interval DURATION how often to poll, with --force-poll or where inotify is unavailable
                           (default 50ms)

the command gets KUEUELEULEU_RESULTS=DIR/results/NAME: its files there are the step's results.

exit codes: the command's own; 124 timed out; 125 skipped; 126 cannot execute; 127 not found;
128+N killed by signal N; 2 wrong invocation; 0 when --on-error=continue absorbed a failure,
and 0 when --when was not met (condition-false)
`)
}

// logf writes the entrypoint's own diagnostics; the prefix separates them from the command's output,
// which shares the container's stderr.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "kueueleuleu: "+format+"\n", args...)
}
