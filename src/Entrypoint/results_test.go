package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestValidResultName(t *testing.T) {
	for _, ok := range []string{"a", "Z", "0", "coverage", "junit.xml", "image-digest", "v1_2.3-x", strings.Repeat("n", 63)} {
		if !validResultName(ok) {
			t.Errorf("%q rejected", ok)
		}
	}
	for _, bad := range []string{"", ".hidden", "-x", "_x", "a b", "a/b", "é", "a:b", "x\n", strings.Repeat("n", 64), ".", ".."} {
		if validResultName(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestCommandEnvReplacesAVariableOfTheSameName(t *testing.T) {
	base := []string{"PATH=/bin", resultsEnv + "=/elsewhere", "KUEUELEULEU_RESULTS_X=1", "EMPTY="}
	got := commandEnv(base, []string{resultsEnv + "=/kueueleuleu/results/build"})
	want := []string{"PATH=/bin", "KUEUELEULEU_RESULTS_X=1", "EMPTY=", resultsEnv + "=/kueueleuleu/results/build"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestResultsDirPrepareCreatesAnEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	store := resultsDir{dir: dir, step: "build"}
	// Left by an earlier run of the container.
	os.MkdirAll(filepath.Join(dir, "results", "build", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "results", "build", "old"), []byte("stale"), 0o644)
	os.MkdirAll(filepath.Join(dir, "results", "other"), 0o755)
	os.WriteFile(filepath.Join(dir, "results", "other", "kept"), []byte("x"), 0o644)

	path, err := store.Prepare()
	if err != nil || path != filepath.Join(dir, "results", "build") {
		t.Fatalf("%q, %v", path, err)
	}
	if entries, _ := os.ReadDir(path); len(entries) != 0 {
		t.Fatalf("stale results kept: %v", entries)
	}
	if !exists(filepath.Join(dir, "results", "other", "kept")) {
		t.Fatal("another step's results were removed")
	}
	st, _ := os.Stat(filepath.Join(dir, "results"))
	if st.Mode() != os.ModeDir|os.ModeSticky|0o777 {
		t.Errorf("results mode %v, want drwxrwxrwt", st.Mode())
	}
	st, _ = os.Stat(path)
	if st.Mode() != os.ModeDir|0o755 {
		t.Errorf("step results mode %v, want drwxr-xr-x", st.Mode())
	}
}

func TestResultsDirRead(t *testing.T) {
	dir := t.TempDir()
	store := resultsDir{dir: dir, step: "build"}
	path, err := store.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(path, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	big := []byte(strings.Repeat("b", maxTerminationBudget+1))
	write("tag", []byte("v1.2.3"))
	write("Digest", []byte("sha256:abc"))
	write("empty", nil)
	write("binary", []byte{0xff, 0x00})
	write("big", big)
	write("exact", big[:maxTerminationBudget])
	write(".hidden", []byte("x"))
	write("not allowed", []byte("x"))
	os.Mkdir(filepath.Join(path, "subdir"), 0o755)
	os.Symlink("/etc/hostname", filepath.Join(path, "link"))

	results, ignored, err := store.Read()
	if err != nil {
		t.Fatal(err)
	}
	want := []resultFile{
		{Name: "Digest", Size: 10, Value: []byte("sha256:abc")},
		{Name: "big", Size: int64(len(big))}, // never fits: not read
		{Name: "binary", Size: 2, Value: []byte{0xff, 0x00}},
		{Name: "empty", Size: 0, Value: []byte{}},
		{Name: "exact", Size: maxTerminationBudget, Value: big[:maxTerminationBudget]},
		{Name: "tag", Size: 6, Value: []byte("v1.2.3")},
	}
	if !reflect.DeepEqual(results, want) {
		t.Fatalf("results %+v\nwant %+v", results, want)
	}
	wantIgnored := []ignoredEntry{
		{".hidden", "its name is not [A-Za-z0-9][A-Za-z0-9_.-]{0,62}"},
		{"link", "it is not a regular file"},
		{"not allowed", "its name is not [A-Za-z0-9][A-Za-z0-9_.-]{0,62}"},
		{"subdir", "it is not a regular file"},
	}
	if !reflect.DeepEqual(ignored, wantIgnored) {
		t.Fatalf("ignored %+v\nwant %+v", ignored, wantIgnored)
	}
}

func TestResultsDirReadWithoutTheDirectory(t *testing.T) {
	if _, _, err := (resultsDir{dir: t.TempDir(), step: "build"}).Read(); err == nil {
		t.Fatal("no error for a missing results directory")
	}
}

// The run logic reads the results after the last attempt, also after a failure, and reports them.
func TestRunReportsTheResultsOfAFailedStep(t *testing.T) {
	f := newStepRunFakes()
	f.results.files = []resultFile{result("failures", "3"), result("summary", "3 of 120 tests failed")}
	f.results.ignored = []ignoredEntry{{"tmp dir", "it is not a regular file"}}
	f.proc.exit(exitedWith(1))

	if code := f.runToEnd(t, deployPlan()); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	want := "kueueleuleu/3 deploy failed 1 " + t0s + " " + t0s + " 1 2\nr failures 1 3\nr summary 21 3%20of%20120%20tests%20failed\nm exited with code 1\n"
	if !reflect.DeepEqual(f.outcome.lines, []string{want}) {
		t.Fatalf("termination messages %q\nwant %q", f.outcome.lines, want)
	}
	wantLog := []string{
		`ignoring "tmp dir" in the results of step "deploy": it is not a regular file`,
		`step "deploy" failed: exited with code 1`,
	}
	if got := f.log.all(); !reflect.DeepEqual(got, wantLog) {
		t.Fatalf("log %q\nwant %q", got, wantLog)
	}
	if !reflect.DeepEqual(f.runner.envs, [][]string{resultsEnvOnly}) {
		t.Fatalf("environment %q", f.runner.envs)
	}
}

// With 64 steps the converter passes a budget of 189 bytes: the header and the message first, then
// as many names as fit, then values.
func TestRunReportsResultsWithinTheBudget(t *testing.T) {
	f := newStepRunFakes()
	f.results.files = []resultFile{result("a", strings.Repeat("1", 30))}
	for _, name := range strings.Split("bcdefghijklmnopq", "") {
		f.results.files = append(f.results.files, result(name, "v"))
	}
	f.proc.exit(exitedWith(1))
	plan := deployPlan()
	plan.TerminationBudget = 189

	f.runToEnd(t, plan)

	got := f.outcome.lines[0]
	if len(got) > 189 {
		t.Fatalf("%d bytes: %q", len(got), got)
	}
	back := parseTermination(t, got)
	var names, values []string
	notReported := 0
	for _, r := range back.Results {
		if r.Name == "(not reported)" {
			notReported++
			continue
		}
		names = append(names, r.Name)
		if r.Value != nil {
			values = append(values, r.Name)
		}
	}
	if back.Message != "exited with code 1" || notReported == 0 || len(names) == 0 || len(values) == 0 {
		t.Fatalf("message %q, names %q, values of %q, %d not reported: %q", back.Message, names, values, notReported, got)
	}
	if values[0] == "a" {
		t.Fatalf("the 30-byte value of a fitted where it cannot: %q", got)
	}
	t.Logf("%d bytes: %d names, values of %q, %d not reported", len(got), len(names), values, notReported)
}

func TestRunGoesOnWhenTheResultsCannotBeRead(t *testing.T) {
	f := newStepRunFakes()
	f.results.readErr = os.ErrNotExist
	f.proc.exit(exitedWith(0))
	if code := f.runToEnd(t, deployPlan()); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got := f.log.all(); !reflect.DeepEqual(got, []string{`cannot read the results of step "deploy": file does not exist`}) {
		t.Fatalf("log %q", got)
	}
	if got := f.outcome.lines[0]; !strings.HasSuffix(got, " 1 0\n") {
		t.Fatalf("termination message %q", got)
	}
}

// A results directory that cannot be prepared is reported; the command still runs, with the path,
// so that its own writes there fail with a clear message.
func TestRunGoesOnWhenTheResultsCannotBePrepared(t *testing.T) {
	f := newStepRunFakes()
	f.results.prepareErr = os.ErrPermission
	f.proc.exit(exitedWith(0))
	if code := f.runToEnd(t, deployPlan()); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got := f.log.all(); !reflect.DeepEqual(got, []string{`cannot prepare the results directory ` + fakeResultsPath + `: permission denied`}) {
		t.Fatalf("log %q", got)
	}
	if !reflect.DeepEqual(f.runner.envs, [][]string{resultsEnvOnly}) {
		t.Fatalf("environment %q", f.runner.envs)
	}
}
