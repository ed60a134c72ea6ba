package connector

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/metrics"
	"strconv"
	"strings"
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
// TestHelperPass) against e's sandbox, reports where the child's memory
// sat at the end of the pass (anon-MiB: heap and stacks; store-MiB: the
// pages of the memory-mapped store file the process touched) and the peak
// of its live heap, and returns its peak resident set size in MiB: its
// VmHWM from /proc/self/status, read by the child at the end of the pass.
// (The rusage ru_maxrss of the child is not usable: Linux carries the
// parent's peak into a child started with CLONE_VM, as os/exec does, and
// the parent holds the whole sandbox.)
func peakRSS(b *testing.B, e *env, variant string) float64 {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPass$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), envHelperURL+"="+e.ts.URL, envHelperStore+"="+filepath.Join(b.TempDir(), "rss.db"),
		envHelperVariant+"="+variant)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("child pass: %v\n%s", err, out)
	}
	figures := map[string]float64{}
	for _, m := range regexp.MustCompile(`(\w+)_kib=(\d+)`).FindAllSubmatch(out, -1) {
		kib, err := strconv.ParseFloat(string(m[2]), 64)
		if err != nil {
			b.Fatal(err)
		}
		figures[string(m[1])] = kib / 1024
	}
	peak, ok := figures["peak_rss"]
	if !ok {
		b.Logf("no peak RSS measured (not Linux?):\n%s", out)
		return 0
	}
	b.ReportMetric(figures["anon"], "anon-MiB")
	b.ReportMetric(figures["store"], "store-MiB")
	b.ReportMetric(figures["peak_live_heap"], "peak-live-heap-MiB")
	return peak
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
	storePath := os.Getenv(envHelperStore)
	st, err := store.Open(storePath, store.Options{})
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
	done := make(chan uint64)
	stop := make(chan struct{})
	go sampleLiveHeap(stop, done)
	r, err := s.Sync(context.Background(), 1, "cli")
	close(stop)
	peakLive := <-done
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
	anon, storeRSS := residentByKind(t, storePath)
	fmt.Printf("evaluated=%d peak_rss_kib=%s anon_kib=%d store_kib=%d peak_live_heap_kib=%d\n",
		r.Evaluated, m[1], anon, storeRSS, peakLive>>10)
}

// sampleLiveHeap reads the live heap (as of the last GC) every 10 ms until
// stop is closed, then sends its peak.
func sampleLiveHeap(stop <-chan struct{}, done chan<- uint64) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
		select {
		case <-stop:
			done <- peak
			return
		case <-tick.C:
		}
	}
}

// residentByKind sums the resident KiB of the anonymous mappings and of
// the store file's mapping, from /proc/self/smaps.
func residentByKind(t *testing.T, storePath string) (anon, storeFile int) {
	t.Helper()
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return 0, 0
	}
	var current string
	for line := range strings.Lines(string(smaps)) {
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-"):
			current = ""
			if len(fields) >= 6 {
				current = fields[5]
			}
		case len(fields) == 3 && fields[0] == "Rss:":
			kib, _ := strconv.Atoi(fields[1])
			switch current {
			case "", "[heap]", "[stack]":
				anon += kib
			case storePath:
				storeFile += kib
			}
		}
	}
	return anon, storeFile
}
