package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// The PATH execvp assumes when none is set; container images nearly always set one.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

const accessExecute = 1 // X_OK

var errNotFound = errors.New("not found")

// lookPath resolves a command name the way execvp does: names with a slash are used as they are;
// otherwise the first executable regular file on PATH wins, and when only non-executable files are
// found the first of them is returned so that execve reports "permission denied" (126, not 127).
func lookPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	pathEnv, ok := os.LookupEnv("PATH")
	if !ok {
		pathEnv = defaultPath
	}
	denied := ""
	for _, dir := range strings.Split(pathEnv, ":") {
		if dir == "" {
			dir = "." // an empty PATH entry means the working directory
		}
		candidate := dir + "/" + name
		st, err := os.Stat(candidate)
		if err != nil || st.IsDir() {
			continue
		}
		if syscall.Access(candidate, accessExecute) == nil {
			return candidate, nil
		}
		if denied == "" {
			denied = candidate
		}
	}
	if denied != "" {
		return denied, nil
	}
	return "", errNotFound
}

// startFailure maps a failure to start the command to the shell's conventional exit codes.
func startFailure(name string, err error) (int, string) {
	switch {
	case errors.Is(err, errNotFound):
		return exitNotFound, fmt.Sprintf("command %q not found in PATH", name)
	case errors.Is(err, syscall.ENOENT):
		return exitNotFound, fmt.Sprintf("cannot run %q: no such file or directory (or its #! interpreter is missing)", name)
	case errors.Is(err, syscall.EACCES):
		return exitCannotExec, fmt.Sprintf("cannot run %q: permission denied (not executable, or on a noexec mount)", name)
	case errors.Is(err, syscall.ENOEXEC):
		return exitCannotExec, fmt.Sprintf("cannot run %q: not an executable format (scripts need a #! line; no shell is used)", name)
	default:
		return exitCannotExec, fmt.Sprintf("cannot run %q: %v", name, err)
	}
}

// stdFiles passes the entrypoint's stdin, stdout and stderr straight to the command, so its logs are
// untouched. A closed descriptor stays closed instead of failing the start.
func stdFiles() []uintptr {
	files := make([]uintptr, 3)
	for fd := range files {
		if _, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFD, 0); errno != 0 {
			files[fd] = ^uintptr(0) // -1: closed in the child
		} else {
			files[fd] = uintptr(fd)
		}
	}
	return files
}

// commandRunner is the real Runner: it resolves the command like execvp and starts it in its own
// process group through the reaper, which reports its exit.
type commandRunner struct{ reaper *reaper }

func (c commandRunner) Start(argv, env []string) (Process, error) {
	trace.mark(phaseSpawning)
	path, err := lookPath(argv[0])
	if err != nil {
		return nil, err
	}
	pid, err := c.reaper.spawn(path, argv, commandEnv(os.Environ(), env))
	if err != nil {
		return nil, err
	}
	trace.mark(phaseSpawned)
	return processGroup{pgid: pid, exited: c.reaper.exited}, nil
}

// processGroup is a started command: its process group, led by the command's first process.
type processGroup struct {
	pgid   int
	exited <-chan syscall.WaitStatus
}

func (p processGroup) Signal(s syscall.Signal)           { signalGroup(p.pgid, s) }
func (p processGroup) Exited() <-chan syscall.WaitStatus { return p.exited }
