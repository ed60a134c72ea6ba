package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"
)

// testClock is a deterministic clock for tests.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testStart is the fixture's "now": after every date in testdata/fixture.json.
var testStart = time.Date(2026, 1, 15, 12, 0, 0, 0, paris)

type harness struct {
	t     *testing.T
	srv   *Server
	ts    *httptest.Server
	clock *testClock
}

func fixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/fixture.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newHarness(t *testing.T, mutate ...func(*Options)) *harness {
	t.Helper()
	clock := &testClock{now: testStart}
	opts := Options{Now: clock.Now, ExpiredTokens: []string{"old-token"}, ReadOnlyTokens: []string{"ro-token"}}
	for _, m := range mutate {
		m(&opts)
	}
	srv, err := New(fixture(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &harness{t: t, srv: srv, ts: ts, clock: clock}
}

// response is a decoded HTTP answer.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

func (h *harness) do(method, path, auth string, body []byte, headers ...string) response {
	h.t.Helper()
	req, err := http.NewRequest(method, h.ts.URL+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	out := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// gqlAs posts a query with the given Authorization header value.
func (h *harness) gqlAs(auth, query string, vars map[string]any) response {
	h.t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		h.t.Fatal(err)
	}
	return h.do("POST", "/api/v2/graphql", auth, b, "Content-Type", "application/json")
}

// gql posts a query with the default token and fails the test on a non-200 answer.
func (h *harness) gql(query string, vars map[string]any) response {
	h.t.Helper()
	r := h.gqlAs("Bearer sandbox-token", query, vars)
	if r.status != http.StatusOK {
		h.t.Fatalf("status %d: %s", r.status, r.raw)
	}
	return r
}

// at walks a decoded JSON value by keys and indexes.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func (r response) data(path ...any) any {
	return at(r.body["data"], path...)
}

func (r response) errors() []any {
	l, _ := r.body["errors"].([]any)
	return l
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func sprintf(format string, args ...any) string {
	return fmt.Sprintf(format, args...)
}

func jsonUnmarshal(b []byte, v any) error {
	return json.Unmarshal(b, v)
}

func newTestServer(t *testing.T, h http.Handler) *httptest.Server {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// gqlAsOp posts a query naming the operation to run.
func (h *harness) gqlAsOp(op, query string, vars map[string]any) response {
	h.t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars, "operationName": op})
	if err != nil {
		h.t.Fatal(err)
	}
	return h.do("POST", "/api/v2/graphql", "Bearer sandbox-token", b, "Content-Type", "application/json")
}
