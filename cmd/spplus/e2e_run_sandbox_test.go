package main

import (
	"testing"
)

// runSandboxProc is a "spplus run --sandbox" process: the daemon and its
// embedded sandbox, each on its own free port.
type runSandboxProc struct {
	*process
	web     string // the daemon's base URL
	sandbox sandboxProc
}

// startRunSandbox starts "spplus run --sandbox" with its state in a test
// directory, and waits until its first pass is done (/readyz answers 200).
func startRunSandbox(t *testing.T, bin string) runSandboxProc {
	t.Helper()
	httpAddr, sbAddr := freeAddr(t), freeAddr(t)
	p := startProcess(t, bin, childEnv(),
		"run", "--sandbox", "--http", httpAddr, "--sandbox-addr", sbAddr, "--dir", t.TempDir())
	r := runSandboxProc{process: p, web: "http://" + httpAddr, sandbox: sandboxProc{process: p, url: "http://" + sbAddr}}
	waitAnswers(t, p, r.web+"/readyz", 200)
	return r
}
