package graphql

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// testToken looks like a real DS token (base64 of "<uuid>;<secret>").
const testToken = "MGJhZjY1YjMtZjA0Zi00ZDFmLWE5ZjUtN2QxYjM1ZGE4ZWE0O3NlY3JldFNFQ1JFVHNlY3JldA=="

// t0 is the fixed clock of the tests.
var t0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// gqlRequest is a GraphQL request body as the fake servers read it.
type gqlRequest struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

func readGQL(t *testing.T, r *http.Request) gqlRequest {
	t.Helper()
	var g gqlRequest
	if err := json.NewDecoder(r.Body).Decode(&g); err != nil {
		t.Errorf("fake server: decode request: %v", err)
	}
	return g
}

func writeBody(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// recorder is an Observer that records what it is told, and the waits the
// client asked its sleep function for.
type recorder struct {
	mu       sync.Mutex
	requests []string
	retries  []string
	limited  []time.Duration
	sleeps   []time.Duration
	onRetry  func()
}

func (r *recorder) Request(op, class string, _ time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, op+":"+class)
}

func (r *recorder) Retry(op string, _ error) {
	r.mu.Lock()
	r.retries = append(r.retries, op)
	f := r.onRetry
	r.mu.Unlock()
	if f != nil {
		f()
	}
}

func (r *recorder) RateLimited(_ string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.limited = append(r.limited, d)
}

// sleep records d and returns at once (or with ctx's error).
func (r *recorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	r.sleeps = append(r.sleeps, d)
	r.mu.Unlock()
	return ctx.Err()
}

func (r *recorder) snapshot() (requests, retries []string, limited, sleeps []time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...), append([]string(nil), r.retries...),
		append([]time.Duration(nil), r.limited...), append([]time.Duration(nil), r.sleeps...)
}

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a client wired to a fake server, with recorded logs and events.
type harness struct {
	c    *Client
	srv  *httptest.Server
	rec  *recorder
	logs *syncBuffer
}

// newHarness starts a fake DS server running h and a client for it with a
// fixed clock, a seeded jitter, a high budget and an instant sleep.
func newHarness(t *testing.T, h http.HandlerFunc, mod func(*Options)) *harness {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	rec := &recorder{}
	logs := &syncBuffer{}
	opts := Options{
		BaseURL: srv.URL, Token: testToken, HTTPClient: srv.Client(),
		RequestsPerMinute: 1_000_000, MaxAttempts: 3,
		Logger: zerolog.New(logs).Level(zerolog.DebugLevel), Observer: rec,
		Now: func() time.Time { return t0 }, Rand: rand.New(rand.NewPCG(1, 2)),
	}
	if mod != nil {
		mod(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c.sleep = rec.sleep
	return &harness{c: c, srv: srv, rec: rec, logs: logs}
}

// counter counts the requests a handler served.
type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) inc() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return c.n
}

func (c *counter) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
