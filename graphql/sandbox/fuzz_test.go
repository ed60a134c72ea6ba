package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzServeGraphQL posts arbitrary bodies: the server must never panic (a recovered panic
// is a 500), and must answer valid JSON with 200 (GraphQL errors) or the documented 400.
func FuzzServeGraphQL(f *testing.F) {
	seeds := []string{
		`{"query":"{ demarche(number: 1) { id dossiers(first: 2) { nodes { number champs { id } } } } }"}`,
		`{"query":"query Q($n: Int!) { dossier(number: $n) { number state } }","variables":{"n":101}}`,
		`{"query":"query Q($n: Int!) { dossier(number: $n) { number } }","variables":"{\"n\":101}"}`,
		`{"query":"mutation { dossierEnvoyerMessage(input: {dossierId: \"RG9zc2llci0xMDE=\", instructeurId: \"SW5zdHJ1Y3RldXItMQ==\", body: \"x\"}) { errors { message } } }"}`,
		`{"query":"{ demarche(number: 1) { dossiers(after: \"%%%\") { nodes { id } } } }"}`,
		`{"query":"{ demarche(number: 1) { dossiers(updatedSince: \"2026-01-01\", last: 2) { edges { cursor } } } }"}`,
		`{"query":"{ __schema { types { name } } }"}`,
		`{"query":"fragment F on Dossier { ...F } { dossier(number: 1) { ...F } }"}`,
		`{"query": 1}`, `{"variables": []}`, `[]`, `{`, ``, `null`, `{"query":"{ a"}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	srv, err := New(fixture(f), Options{RateLimitPerMinute: -1})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest("POST", "/api/v2/graphql", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer sandbox-token")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body.Bytes())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("invalid JSON for %q: %s", body, rec.Body.Bytes())
		}
	})
}
