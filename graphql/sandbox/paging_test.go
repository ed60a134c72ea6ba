package sandbox

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func newBigHarness(t *testing.T, n int) *harness {
	t.Helper()
	clock := &testClock{now: bigBase.Add(30 * 24 * time.Hour)}
	srv, err := New(bigData(t, n), Options{Now: clock.Now, RateLimitPerMinute: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &harness{t: t, srv: srv, ts: ts, clock: clock}
}

const pageQuery = `query P($first: Int, $last: Int, $after: String, $before: String, $since: ISO8601DateTime, $state: DossierState, $archived: Boolean) {
  demarche(number: 1) { dossiers(first: $first, last: $last, after: $after, before: $before, updatedSince: $since, state: $state, archived: $archived) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { number dateDerniereModification }
    edges { cursor node { number } } } } }`

// page runs pageQuery and returns the dossier numbers and pageInfo.
func (h *harness) page(vars map[string]any) ([]int, map[string]any) {
	h.t.Helper()
	r := h.gql(pageQuery, vars)
	if len(r.errors()) > 0 {
		h.t.Fatalf("errors: %s", r.raw)
	}
	var nums []int
	nodes, _ := r.data("demarche", "dossiers", "nodes").([]any)
	for i, n := range nodes {
		nums = append(nums, int(at(n, "number").(float64)))
		if at(r.data("demarche", "dossiers", "edges", i), "node", "number") != at(n, "number") {
			h.t.Fatalf("edges and nodes disagree at %d", i)
		}
	}
	info, _ := r.data("demarche", "dossiers", "pageInfo").(map[string]any)
	return nums, info
}

func TestPagingCapsAndDefaults(t *testing.T) {
	h := newBigHarness(t, 250)
	tests := []struct {
		name       string
		vars       map[string]any
		wantLen    int
		first      int
		next, prev bool
	}{
		{"default page is 100", nil, 100, 1, true, false},
		{"first 500 capped to 100", map[string]any{"first": 500}, 100, 1, true, false},
		{"first 10", map[string]any{"first": 10}, 10, 1, true, false},
		{"first 0", map[string]any{"first": 0}, 0, 0, true, false},
		{"last 10 are the latest, ascending", map[string]any{"last": 10}, 10, 241, false, true},
		{"state filter", map[string]any{"state": "accepte"}, 25, 10, false, false},
		{"archived false", map[string]any{"archived": false, "first": 100}, 100, 1, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nums, info := h.page(tt.vars)
			if len(nums) != tt.wantLen {
				t.Fatalf("len = %d, want %d", len(nums), tt.wantLen)
			}
			if len(nums) > 0 && nums[0] != tt.first {
				t.Errorf("first node = %d, want %d", nums[0], tt.first)
			}
			if info["hasNextPage"] != tt.next || info["hasPreviousPage"] != tt.prev {
				t.Errorf("pageInfo = %v", info)
			}
		})
	}
}

func TestPagingKeysetWithoutUpdatedSince(t *testing.T) {
	h := newBigHarness(t, 250)
	seen := map[int]bool{}
	var after any
	for pages := 0; ; pages++ {
		nums, info := h.page(map[string]any{"first": 100, "after": after})
		for i, n := range nums {
			if seen[n] {
				t.Fatalf("dossier %d returned twice", n)
			}
			seen[n] = true
			if i > 0 && n < nums[i-1] {
				t.Fatalf("not sorted by dépôt: %v", nums)
			}
		}
		if after != nil && info["hasPreviousPage"] != true {
			t.Errorf("hasPreviousPage must be true whenever after is given")
		}
		if info["hasNextPage"] != true {
			if len(seen) != 250 || pages != 2 {
				t.Fatalf("saw %d dossiers in %d pages", len(seen), pages+1)
			}
			break
		}
		after = info["endCursor"]
	}
	// The cursor is DS's: base64url, no padding, "<UTC ns time>;<id>".
	nums, info := h.page(map[string]any{"first": 1})
	raw, err := base64.RawURLEncoding.DecodeString(info["endCursor"].(string))
	if err != nil || string(raw) != "2025-10-01T07:01:00.000000000Z;1" || nums[0] != 1 {
		t.Errorf("cursor %q decodes to %q (%v)", info["endCursor"], raw, err)
	}
}

func TestPagingUpdatedSinceIsInclusiveAndSortedByUpdate(t *testing.T) {
	h := newBigHarness(t, 250)
	// Dossier i was modified at bigBase + (250 + i*7919%250) minutes; pick one as the bound.
	since := bigBase.Add(time.Duration(250+(17*7919)%250) * time.Minute)
	nums, _ := h.page(map[string]any{"since": formatDSTime(since), "first": 100})
	if len(nums) == 0 || nums[0] != 17 {
		t.Fatalf("first node = %v, want dossier 17 (modified exactly at updatedSince)", nums)
	}
	want := 250 - (17*7919)%250
	total := len(nums)
	_, info := h.page(map[string]any{"since": formatDSTime(since), "first": 100})
	for info["hasNextPage"] == true {
		var more []int
		more, info = h.page(map[string]any{"since": formatDSTime(since), "first": 100, "after": info["endCursor"]})
		total += len(more)
	}
	if total != want {
		t.Errorf("updatedSince returned %d dossiers, want %d", total, want)
	}
}

func TestPagingEmptyPageAfterLastCursor(t *testing.T) {
	h := newBigHarness(t, 5)
	_, info := h.page(map[string]any{"first": 100})
	nums, empty := h.page(map[string]any{"first": 100, "after": info["endCursor"]})
	if len(nums) != 0 || empty["endCursor"] != nil || empty["startCursor"] != nil {
		t.Errorf("empty page: nodes %v pageInfo %v", nums, empty)
	}
	if empty["hasPreviousPage"] != true || empty["hasNextPage"] != false {
		t.Errorf("empty page flags: %v", empty)
	}
}

func TestPagingBeforeAndLast(t *testing.T) {
	h := newBigHarness(t, 30)
	_, info := h.page(map[string]any{"first": 10, "after": nil})
	// The 10 dossiers before dossier 11 are 1..10 (first: 2, before: d3 -> d1, d2 in DS).
	_, mid := h.page(map[string]any{"first": 10, "after": info["endCursor"]})
	nums, binfo := h.page(map[string]any{"last": 3, "before": mid["startCursor"]})
	if len(nums) != 3 || nums[0] != 8 || nums[2] != 10 {
		t.Errorf("last 3 before 11 = %v", nums)
	}
	if binfo["hasNextPage"] != true || binfo["hasPreviousPage"] != true {
		t.Errorf("before page flags = %v", binfo)
	}
}

func TestPagingArgumentErrors(t *testing.T) {
	h := newBigHarness(t, 5)
	r := h.gql(pageQuery, map[string]any{"first": 1, "last": 1})
	if r.body["data"] != nil || at(r.errors()[0], "message") != `Arguments "first" and "last" are exclusive` ||
		at(r.errors()[0], "extensions", "code") != "bad_request" {
		t.Errorf("first+last: %s", r.raw)
	}
	if path := jsonString(at(r.errors()[0], "path")); path != `["demarche","dossiers"]` {
		t.Errorf("path = %s", path)
	}
	bad := h.gqlAs("Bearer sandbox-token", pageQuery, map[string]any{"after": "%%%"})
	if bad.status != http.StatusBadRequest || at(bad.body, "errors", 0, "message") != "invalid base64" {
		t.Errorf("bad cursor: %d %s", bad.status, bad.raw)
	}
	junk := base64.RawURLEncoding.EncodeToString([]byte("not a cursor"))
	if nums, _ := h.page(map[string]any{"after": junk}); len(nums) != 0 {
		t.Errorf("undecodable cursor must match nothing, got %v", nums)
	}
}

func TestModifiedDossierComesBackAfterSavedCursor(t *testing.T) {
	h := newHarness(t)
	since := "2026-01-01T00:00:00+01:00"
	_, info := h.page(map[string]any{"since": since})
	saved := info["endCursor"]
	if nums, _ := h.page(map[string]any{"since": since, "after": saved}); len(nums) != 0 {
		t.Fatalf("nothing new yet, got %v", nums)
	}
	h.clock.Advance(time.Minute)
	msg := h.gql(`mutation { dossierEnvoyerMessage(input: {dossierId: "RG9zc2llci0xMDE=", instructeurId: "SW5zdHJ1Y3RldXItMQ==", body: "Bonjour"}) { errors { message } } }`, nil)
	if at(msg.data("dossierEnvoyerMessage"), "errors") != nil {
		t.Fatalf("message refused: %s", msg.raw)
	}
	if nums, _ := h.page(map[string]any{"since": since, "after": saved}); len(nums) != 1 || nums[0] != 101 {
		t.Errorf("after a write, the dossier must come back past the saved cursor, got %v", nums)
	}
}

func TestGroupeInstructeurDossiers(t *testing.T) {
	h := newHarness(t)
	r := h.gql(`{ groupeInstructeur(number: 2) { label dossiers { nodes { number } } deletedDossiers { nodes { number } } } }`, nil)
	if got := jsonString(r.data("groupeInstructeur", "dossiers", "nodes")); got != `[{"number":104}]` {
		t.Errorf("group 2 dossiers = %s", got)
	}
	nf := h.gql(`{ groupeInstructeur(number: 99) { label } }`, nil)
	if nf.body["data"] != nil || at(nf.errors()[0], "message") != "GroupeInstructeurWithDossiers not found" {
		t.Errorf("unknown group: %s", nf.raw)
	}
}
