package store

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
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
	failing := append(append([]migration(nil), migrations...), migration{version: 3, name: "fail", apply: func(*bbolt.Tx) error {
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

// writeV4Fixture writes démarche 3 the way a v4 binary did: snapshots
// keyed by number. It also leaves a snapshots bucket behind, as an
// interrupted attempt at the v5 migration followed by a v4 binary would: a
// stale copy of the first snapshot and one past the last. It returns the
// stored values by number.
func writeV4Fixture(t *testing.T, path string) map[int][]byte {
	t.Helper()
	stored := map[int][]byte{}
	writeRaw(t, path, func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		must(t, meta.Put(keyVersion, u64(4)))
		root, _ := tx.CreateBucket(bucketDemarches)
		d, _ := root.CreateBucket(u64(3))
		for _, name := range [][]byte{bucketDossiers, bucketOutbox, bucketOutboxOpen, bucketJournal, bucketJournalByDossier, bucketPasses} {
			_, _ = d.CreateBucket(name)
		}
		for _, n := range []int{30, 4, 12} {
			z, err := compressJSON(Snapshot{Number: n, Level: "bronze", Reminders: n})
			must(t, err)
			stored[n] = z
			must(t, d.Bucket(bucketDossiers).Put(u64(uint64(n)), z))
		}
		stale, _ := d.CreateBucket(bucketSnapshots)
		must(t, stale.Put(u64(1), []byte("stale")))
		must(t, stale.Put(u64(9), []byte("left over")))
		return nil
	})
	return stored
}

// checkV5 checks démarche 3 of a file migrated from writeV4Fixture, to
// which dossier 7 was then added: snapshots by number, values unchanged,
// sequences in number order and the new one after them, nothing else.
func checkV5(t *testing.T, path string, stored map[int][]byte) {
	t.Helper()
	s, err := Open(path, Options{})
	must(t, err)
	_, err = s.SaveSnapshotsAndPlans(3, []Plan{{Snapshot: Snapshot{Number: 7, Level: "or"}}})
	must(t, err)
	all, err := s.Snapshots(3)
	must(t, err)
	must(t, s.Close())
	var got []int
	for _, snap := range all {
		got = append(got, snap.Number)
		if snap.Number != 7 && (snap.Level != "bronze" || snap.Reminders != snap.Number) {
			t.Errorf("dossier %d read back as %+v", snap.Number, snap)
		}
	}
	if !slices.Equal(got, []int{4, 7, 12, 30}) {
		t.Errorf("Snapshots = %v, want 4 7 12 30 (by number)", got)
	}
	for n, want := range stored {
		if raw := rawSnapshot(t, path, 3, n); !bytes.Equal(raw, want) {
			t.Errorf("dossier %d: the migration changed its stored value", n)
		}
	}
	want := map[int]uint64{4: 1, 12: 2, 30: 3, 7: 4}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	must(t, err)
	defer db.Close()
	must(t, db.View(func(tx *bbolt.Tx) error {
		d, _ := readDemarche(tx, 3)
		for n, seq := range want {
			if at := d.Bucket(bucketDossiers).Get(u64(uint64(n))); !bytes.Equal(at, u64(seq)) {
				t.Errorf("dossier %d at snapshot %x, want %d", n, at, seq)
			}
		}
		if n := d.Bucket(bucketSnapshots).Stats().KeyN; n != len(want) {
			t.Errorf("%d snapshots stored, want %d", n, len(want))
		}
		return nil
	}))
}

// Schema v5 keys snapshots by first sighting (dossiers.go). Open copies
// a v4 file's snapshots a batch per transaction (two of them here), then
// rewrites the index in the migration's transaction.
func TestMigrateV4ToV5KeysSnapshotsBySighting(t *testing.T) {
	defer func(n int) { migrateBatch = n }(migrateBatch)
	migrateBatch = 2
	path := filepath.Join(t.TempDir(), "spplus.db")
	stored := writeV4Fixture(t, path)
	checkV5(t, path, stored)
}

// The migration's transaction alone, without the batched copy (a crash
// between the two, or a file several versions behind), still gives the
// same store.
func TestMigrateV5WithoutItsBatchedCopy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	stored := writeV4Fixture(t, path)
	writeRaw(t, path, func(tx *bbolt.Tx) error { return applyMigrations(tx, migrations) })
	checkV5(t, path, stored)
}
