package store

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

// writeV1Fixture writes démarche 3 the way a v1 binary did: no passes
// bucket, no journal index, three journal entries.
func writeV1Fixture(t *testing.T, path string) {
	t.Helper()
	put := func(b *bbolt.Bucket, k []byte, v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return b.Put(k, data)
	}
	writeRaw(t, path, func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		must(t, meta.Put(keyVersion, u64(1)))
		root, _ := tx.CreateBucket(bucketDemarches)
		d, _ := root.CreateBucket(u64(3))
		must(t, put(d, keyCheckpoint, map[string]any{"updated_since": t0}))
		dossiers, _ := d.CreateBucket(bucketDossiers)
		must(t, put(dossiers, u64(12), map[string]any{"number": 12, "state": "en_construction", "level": "argent"}))
		outbox, _ := d.CreateBucket(bucketOutbox)
		must(t, put(outbox, []byte("12/message/3f9c2a"), map[string]any{"key": "12/message/3f9c2a", "dossier": 12, "state": "pending"}))
		journal, _ := d.CreateBucket(bucketJournal)
		for i, dossier := range []int{12, 0, 13} {
			seq, _ := journal.NextSequence()
			must(t, put(journal, u64(seq), map[string]any{"seq": seq, "dossier": dossier, "kind": "evaluated", "at": t0.AddDate(0, 0, i)}))
		}
		return nil
	})
}

func TestMigrateV1ToV2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	writeV1Fixture(t, path)
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()

	if snap, err := s.Snapshot(3, 12); err != nil || snap.Level != "argent" {
		t.Errorf("Snapshot after migration = %+v, %v", snap, err)
	}
	if cp, err := s.Checkpoint(3); err != nil || !cp.UpdatedSince.Equal(t0) {
		t.Errorf("Checkpoint after migration = %+v, %v", cp, err)
	}
	// v2 indexes the old journal by dossier.
	got, err := s.Journal(3, 12, 0)
	if err != nil || len(got) != 1 || got[0].Seq != 1 {
		t.Errorf("Journal(3, 12) after migration = %+v, %v", got, err)
	}
	if got, _ := s.Journal(3, 13, 0); len(got) != 1 || got[0].Seq != 3 {
		t.Errorf("Journal(3, 13) after migration = %+v", got)
	}
	// v2 adds the run history; the sequence of the old journal continues.
	if _, err := s.StartPass(3, Pass{Start: t0, Trigger: TriggerCLI}); err != nil {
		t.Errorf("StartPass after migration: %v", err)
	}
	must(t, s.AppendJournal(3, JournalEntry{Dossier: 12, Kind: "done", At: t0}))
	if got, _ := s.Journal(3, 12, 0); len(got) != 2 || got[0].Seq != 4 {
		t.Errorf("Journal(3, 12) after an append = %+v", got)
	}
	must(t, s.Close())
	if v := fileVersion(t, path); v != SchemaVersion() {
		t.Errorf("version after migration = %d, want %d", v, SchemaVersion())
	}
}

// TestMigrationsAllOrNothing checks that a failing migration leaves the
// file at its old version with nothing of the migration in it.
func TestMigrationsAllOrNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	writeV1Fixture(t, path)
	db, err := bbolt.Open(path, 0o600, nil)
	must(t, err)
	failing := append(append([]migration(nil), migrations...), migration{3, "fail", func(*bbolt.Tx) error {
		return errBoom
	}})
	if err := db.Update(func(tx *bbolt.Tx) error { return applyMigrations(tx, failing) }); err == nil {
		t.Fatal("applyMigrations ignored a failing migration")
	}
	must(t, db.View(func(tx *bbolt.Tx) error {
		if v, _ := readVersion(tx); v != 1 {
			t.Errorf("version = %d after a failed migration, want 1", v)
		}
		if tx.Bucket(bucketDemarches).Bucket(u64(3)).Bucket(bucketPasses) != nil {
			t.Error("v2's passes bucket survived the failed transaction")
		}
		return nil
	}))
	must(t, db.Close())
}

func TestMigrationsOrdered(t *testing.T) {
	for i, m := range migrations {
		if m.version != i+1 || m.name == "" || m.apply == nil {
			t.Errorf("migrations[%d] = v%d %q: want v%d, named, with a function", i, m.version, m.name, i+1)
		}
	}
}
