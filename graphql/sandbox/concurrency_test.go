package sandbox

import (
	"sync"
	"testing"
)

// TestConcurrentRequests runs queries and mutations in parallel; with -race it checks that
// the data mutex covers every access.
func TestConcurrentRequests(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.RateLimitPerMinute = -1 })
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if g%2 == 0 {
					h.gqlAs("Bearer sandbox-token", `{ demarche(number: 1) { dossiers { nodes { number messages { id } } } } }`, nil)
					continue
				}
				h.mutate("Bearer sandbox-token", "dossierEnvoyerMessage", map[string]any{
					"dossierId": d101, "instructeurId": i1, "body": sprintf("message %d-%d", g, i)}, "message { id }")
			}
		}()
	}
	wg.Wait()
	r := h.gql(`{ dossier(number: 101) { messages { id } } }`, nil)
	if n := len(r.data("dossier", "messages").([]any)); n != 30 {
		t.Errorf("messages = %d, want 30", n)
	}
	if n := len(h.srv.Mutations()); n != 30 {
		t.Errorf("mutation log = %d, want 30", n)
	}
}
