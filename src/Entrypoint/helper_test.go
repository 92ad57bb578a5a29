package main

import (
	"encoding/json"
	"os"
	"os/signal"
	"strconv"
	"syscall"
)

// The test binary doubles as the command the process tests run, selected by an environment
// variable, so that argv and signal handling are observed without depending on a shell's quirks.
const helperEnv = "KUEUELEULEU_TEST_HELPER"

func runHelper(mode string) int {
	out := os.Getenv("KUEUELEULEU_TEST_OUT")
	switch mode {
	case "argv":
		data, _ := json.Marshal(os.Args[1:])
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return 99
		}
		return 0
	case "exit":
		code, _ := strconv.Atoi(os.Getenv("KUEUELEULEU_TEST_CODE"))
		return code
	case "trap":
		sigs := make(chan os.Signal, 4)
		signal.Notify(sigs, syscall.SIGTERM, syscall.SIGUSR1)
		if err := os.WriteFile(os.Getenv("KUEUELEULEU_TEST_READY"), []byte("ready"), 0o644); err != nil {
			return 99
		}
		for s := range sigs {
			f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
			if err != nil {
				return 99
			}
			f.WriteString(signalName(s.(syscall.Signal)) + "\n")
			f.Close()
			if s == syscall.SIGTERM {
				return 128 + int(syscall.SIGTERM)
			}
		}
	}
	return 98
}
