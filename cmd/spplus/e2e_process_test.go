package main

// The e2e_*_test.go files test the spplus binary as users and operators
// run it: built with "go build", started as separate processes on loopback
// ports, killed, restarted, and judged only by what they print, exit with,
// and write to the sandbox. They are skipped under -short.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// e2eCommandTimeout bounds one short-lived command (sync, export, ...), so
// that a hung binary fails the test instead of stalling the suite.
const e2eCommandTimeout = 5 * time.Minute

// e2eBuild is the binary built for this test run. It is package state only
// because Go offers no per-run hook but TestMain, which testscript already
// owns (main_test.go); sync.Once makes it safe.
var e2eBuild struct {
	once sync.Once
	path string
	err  error
}

// spplusBinary skips the test under -short, and otherwise returns the path
// of the spplus binary, built once per test run.
func spplusBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test of the spplus binary: skipped with -short")
	}
	e2eBuild.once.Do(func() { e2eBuild.path, e2eBuild.err = buildSpplus() })
	if e2eBuild.err != nil {
		t.Fatalf("build spplus: %v", e2eBuild.err)
	}
	return e2eBuild.path
}

// buildSpplus builds ./ (the test's working directory is the package) into
// a directory next to the test binary: "go test" keeps its test binaries in
// its own work directory and removes it afterwards, so nothing is left
// behind.
//
// The binary is built as it ships, without the race detector: instrumented,
// the sandbox and the daemon are several times slower, and the crash test's
// kills would then almost all land before the first write to DS. Set
// SPPLUS_E2E_RACE=1 to build it with -race: a data race in a child then
// fails the test (see checkNoRace).
func buildSpplus() (string, error) {
	base := os.TempDir()
	if exe, err := os.Executable(); err == nil {
		base = filepath.Dir(exe)
	}
	dir, err := os.MkdirTemp(base, "spplus-e2e-")
	if err != nil {
		if dir, err = os.MkdirTemp("", "spplus-e2e-"); err != nil {
			return "", err
		}
	}
	out := filepath.Join(dir, "spplus")
	args := []string{"build", "-o", out}
	if os.Getenv("SPPLUS_E2E_RACE") == "1" {
		args = append(args, "-race")
	}
	cmd := exec.Command("go", append(args, ".")...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, msg)
	}
	return out, nil
}

// childEnv is the environment of a spplus process: this process's, without
// any SPPLUS_* variable (a developer's own settings must not leak in), plus
// extra ("KEY=value").
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SPPLUS_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// sandboxEnv is the environment of a command that talks to a sandbox.
func sandboxEnv() []string { return childEnv("SPPLUS_DS_TOKEN=sandbox-token") }

// freeAddr returns a loopback address with a port that was free a moment
// ago: listen on port 0, note the port, close.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatalf("close %s: %v", addr, err)
	}
	return addr
}

// lockedBuffer is a bytes.Buffer the process's output copier writes to
// while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// process is a long-running spplus child (sandbox, daemon).
type process struct {
	name   string
	cmd    *exec.Cmd
	stdout lockedBuffer
	stderr lockedBuffer
	done   chan struct{} // closed when the process has been waited for
	err    error         // Wait's error, set before done is closed
}

// startProcess starts bin with args. The process is killed and waited for
// when the test ends, and its stderr is logged if the test failed.
func startProcess(t *testing.T, bin string, env []string, args ...string) *process {
	t.Helper()
	p := &process{name: "spplus " + strings.Join(args, " "), cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", p.name, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		checkNoRace(t, p.name, p.stderr.String())
		if t.Failed() {
			t.Logf("stderr of %s (last 4 KiB):\n%s", p.name, tail(p.stderr.String(), 4096))
		}
	})
	return p
}

// exited reports whether the process has ended.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// kill sends SIGKILL (a no-op on an ended process) and waits for the end.
func (p *process) kill() {
	if !p.exited() {
		_ = p.cmd.Process.Kill() // fails only when the process already ended
	}
	<-p.done
}

// commandResult is what a short-lived command did.
type commandResult struct {
	code           int
	stdout, stderr string
}

// runSpplus runs bin with args to its end and returns its exit status and
// output. Only a failure to run at all (or a hang) fails the test.
func runSpplus(t *testing.T, bin string, env []string, args ...string) commandResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), e2eCommandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := commandResult{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	if (err != nil && !errors.As(err, &exit)) || ctx.Err() != nil {
		t.Fatalf("spplus %s: did not run to its end: %v\nstderr:\n%s", strings.Join(args, " "), err, tail(res.stderr, 4096))
	}
	checkNoRace(t, "spplus "+strings.Join(args, " "), res.stderr)
	return res
}

// checkNoRace fails the test when a race-built child reported a data race.
func checkNoRace(t *testing.T, name, stderr string) {
	t.Helper()
	if i := strings.Index(stderr, "WARNING: DATA RACE"); i >= 0 {
		t.Errorf("%s: data race:\n%s", name, tail(stderr[i:], 8192))
	}
}

// waitUntil polls cond until it reports done, at most limit. cond returns
// what it saw, for the failure message when the limit passes.
func waitUntil(t *testing.T, limit time.Duration, what string, cond func() (done bool, saw string)) {
	t.Helper()
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		done, saw := cond()
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v; last seen: %s", what, limit, saw)
		}
		<-tick.C
	}
}

// waitLog waits until the process's stderr holds substr, failing at once
// if the process ends first.
func waitLog(t *testing.T, p *process, substr string) {
	t.Helper()
	waitUntil(t, e2eStartLimit, p.name+": log "+substr, func() (bool, string) {
		if strings.Contains(p.stderr.String(), substr) {
			return true, ""
		}
		if p.exited() {
			t.Fatalf("%s ended before logging %s: %v\nstderr:\n%s", p.name, substr, p.err, tail(p.stderr.String(), 4096))
		}
		return false, tail(p.stderr.String(), 300)
	})
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
