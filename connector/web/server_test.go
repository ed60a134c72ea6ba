package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
)

// passHistory is a PassSource whose passes the test records, like the
// connector would through the store.
type passHistory struct {
	mu sync.Mutex
	st PassStatus
}

func (h *passHistory) Ping(context.Context) error { return nil }

func (h *passHistory) PassStatus(context.Context, int) (PassStatus, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.st, nil
}

func (h *passHistory) finish(outcome string, at time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.st.LastOutcome, h.st.LastEnd = outcome, at
	if outcome == "success" {
		h.st.LastSuccess = at
	}
}

// startServer starts a server on an ephemeral loopback port and stops it
// at the end of the test.
func startServer(t *testing.T, opts Options) *Server {
	t.Helper()
	opts.Addr = "127.0.0.1:0"
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Shutdown(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return s
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestReadyzFlipsWithPasses(t *testing.T) {
	clock := newFakeClock()
	hist := &passHistory{}
	s := startServer(t, Options{Readiness: PassReadiness{Source: hist, Demarches: []int{7}, MaxAge: time.Hour, Now: clock.Now}})
	base := "http://" + s.Addr()

	steps := []struct {
		name    string
		act     func()
		status  int
		reasons []string
	}{
		{"before any pass", func() {}, 503, []string{"démarche 7: no successful pass yet"}},
		{"after a success", func() { hist.finish("success", clock.Now()) }, 200, []string{}},
		{"after a failed pass", func() { clock.Advance(time.Minute); hist.finish("failed", clock.Now()) }, 503,
			[]string{"démarche 7: last pass failed at 2026-03-02T10:01:00Z"}},
		{"back after a success", func() { clock.Advance(time.Minute); hist.finish("success", clock.Now()) }, 200, []string{}},
		{"stale without passes", func() { clock.Advance(61 * time.Minute) }, 503,
			[]string{"démarche 7: last successful pass ended 1h1m0s ago (at most 1h0m0s expected)"}},
	}
	for _, st := range steps {
		st.act()
		code, body := get(t, base+"/readyz")
		var got readyBody
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%s: /readyz body %q: %v", st.name, body, err)
		}
		if code != st.status || got.Ready != (st.status == 200) || strings.Join(got.Reasons, "|") != strings.Join(st.reasons, "|") {
			t.Errorf("%s: /readyz = %d %s; want %d %q", st.name, code, body, st.status, st.reasons)
		}
		if code, _ := get(t, base+"/healthz"); code != 200 {
			t.Errorf("%s: /healthz = %d, want 200 whatever the readiness", st.name, code)
		}
	}
}

func TestServerLifecycle(t *testing.T) {
	ready := ReadinessFunc(func(context.Context) (bool, []string) { return true, nil })
	if _, err := New(Options{}); err == nil {
		t.Error("New without Readiness: expected an error")
	}
	s, err := New(Options{Addr: "127.0.0.1:0", Readiness: ready})
	if err != nil {
		t.Fatal(err)
	}
	if s.Addr() != "" {
		t.Errorf("Addr before Start = %q, want empty", s.Addr())
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err == nil {
		t.Error("second Start: expected an error")
	}
	addr := s.Addr()
	if code, _ := get(t, "http://"+addr+"/healthz"); code != 200 {
		t.Errorf("/healthz = %d", code)
	}
	if code, _ := get(t, "http://"+addr+"/metrics"); code != 404 {
		t.Errorf("/metrics without a Gatherer = %d, want 404", code)
	}
	if code, _ := get(t, "http://"+addr+"/webhook"); code != 404 && code != 405 {
		t.Errorf("GET /webhook without a queue = %d, want 404", code)
	}
	for range 2 {
		if err := s.Shutdown(context.Background()); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	}
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Error("server still answers after Shutdown")
	}
}

func TestStartFailsOnBusyAddress(t *testing.T) {
	ready := ReadinessFunc(func(context.Context) (bool, []string) { return true, nil })
	first := startServer(t, Options{Readiness: ready})
	s, err := New(Options{Addr: first.Addr(), Readiness: ready})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err == nil || !strings.Contains(err.Error(), first.Addr()) {
		t.Errorf("Start on a busy address = %v, want an error naming it", err)
	}
}

func TestHandleAddsLoggedRoute(t *testing.T) {
	var logs bytes.Buffer
	reg := prometheus.NewRegistry()
	s, err := New(Options{
		Readiness: ReadinessFunc(func(context.Context) (bool, []string) { return true, nil }),
		Logger:    zerolog.New(&logs), Metrics: NewMetrics(reg),
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Handle("GET /status", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) }))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/status?token=abc", nil))
	if rec.Code != http.StatusTeapot {
		t.Errorf("/status = %d", rec.Code)
	}
	if !strings.Contains(logs.String(), `"path":"/status"`) || strings.Contains(logs.String(), "abc") {
		t.Errorf("log = %s; want the path without its query", logs.String())
	}
	fams := gather(t, reg)
	if v := value(t, fams, "spplus_http_requests_total", "route", "GET /status", "code", "418"); v != 1 {
		t.Errorf("spplus_http_requests_total{route=GET /status,code=418} = %v, want 1", v)
	}
}
