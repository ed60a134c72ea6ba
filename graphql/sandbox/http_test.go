package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

const tinyQuery = `{ demarche(number: 1) { number } }`

func TestAuth(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, auth string
		status     int
		code       string
	}{
		{"missing", "", http.StatusForbidden, "forbidden"},
		{"unknown", "Bearer nope", http.StatusForbidden, "forbidden"},
		{"expired", "Bearer old-token", http.StatusUnauthorized, "unauthorized"},
		{"bearer", "Bearer sandbox-token", http.StatusOK, ""},
		{"bearer token=", "Bearer token=sandbox-token", http.StatusOK, ""},
		{"token scheme quoted", `Token token="sandbox-token"`, http.StatusOK, ""},
		{"read-only can query", "Bearer ro-token", http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.gqlAs(tt.auth, tinyQuery, nil)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.raw)
			}
			if tt.code == "" {
				return
			}
			if at(r.body, "errors", 0, "extensions", "code") != tt.code || !strings.Contains(string(r.raw), `"data":null`) {
				t.Errorf("body = %s", r.raw)
			}
		})
	}
	if r := h.gqlAs("", tinyQuery, nil); at(r.body, "errors", 0, "message") != "Without a token, only persisted queries are allowed" {
		t.Errorf("403 message: %s", r.raw)
	}
	if r := h.gqlAs("Bearer old-token", tinyQuery, nil); at(r.body, "errors", 0, "message") != "Token expired" {
		t.Errorf("401 message: %s", r.raw)
	}
}

func TestRateLimit(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.RateLimitPerMinute = 3 })
	for i := 0; i < 3; i++ {
		if r := h.gqlAs("Bearer sandbox-token", tinyQuery, nil); r.status != http.StatusOK {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := h.gqlAs("Bearer sandbox-token", tinyQuery, nil)
	windowEnd := (testStart.Unix()/60 + 1) * 60
	switch {
	case r.status != http.StatusTooManyRequests:
		t.Fatalf("status = %d", r.status)
	case r.header.Get("RateLimit-Remaining") != "0", r.header.Get("RateLimit-Reset") != strconv.FormatInt(windowEnd, 10):
		t.Errorf("headers = %v", r.header)
	case r.header.Get("Retry-After") != "", r.header.Get("Content-Type") != "":
		t.Errorf("DS sends neither Retry-After nor Content-Type: %v", r.header)
	case string(r.raw) != cowboyBody:
		t.Errorf("body = %q", r.raw)
	}
	if r := h.gqlAs("Bearer token=sandbox-token", tinyQuery, nil); r.status != http.StatusOK {
		t.Errorf("the key is the raw header value: another spelling has its own counter, got %d", r.status)
	}
	h.clock.Advance(time.Minute)
	if r := h.gqlAs("Bearer sandbox-token", tinyQuery, nil); r.status != http.StatusOK {
		t.Errorf("next window: %d", r.status)
	}
}

func TestFaults(t *testing.T) {
	h := newHarness(t)
	set := func(f string) {
		if r := h.do("POST", "/_sandbox/faults", "", []byte(f)); r.status != http.StatusOK {
			t.Fatalf("set faults %s: %d %s", f, r.status, r.raw)
		}
	}
	tests := []struct {
		faults string
		check  func(r response) bool
	}{
		{`{"rate_limit_every":2}`, func(r response) bool { return r.status == http.StatusTooManyRequests }},
		{`{"error_5xx_every":2}`, func(r response) bool {
			return r.status == http.StatusInternalServerError && at(r.body, "errors", 0, "extensions", "code") == "internal_server_error"
		}},
		{`{"malformed_every":2}`, func(r response) bool { return r.status == http.StatusOK && !json.Valid(r.raw) }},
		{`{"latency_ms":1}`, func(r response) bool { return r.status == http.StatusOK }},
	}
	for _, tt := range tests {
		set(tt.faults)
		first := h.gqlAs("Bearer sandbox-token", tinyQuery, nil)
		second := h.gqlAs("Bearer sandbox-token", tinyQuery, nil)
		if first.status != http.StatusOK || !tt.check(second) {
			t.Errorf("%s: first %d, second %d %q", tt.faults, first.status, second.status, second.raw)
		}
	}
	if r := h.do("POST", "/_sandbox/faults", "", []byte(`{"bogus":1}`)); r.status != http.StatusBadRequest {
		t.Errorf("unknown fault key: %d", r.status)
	}
	got := h.do("GET", "/_sandbox/faults", "", nil)
	if at(got.body, "latency_ms") != float64(1) {
		t.Errorf("GET faults = %s", got.raw)
	}
}

func TestLatencyHonoursCancellation(t *testing.T) {
	h := newHarness(t)
	h.srv.SetFaults(Faults{LatencyMS: 60_000})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", h.ts.URL+"/api/v2/graphql", strings.NewReader(`{"query":"{ demarche(number:1){id} }"}`))
	if _, err := h.ts.Client().Do(req); err == nil {
		t.Fatal("a cancelled request must not wait out the latency")
	}
}

func TestPoisonedDossier(t *testing.T) {
	h := newHarness(t)
	h.srv.SetFaults(Faults{PoisonDossiers: []int{102}})
	r := h.gql(`{ demarche(number: 1) { dossiers(first: 3) { nodes { number } edges { cursor node { number } } } } }`, nil)
	if got := jsonString(r.data("demarche", "dossiers", "nodes")); got != `[{"number":101},null,{"number":103}]` {
		t.Errorf("nodes = %s", got)
	}
	if got := r.data("demarche", "dossiers", "edges", 1, "node"); got != nil || r.data("demarche", "dossiers", "edges", 1, "cursor") == nil {
		t.Errorf("edge 1 = %s", jsonString(r.data("demarche", "dossiers", "edges", 1)))
	}
	errs := r.errors()
	if len(errs) != 2 || at(errs[0], "message") != "Cannot return null for non-nullable field PersonneMorale.siegeSocial" ||
		jsonString(at(errs[0], "path")) != `["demarche","dossiers","nodes",1,"demandeur","siegeSocial"]` ||
		at(errs[0], "extensions", "code") != "invalid_null" {
		t.Errorf("errors = %s", jsonString(errs))
	}
	one := h.gql(`{ dossier(number: 102) { number } }`, nil)
	if _, ok := one.body["data"]; !ok || one.body["data"] != nil {
		t.Errorf("dossier(number) of a poisoned dossier: data must be null: %s", one.raw)
	}
}

func TestNotFoundAndInvalidNull(t *testing.T) {
	h := newHarness(t)
	r := h.gql(`{ demarche(number: 42) { id } }`, nil)
	if r.body["data"] != nil || at(r.errors()[0], "message") != "Demarche not found" || at(r.errors()[0], "extensions", "code") != "not_found" {
		t.Errorf("not found: %s", r.raw)
	}
	// The fixture's demandeur has no "adresse": a non-null field missing from the data.
	r = h.gql(`{ dossier(number: 101) { number demandeur { ... on PersonneMorale { adresse } } } }`, nil)
	if r.body["data"] != nil || at(r.errors()[0], "message") != "Cannot return null for non-nullable field PersonneMorale.adresse" {
		t.Errorf("invalid_null: %s", r.raw)
	}
	r = h.gql(`{ dossier(number: 101) { number motivation dateExpiration } }`, nil)
	if !strings.Contains(string(r.raw), `{"data":{"dossier":{"number":101,"motivation":null,"dateExpiration":null}}}`) {
		t.Errorf("nullable fields: %s", r.raw)
	}
}
