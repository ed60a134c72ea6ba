package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/graphql/sandbox"
	"github.com/spplus/spplus/graphql/sandbox/gen"
	"github.com/spplus/spplus/rules"
)

// instructeur1 is the instructeur of the generated data spplus writes as;
// the test data puts it in every groupe instructeur.
const instructeur1 = "SW5zdHJ1Y3RldXItMQ=="

// env is a sandbox served over real HTTP on 127.0.0.1, a DS client counting
// its requests, a store in a temporary directory, and the config of the
// generated démarche.
type env struct {
	t      testing.TB
	srv    *sandbox.Server
	ts     *httptest.Server
	client *graphql.Client
	count  *requestCounter
	store  *store.Store
	cfg    config.Config
	dir    string
}

// envOptions tunes newEnv.
type envOptions struct {
	N         int    // generated dossiers (default 24)
	Data      []byte // sandbox data instead of generated data
	Configure func(*config.Demarche)
	Attempts  int // client max attempts (default 3)
}

func newEnv(t testing.TB, o envOptions) *env {
	t.Helper()
	data := o.Data
	if data == nil {
		data = testData(t, max(o.N, 0))
	}
	srv, err := sandbox.New(data, sandbox.Options{RateLimitPerMinute: -1})
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	// DS sends its clock in the Date header; the sandbox's own clock is
	// settable, so the test server sends that one.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", srv.Now().UTC().Format(http.TimeFormat))
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	e := &env{t: t, srv: srv, ts: ts, count: &requestCounter{base: http.DefaultTransport, ops: map[string]int{}}, dir: t.TempDir()}
	e.client, err = graphql.New(graphql.Options{BaseURL: ts.URL, Token: sandbox.DefaultToken,
		// The client shares the sandbox's clock, which only moves when a test
		// moves it: its rate budget would never refill, so its burst
		// (RequestsPerMinute/60) must exceed every request a test makes.
		HTTPClient: &http.Client{Transport: e.count}, RequestsPerMinute: 1_000_000_000,
		MaxAttempts: cmp(o.Attempts, 3), BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		MaxServerWait: 10 * time.Millisecond, Now: srv.Now})
	if err != nil {
		t.Fatalf("graphql client: %v", err)
	}
	e.store, err = store.Open(filepath.Join(e.dir, "spplus.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatalf("store: %v", err)
	}
	t.Cleanup(func() { _ = e.store.Close() })
	e.cfg = testConfig(o.Configure)
	return e
}

func cmp(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// testData generates n dossiers (the 24 of the demo when n is 0) and makes
// instructeur 1 a member of every groupe, so that it may act on all.
func testData(t testing.TB, n int) []byte {
	t.Helper()
	opts := gen.DemoOptions()
	if n > 0 {
		opts.N = n
	}
	return generatedData(t, opts)
}

// generatedData generates a démarche and puts instructeur1 in every groupe.
func generatedData(t testing.TB, opts gen.Options) []byte {
	t.Helper()
	raw, err := gen.Generate(opts)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("generated data: %v", err)
	}
	for _, dm := range doc["demarches"].([]any) {
		for _, g := range dm.(map[string]any)["groupeInstructeurs"].([]any) {
			gm := g.(map[string]any)
			list := gm["instructeurs"].([]any)
			if !hasInstructeur(list) {
				gm["instructeurs"] = append(list, map[string]any{"id": instructeur1, "email": "claire.martin@afnor.org"})
			}
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatalf("data: %v", err)
	}
	return out
}

func hasInstructeur(list []any) bool {
	for _, i := range list {
		if i.(map[string]any)["id"] == instructeur1 {
			return true
		}
	}
	return false
}

// testConfig maps every champ and annotation of the generated démarche.
func testConfig(configure func(*config.Demarche)) config.Config {
	c := config.Default()
	d := config.DefaultDemarche()
	d.Number, d.InstructeurID, d.QuarantineAfter = 1, instructeur1, 3
	d.Fields, d.Annotations = map[string]string{}, map[string]string{}
	for _, desc := range gen.Descriptors() {
		if desc.Annotation {
			d.Annotations[desc.Key] = desc.ID()
		} else if _, ok := config.FieldByKey(desc.Key); ok {
			d.Fields[desc.Key] = desc.ID()
		}
	}
	if configure != nil {
		configure(&d)
	}
	c.Demarches = []config.Demarche{d}
	return c
}

// syncer builds a Syncer over the env (a new one stands for a restart).
func (e *env) syncer(mod func(*Options)) *Syncer {
	e.t.Helper()
	o := Options{DS: e.client, Store: e.store, Config: e.cfg, Settings: rules.DefaultSettings(),
		Logger: zerolog.Nop(), Now: e.srv.Now}
	if mod != nil {
		mod(&o)
	}
	s, err := New(o)
	if err != nil {
		e.t.Fatalf("new syncer: %v", err)
	}
	return s
}

// mutations reads GET /_sandbox/mutations.
func (e *env) mutations() []sandbox.RecordedMutation {
	e.t.Helper()
	var out []sandbox.RecordedMutation
	e.admin(http.MethodGet, "/_sandbox/mutations", nil, &out)
	return out
}

// advance moves the sandbox clock (POST /_sandbox/clock).
func (e *env) advance(d time.Duration) {
	e.t.Helper()
	e.admin(http.MethodPost, "/_sandbox/clock", map[string]any{"advance_seconds": int64(d / time.Second)}, nil)
}

// faults sets POST /_sandbox/faults.
func (e *env) faults(f sandbox.Faults) {
	e.t.Helper()
	e.admin(http.MethodPost, "/_sandbox/faults", f, nil)
}

// dossierJSON reads GET /_sandbox/dossiers/{n}.
func (e *env) dossierJSON(n int) map[string]any {
	e.t.Helper()
	var out map[string]any
	e.admin(http.MethodGet, fmt.Sprintf("/_sandbox/dossiers/%d", n), nil, &out)
	return out
}

// upsert posts a candidate's edit (POST /_sandbox/dossiers).
func (e *env) upsert(body map[string]any) {
	e.t.Helper()
	e.admin(http.MethodPost, "/_sandbox/dossiers", body, nil)
}

func (e *env) admin(method, path string, in, out any) {
	e.t.Helper()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			e.t.Fatalf("%s %s: %v", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		e.t.Fatalf("%s %s: http %d: %s", method, path, resp.StatusCode, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			e.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// requestCounter counts the GraphQL requests by operation name.
type requestCounter struct {
	base http.RoundTripper
	mu   sync.Mutex
	ops  map[string]int
}

func (c *requestCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.Method == http.MethodPost {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		_ = r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(b))
		var p struct {
			OperationName string `json:"operationName"`
		}
		_ = json.Unmarshal(b, &p)
		c.mu.Lock()
		c.ops[p.OperationName]++
		c.mu.Unlock()
	} else if r.Method == http.MethodGet {
		c.mu.Lock()
		c.ops["download"]++
		c.mu.Unlock()
	}
	return c.base.RoundTrip(r)
}

// take returns the counts since the last call and resets them.
func (c *requestCounter) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.ops
	c.ops = map[string]int{}
	return out
}

// byName counts the recorded mutations by name.
func byName(ms []sandbox.RecordedMutation) map[string]int {
	out := map[string]int{}
	for _, m := range ms {
		out[m.Name]++
	}
	return out
}
