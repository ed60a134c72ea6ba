package connector

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/graphql/sandbox"
	"github.com/spplus/spplus/rules"
)

const benchN = 10_000

// Environment of the child process that measures the peak RSS of a pass.
const (
	envHelperURL     = "SPPLUS_BENCH_SANDBOX_URL"
	envHelperStore   = "SPPLUS_BENCH_STORE"
	envHelperVariant = "SPPLUS_BENCH_VARIANT"
)

// noWrites compares like with like against a bare fetch: the pass reads,
// downloads, evaluates, plans and stores, but has nothing to write to DS
// (no annotation mapped, messages off, decisions off).
func noWrites(d *config.Demarche) {
	d.Annotations = map[string]string{}
	d.Messages.Enabled = false
	d.Decisions = config.Decisions{PasserEnInstruction: config.PolicyOff, Accepter: config.PolicyOff, Refuser: config.PolicyOff}
}

func skipShort(b *testing.B) {
	if testing.Short() {
		b.Skip("10,000-dossier benchmark skipped under -short")
	}
}

// BenchmarkBareFetch10k reads the pages of 10,000 generated dossiers and
// nothing else: the floor a first pass is compared to.
func BenchmarkBareFetch10k(b *testing.B) {
	skipShort(b)
	e := newEnv(b, envOptions{N: benchN})
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for page, err := range e.client.DossierPages(context.Background(), 1, nil, "") {
			if err != nil {
				b.Fatal(err)
			}
			n += len(page.Dossiers)
		}
		if n != benchN {
			b.Fatalf("read %d dossiers", n)
		}
	}
	b.ReportMetric(float64(benchN)*float64(b.N)/b.Elapsed().Seconds(), "dossiers/s")
}

// BenchmarkFirstPass10k is a first pass over the same 10,000 dossiers,
// with nothing to write to DS (see noWrites), on a fresh store with fsync
// each iteration. It also reports the peak RSS of such a pass, measured in
// a child process (the sandbox's memory is not counted).
func BenchmarkFirstPass10k(b *testing.B) {
	skipShort(b)
	e := newEnv(b, envOptions{N: benchN, Configure: noWrites})
	benchFirstPass(b, func() *env { return e })
	b.StopTimer()
	b.ReportMetric(peakRSS(b, e, "nowrites"), "peak-RSS-MiB")
}

// BenchmarkFirstPass10kAllOn is the first pass with everything on:
// annotations, messages and automatic decisions executed against the
// sandbox (a fresh sandbox each iteration, outside the timer).
func BenchmarkFirstPass10kAllOn(b *testing.B) {
	skipShort(b)
	data := testData(b, benchN)
	var e *env
	benchFirstPass(b, func() *env {
		e = newEnv(b, envOptions{Data: data, Configure: allAuto})
		return e
	})
	b.StopTimer()
	b.ReportMetric(peakRSS(b, newEnv(b, envOptions{Data: data, Configure: allAuto}), "allon"), "peak-RSS-MiB")
}

func benchFirstPass(b *testing.B, setup func() *env) {
	var evaluated int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := setup()
		st, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", i)), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s := e.syncer(func(o *Options) { o.Store = st })
		b.StartTimer()
		r, err := s.Sync(context.Background(), 1, "cli")
		b.StopTimer()
		if err != nil {
			b.Fatalf("pass: %v (%d errors, first %q)", err, len(r.Errors), first(r.Errors))
		}
		evaluated = r.Evaluated
		_ = st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(evaluated), "evaluated/pass")
	b.ReportMetric(float64(benchN)*float64(b.N)/b.Elapsed().Seconds(), "dossiers/s")
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// peakRSS runs one first pass in a child process (this test binary, see
// TestHelperPass) against e's sandbox and returns the child's peak
// resident set size in MiB: its VmHWM from /proc/self/status, read by the
// child at the end of the pass. (The rusage ru_maxrss of the child is not
// usable: Linux carries the parent's peak into a child started with
// CLONE_VM, as os/exec does, and the parent holds the whole sandbox.)
func peakRSS(b *testing.B, e *env, variant string) float64 {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPass$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), envHelperURL+"="+e.ts.URL, envHelperStore+"="+filepath.Join(b.TempDir(), "rss.db"),
		envHelperVariant+"="+variant)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("child pass: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`peak_rss_kib=(\d+)`).FindSubmatch(out)
	if m == nil {
		b.Logf("no peak RSS measured (not Linux?):\n%s", out)
		return 0
	}
	kib, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		b.Fatal(err)
	}
	return kib / 1024
}

// TestHelperPass is the child process of peakRSS; it does nothing in a
// normal test run.
func TestHelperPass(t *testing.T) {
	url := os.Getenv(envHelperURL)
	if url == "" {
		t.Skip("only run as the child process of the benchmarks")
	}
	client, err := graphql.New(graphql.Options{BaseURL: url, Token: sandbox.DefaultToken, RequestsPerMinute: 1_000_000,
		HTTPClient: &http.Client{Timeout: time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(os.Getenv(envHelperStore), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = st.Close() }()
	configure := noWrites
	if os.Getenv(envHelperVariant) == "allon" {
		configure = allAuto
	}
	s, err := New(Options{DS: client, Store: st, Config: testConfig(configure), Settings: rules.DefaultSettings(), Logger: zerolog.Nop()})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Sync(context.Background(), 1, "cli")
	if err != nil {
		t.Fatalf("pass: %v", err)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		t.Skip("no VmHWM in /proc/self/status")
	}
	fmt.Printf("evaluated=%d peak_rss_kib=%s\n", r.Evaluated, m[1])

}
