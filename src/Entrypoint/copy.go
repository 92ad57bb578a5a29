package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
)

const installedName = "entrypoint"

// copyMode installs the running binary into the shared volume for the step containers, whose own
// images do not contain it.
func copyMode(args []string) int {
	if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
		usage(os.Stdout)
		return 0
	}
	if len(args) != 1 || args[0] == "" || strings.HasPrefix(args[0], "-") {
		logf("copy needs exactly one argument, the target directory")
		usage(os.Stderr)
		return exitUsage
	}
	dir := args[0]
	self, err := executablePath()
	if err != nil {
		logf("cannot find the running binary: %v", err)
		return 1
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		logf("cannot create %s: %v", dir, err)
		return 1
	}
	if err := installBinary(self, filepath.Join(dir, installedName)); err != nil {
		logf("cannot copy %s to %s: %v", self, dir, err)
		return 1
	}
	if err := makeStepsDir(filepath.Join(dir, stepsDirName)); err != nil {
		logf("cannot create the marker directory: %v", err)
		return 1
	}
	if err := makeSharedDir(filepath.Join(dir, resultsDirName)); err != nil {
		logf("cannot create the results directory: %v", err)
		return 1
	}
	return 0
}

// installBinary copies src to dst through a temporary file in dst's directory, so a step container
// never sees a half-written binary, even when the init container is restarted.
func installBinary(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, in); err != nil {
		return err
	}
	if err = tmp.Chmod(0o555); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// executablePath finds the running binary through /proc/self/exe, falling back to argv[0] when /proc
// is not mounted and argv[0] is a path.
func executablePath() (string, error) {
	p, err := os.Executable()
	if err == nil {
		return p, nil
	}
	if strings.Contains(os.Args[0], "/") {
		return filepath.Abs(os.Args[0])
	}
	return "", err
}
