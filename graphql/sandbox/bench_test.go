package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkPageThrough10000 pages a 10,000-dossier démarche 100 at a time with
// updatedSince, as a sync pass does (one op = the 100 requests of a full scan).
func BenchmarkPageThrough10000(b *testing.B) {
	srv, err := New(bigData(b, 10_000), Options{RateLimitPerMinute: -1})
	if err != nil {
		b.Fatal(err)
	}
	const q = `query P($after: String) { demarche(number: 1) { dossiers(first: 100, after: $after, updatedSince: "2025-01-01T00:00:00+01:00") {
		pageInfo { hasNextPage endCursor } nodes { id number state dateDepot dateDerniereModification groupeInstructeur { number } } } } }`
	b.ResetTimer()
	for range b.N {
		var after any
		pages := 0
		for {
			body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"after": after}})
			req := httptest.NewRequest("POST", "/api/v2/graphql", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer sandbox-token")
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
			var resp struct {
				Data struct {
					Demarche struct {
						Dossiers struct {
							PageInfo struct {
								HasNextPage bool
								EndCursor   string
							}
						}
					}
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				b.Fatal(err)
			}
			pages++
			info := resp.Data.Demarche.Dossiers.PageInfo
			if !info.HasNextPage {
				break
			}
			after = info.EndCursor
		}
		if pages != 100 {
			b.Fatalf("pages = %d", pages)
		}
	}
}
