package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Results are small named values a step hands to later steps and to the operator: regular files
// in DIR/results/STEP/, whose path the command gets in KUEUELEULEU_RESULTS. Later steps of the Pod
// read the files in full from the shared volume; the termination message reports what fits in its
// budget (termination.go).

const (
	resultsDirName = "results"
	resultsEnv     = "KUEUELEULEU_RESULTS"
	maxResultName  = 63
)

// resultFile is one result as the termination message needs it.
type resultFile struct {
	Name string
	Size int64
	// Value is the content, or nil when it was not read: larger than any termination message, or
	// changed while it was read. Either way it is reported without its value.
	Value []byte
}

// ignoredEntry is something in the results directory that is not a result, and why.
type ignoredEntry struct {
	Name   string
	Reason string
}

// validResultName accepts names that are safe and readable everywhere the result goes: a path
// element, a token of the termination message, a status field. [A-Za-z0-9][A-Za-z0-9_.-]{0,62}
func validResultName(name string) bool {
	if name == "" || len(name) > maxResultName {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		alnum := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if !alnum && (i == 0 || (c != '_' && c != '.' && c != '-')) {
			return false
		}
	}
	return true
}

func resultsPath(dir, step string) string {
	return filepath.Join(dir, resultsDirName, step)
}

// resultsDir is the real ResultStore: DIR/results/STEP on the shared volume.
type resultsDir struct {
	dir  string // DIR, which holds steps/ and results/
	step string
}

// Prepare creates DIR/results (world-writable and sticky, like DIR/steps, since every step may run
// as another user) and DIR/results/STEP, emptied of what an earlier run of this container left, so
// that only this run's results are reported.
func (r resultsDir) Prepare() (string, error) {
	root := filepath.Join(r.dir, resultsDirName)
	if err := makeSharedDir(root); err != nil {
		return "", err
	}
	path := resultsPath(r.dir, r.step)
	if err := os.RemoveAll(path); err != nil {
		return path, err
	}
	// 0755: later steps, possibly other users, read the results.
	if err := os.Mkdir(path, 0o755); err != nil {
		return path, err
	}
	return path, os.Chmod(path, 0o755)
}

// Read lists the results in name order. A file larger than maxTerminationBudget is not read: its
// value can never be part of the termination message, and later steps read it from the volume.
func (r resultsDir) Read() ([]resultFile, []ignoredEntry, error) {
	path := resultsPath(r.dir, r.step)
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, nil, err
	}
	var results []resultFile
	var ignored []ignoredEntry
	for _, e := range entries {
		switch {
		case !validResultName(e.Name()):
			ignored = append(ignored, ignoredEntry{e.Name(), "its name is not [A-Za-z0-9][A-Za-z0-9_.-]{0,62}"})
		case !e.Type().IsRegular():
			ignored = append(ignored, ignoredEntry{e.Name(), "it is not a regular file"})
		default:
			f, err := readResultFile(filepath.Join(path, e.Name()))
			if err != nil {
				ignored = append(ignored, ignoredEntry{e.Name(), err.Error()})
				continue
			}
			results = append(results, f)
		}
	}
	// os.ReadDir sorts by name, which is the order the termination message reports them in.
	return results, ignored, nil
}

func readResultFile(path string) (resultFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return resultFile{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return resultFile{}, err
	}
	if !st.Mode().IsRegular() {
		// Replaced by something else after the directory was listed.
		return resultFile{}, errors.New("it is not a regular file")
	}
	r := resultFile{Name: filepath.Base(path), Size: st.Size()}
	if st.Size() > maxTerminationBudget {
		return r, nil
	}
	data, err := io.ReadAll(io.LimitReader(f, maxTerminationBudget+1))
	if err != nil {
		return resultFile{}, fmt.Errorf("cannot read it: %v", err)
	}
	if int64(len(data)) == st.Size() {
		r.Value = data
	}
	return r, nil
}

// makeSharedDir creates a directory every step can add to and none can remove another's entries
// from: world-writable with the sticky bit, set explicitly because the umask would strip it.
func makeSharedDir(path string) error {
	if err := os.Mkdir(path, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s exists and is not a directory", path)
	}
	if st.Mode() == os.ModeDir|os.ModeSticky|0o777 {
		return nil
	}
	return os.Chmod(path, os.ModeSticky|0o777)
}

// commandEnv is the command's environment: the entrypoint's own, with extra (NAME=value entries)
// replacing any variable of the same name.
func commandEnv(base, extra []string) []string {
	replaced := map[string]bool{}
	for _, kv := range extra {
		replaced[envName(kv)] = true
	}
	env := make([]string, 0, len(base)+len(extra))
	for _, kv := range base {
		if !replaced[envName(kv)] {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

func envName(kv string) string {
	for i := 0; i < len(kv); i++ {
		if kv[i] == '=' {
			return kv[:i]
		}
	}
	return kv
}
