package connector

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/rules"
)

// TestDryRun plans and reports, and writes nothing: no mutation, no
// snapshot, no outbox, no checkpoint.
func TestDryRun(t *testing.T) {
	e := newEnv(t, envOptions{N: 10, Configure: allAuto})
	r, err := e.syncer(func(o *Options) { o.DryRun = true }).Sync(context.Background(), 1, "cli")
	if err != nil || !r.DryRun || r.Planned == 0 || r.Done != 0 {
		t.Fatalf("dry run: err %v\n%s", err, r.String())
	}
	if ms := e.mutations(); len(ms) != 0 {
		t.Errorf("dry run made %d mutations", len(ms))
	}
	snaps, _ := e.store.Snapshots(1)
	actions, _ := e.store.Actions(1, 0)
	cp, _ := e.store.Checkpoint(1)
	passes, _ := e.store.Passes(1, 0)
	if len(snaps)+len(actions)+len(passes) != 0 || !cp.UpdatedSince.IsZero() {
		t.Errorf("dry run wrote to the store: %d snapshots, %d actions, %d passes, checkpoint %v", len(snaps), len(actions), len(passes), cp)
	}
}

// TestCheck evaluates one dossier and plans, writing nothing anywhere.
func TestCheck(t *testing.T) {
	e := newEnv(t, envOptions{})
	r, err := e.syncer(nil).Check(context.Background(), 1, dossierMissingOrganigram)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict.Complete || !r.Verdict.Has(rules.MissingOrganigram) || !r.Changed || len(r.Actions) != 2 {
		t.Fatalf("check = %+v", r)
	}
	snaps, _ := e.store.Snapshots(1)
	if len(e.mutations()) != 0 || len(snaps) != 0 {
		t.Error("check wrote something")
	}
}

// TestDeletions: deleted and binned dossiers are marked, journaled once,
// and their pending actions are dropped, not sent.
func TestDeletions(t *testing.T) {
	e := newEnv(t, envOptions{})
	s := e.syncer(nil)
	mustSync(t, s)
	e.admin(http.MethodDelete, "/_sandbox/dossiers/2", nil, nil)
	e.admin(http.MethodPost, "/_sandbox/dossiers/3/hide", nil, nil)
	r := mustSync(t, s)
	if !slices.Equal(r.Deleted, []int{2, 3}) {
		t.Fatalf("deleted = %v", r.Deleted)
	}
	for _, n := range []int{2, 3} {
		snap, err := e.store.Snapshot(1, n)
		if err != nil || !snap.Deleted {
			t.Errorf("dossier %d: %+v %v", n, snap, err)
		}
	}
	if r := mustSync(t, s); len(r.Deleted) != 0 {
		t.Errorf("deletions reported again: %v", r.Deleted)
	}
	j, _ := e.store.Journal(1, 2, 0)
	if j[0].Kind != "deleted" {
		t.Errorf("journal of dossier 2: %+v", j[0])
	}
	// A reminder would be due: the deleted dossier gets none.
	before := len(e.mutations())
	e.advance(8 * 24 * time.Hour)
	mustSync(t, s)
	if got := dossierMutations(e.mutations()[before:], 2); len(got) != 0 {
		t.Errorf("deleted dossier written to: %v", byName(got))
	}
}

// TestAttachmentsFetchedOncePerChecksum: attachments are downloaded once
// per content, and reused from the snapshot when the dossier is evaluated
// again; stale URLs are refreshed by reading the dossier again.
func TestAttachmentsFetchedOncePerChecksum(t *testing.T) {
	e := newEnv(t, envOptions{})
	s := e.syncer(nil)
	mustSync(t, s)
	first := e.count.take()["download"]
	if first == 0 {
		t.Fatal("no attachment downloaded")
	}
	if _, err := s.SyncDossier(context.Background(), 1, dossierWithGoodGrid, "cli"); err != nil {
		t.Fatal(err)
	}
	if got := e.count.take()["download"]; got != 0 {
		t.Errorf("re-evaluation downloaded %d files", got)
	}
	// A new Syncer (empty memory cache) whose clock says the URLs are old.
	late := e.syncer(func(o *Options) {
		o.Now = func() time.Time { return e.srv.Now().Add(time.Hour) }
		o.Store = e.store
	})
	e.upsert(map[string]any{"number": 2, "champs": []any{champOf(e, dossierWithGoodGrid, "audit_grid")}})
	if _, err := late.Sync(context.Background(), 1, "cli"); err != nil {
		t.Fatal(err)
	}
	got := e.count.take()
	if got["Dossier"] == 0 || got["download"] == 0 {
		t.Errorf("stale urls: requests %v, want the dossier read again before downloading", got)
	}
	snap, _ := e.store.Snapshot(1, 2)
	if snap.Level == "" {
		t.Errorf("grid not read after the refresh: %+v", snap.Findings)
	}
}

// TestPassHistory: each pass is recorded with its outcome and counts.
func TestPassHistory(t *testing.T) {
	e := newEnv(t, envOptions{N: 5})
	s := e.syncer(nil)
	mustSync(t, s)
	passes, err := e.store.Passes(1, 0)
	if err != nil || len(passes) != 1 || passes[0].Outcome != store.OutcomeSuccess || passes[0].Evaluated == 0 {
		t.Fatalf("passes = %+v, %v", passes, err)
	}
}

// TestUnknownAnnotationMapped: an annotation mapped to a descriptor the
// démarche lacks is a config error: it is left out (and logged), the other
// annotations are written, and no dossier is failed for it.
func TestUnknownAnnotationMapped(t *testing.T) {
	e := newEnv(t, envOptions{N: 5, Configure: func(d *config.Demarche) {
		d.Annotations[config.AnnotationStatus] = "Q2hhbXAtOTk5" // Champ-999
	}})
	r := mustSync(t, e.syncer(nil))
	if r.Failed+r.Parked != 0 || byName(e.mutations())["dossierModifierAnnotations"] == 0 {
		t.Fatalf("report:\n%s", r.String())
	}
	for _, m := range e.mutations() {
		if len(m.Errors) > 0 {
			t.Errorf("refused mutation %s: %v", m.Name, m.Errors)
		}
	}
}
