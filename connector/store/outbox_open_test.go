package store

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// The open-actions index follows every change of state, so that the
// executor and /metrics never read the done actions of past years.
func TestOpenActionsIndex(t *testing.T) {
	s := openTest(t)
	_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 1}, []Action{
		{Key: "1/message/a", Kind: KindMessage, CreatedAt: t0},
		{Key: "1/annotations/b", Kind: KindAnnotations, CreatedAt: t0},
		{Key: "12/message/c", Dossier: 12, Kind: KindMessage, CreatedAt: t0},
	}, nil)
	must(t, err)
	counts := func(wantPending, wantParked int) {
		t.Helper()
		p, k, err := s.OpenCounts(3)
		if err != nil || p != wantPending || k != wantParked {
			t.Errorf("OpenCounts = %d pending, %d parked, %v; want %d, %d", p, k, err, wantPending, wantParked)
		}
	}
	counts(3, 0)
	must(t, s.MarkDone(3, "1/message/a", t0))
	counts(2, 0)
	_, err = s.MarkFailed(3, "12/message/c", "HTTP 502", 1, t0)
	must(t, err)
	counts(1, 1)
	if pending, _ := s.PendingActions(3); keys(pending) != "1/annotations/b" {
		t.Errorf("PendingActions = %s", keys(pending))
	}
	must(t, s.Requeue(3, "1/message/a", t0))
	counts(2, 1)

	// A dossier's actions are found by key prefix: dossier 1 is not 12.
	if got, _ := s.Actions(3, 1); keys(got) != "1/annotations/b 1/message/a" {
		t.Errorf("Actions(3, 1) = %s", keys(got))
	}
	if got, _ := s.Actions(3, 12); keys(got) != "12/message/c" {
		t.Errorf("Actions(3, 12) = %s", keys(got))
	}
	if p, k, err := s.OpenCounts(99); err != nil || p+k != 0 {
		t.Errorf("OpenCounts of an unknown démarche = %d, %d, %v", p, k, err)
	}
}

func TestActionKeyMustNameItsDossier(t *testing.T) {
	s := openTest(t)
	_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 7}, []Action{{Key: "message/x", Kind: KindMessage}}, nil)
	if err == nil || !strings.Contains(err.Error(), `action key "message/x": expected it to begin with "7/"`) {
		t.Fatalf("SaveSnapshotAndPlan = %v", err)
	}
}

func TestPruneLightensOldDoneActionsAndDeletesEntries(t *testing.T) {
	s := openTest(t)
	old, recent := t0, t0.AddDate(4, 0, 0)
	body := json.RawMessage(`{"body":"Bonjour, il manque l'organigramme."}`)
	_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 5}, []Action{
		{Key: "5/message/old-done", Kind: KindMessage, CreatedAt: old, Payload: body},
		{Key: "5/message/recent-done", Kind: KindMessage, CreatedAt: old, Payload: body},
		{Key: "5/message/old-pending", Kind: KindMessage, CreatedAt: old, Payload: body},
		{Key: "5/message/old-parked", Kind: KindMessage, CreatedAt: old, Payload: body},
	}, []JournalEntry{{At: old, Kind: "evaluated"}})
	must(t, err)
	must(t, s.MarkDone(3, "5/message/old-done", old))
	must(t, s.MarkDone(3, "5/message/recent-done", recent))
	_, err = s.MarkFailed(3, "5/message/old-parked", "HTTP 403", 1, old)
	must(t, err)
	must(t, s.AppendJournal(3, JournalEntry{Dossier: 5, At: recent, Kind: "done"}))

	actions, entries, err := s.Prune(3, recent.Add(-time.Hour))
	must(t, err)
	if actions != 1 || entries != 1 {
		t.Errorf("Prune = %d actions, %d entries; want 1, 1", actions, entries)
	}
	for _, a := range mustActions(t, s, 5) {
		stripped := len(a.Payload) == 0
		if stripped != (a.Key == "5/message/old-done") {
			t.Errorf("action %s (%s): payload %q after Prune", a.Key, a.State, a.Payload)
		}
		if a.Key == "5/message/old-done" && (a.State != ActionDone || !a.UpdatedAt.Equal(old) || a.Kind != KindMessage) {
			t.Errorf("pruned action lost its record: %+v", a)
		}
	}
	if got, _ := s.Journal(3, 5, 0); len(got) != 1 || got[0].Kind != "done" {
		t.Errorf("journal left = %+v", got)
	}
	// The pruned action's key still stops it from being planned again.
	n, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 5}, []Action{{Key: "5/message/old-done", Kind: KindMessage, CreatedAt: recent}}, nil)
	if err != nil || n != 0 {
		t.Errorf("planning a pruned key again = %d new, %v; want 0", n, err)
	}
	if again, _, _ := s.Prune(3, recent.Add(-time.Hour)); again != 0 {
		t.Errorf("a second Prune touched %d actions again", again)
	}
	if a, _, err := s.Prune(77, recent); err != nil || a != 0 {
		t.Errorf("Prune of an unknown démarche = %d, %v", a, err)
	}
}

func mustActions(t *testing.T, s *Store, dossier int) []Action {
	t.Helper()
	out, err := s.Actions(3, dossier)
	must(t, err)
	return out
}

// An index entry whose action is missing (which this package never writes)
// names nothing to do; it must not stop the passes.
func TestStaleOpenIndexEntryIsSkipped(t *testing.T) {
	s := openTest(t)
	_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 5}, []Action{{Key: "5/message/a", Kind: KindMessage, CreatedAt: t0}}, nil)
	must(t, err)
	must(t, s.update(func(tx *bbolt.Tx) error {
		open, err := writeSub(tx, 3, bucketOutboxOpen)
		if err != nil {
			return err
		}
		return open.Put([]byte("5/message/ghost"), []byte{})
	}))
	if pending, err := s.PendingActions(3); err != nil || keys(pending) != "5/message/a" {
		t.Errorf("PendingActions = %s, %v", keys(pending), err)
	}
}

func TestMigrateV3ToV4IndexesOpenActions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	writeRaw(t, path, func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		must(t, meta.Put(keyVersion, u64(3)))
		root, _ := tx.CreateBucket(bucketDemarches)
		d, _ := root.CreateBucket(u64(3))
		for _, name := range [][]byte{bucketDossiers, bucketOutbox, bucketJournal, bucketJournalByDossier, bucketPasses} {
			_, _ = d.CreateBucket(name)
		}
		for key, state := range map[string]string{"4/message/a": ActionDone, "4/message/b": ActionPending, "4/state/c": ActionParked} {
			v, _ := json.Marshal(Action{Key: key, Dossier: 4, Kind: KindMessage, State: state})
			must(t, d.Bucket(bucketOutbox).Put([]byte(key), v))
		}
		return nil
	})
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	if p, k, err := s.OpenCounts(3); err != nil || p != 1 || k != 1 {
		t.Errorf("OpenCounts after migration = %d, %d, %v; want 1, 1", p, k, err)
	}
	if pending, _ := s.PendingActions(3); keys(pending) != "4/message/b" {
		t.Errorf("PendingActions after migration = %s", keys(pending))
	}
}
