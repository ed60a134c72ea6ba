package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/spplus/spplus/connector/store"
)

// The dossier counts of /metrics are read again only when the store
// changed, and then reflect the change.
func TestStoreViewCountsFollowTheStore(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "spplus.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	save := func(snaps ...store.Snapshot) {
		t.Helper()
		plans := make([]store.Plan, len(snaps))
		for i, s := range snaps {
			plans[i] = store.Plan{Snapshot: s}
		}
		if _, err := st.SaveSnapshotsAndPlans(1, plans); err != nil {
			t.Fatal(err)
		}
	}
	save(store.Snapshot{Number: 1, Level: "or", State: "accepte"}, store.Snapshot{Number: 2, Level: "or", State: "accepte"},
		store.Snapshot{Number: 3, State: "en_construction", Quarantined: true})
	v := newStoreView(st, []int{1})
	count := func() (or, quarantined int) {
		t.Helper()
		s, err := v.demarcheState(1)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range s.Dossiers {
			if d.Level == "or" && d.State == "accepte" {
				or = d.Count
			}
		}
		return or, s.Quarantined
	}
	if or, q := count(); or != 2 || q != 1 {
		t.Fatalf("counts = %d or, %d quarantined; want 2, 1", or, q)
	}
	gen, _ := st.Generation()
	if or, q := count(); or != 2 || q != 1 || v.counts.got[1].gen != gen {
		t.Fatalf("cached counts = %d, %d at generation %d; want 2, 1 at %d", or, q, v.counts.got[1].gen, gen)
	}
	save(store.Snapshot{Number: 4, Level: "or", State: "accepte"})
	if err := st.MarkDeleted(1, 1, time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if or, q := count(); or != 2 || q != 1 {
		t.Fatalf("after a save and a deletion: %d or, %d quarantined; want 2, 1", or, q)
	}
	if err := st.ClearQuarantine(1, 3); err != nil {
		t.Fatal(err)
	}
	if _, q := count(); q != 0 {
		t.Fatalf("after ClearQuarantine: %d quarantined, want 0", q)
	}
}
