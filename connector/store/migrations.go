package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"
)

// migration brings the file from version-1 to version.
type migration struct {
	version int
	name    string
	apply   func(tx *bbolt.Tx) error
	// prepare, when set, runs before apply's transaction, in transactions
	// of its own: work too big for one transaction (which holds all it
	// writes until it commits) that leaves the file valid at version-1.
	// apply must finish whatever prepare did not do, or did before a crash.
	prepare func(s *Store) error
}

// migrations are applied in order; append, never edit or reorder: files
// in the field hold the version number of the last one they went through.
var migrations = []migration{
	{version: 1, name: "create the meta and demarches buckets", apply: migrateV1},
	{version: 2, name: "add the run history and index the journal by dossier", apply: migrateV2},
	{version: 3, name: "compress the snapshots", apply: migrateV3},
	{version: 4, name: "index the open outbox actions", apply: migrateV4},
	{version: 5, name: "key the snapshots by first sighting", apply: migrateV5, prepare: copySnapshotsV5},
}

// SchemaVersion is the schema version this binary writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

// migrate checks the file's version and applies the pending migrations in
// order, each with its new version in one transaction of its own (after
// its prepare step), so that no transaction holds more than one
// migration's writes and a crash leaves the file at a version it had or
// passed through, every one of them valid.
func (s *Store) migrate() error {
	var current int
	err := s.view(func(tx *bbolt.Tx) (err error) {
		current, err = readVersion(tx)
		return err
	})
	switch {
	case err != nil:
		return err
	case current > SchemaVersion():
		return fmt.Errorf("store schema v%d is newer than this binary (v%d)", current, SchemaVersion())
	case current == SchemaVersion():
		return nil
	case s.opts.ReadOnly:
		return fmt.Errorf("store schema v%d needs migrating to v%d: open it once read-write", current, SchemaVersion())
	}
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		if m.prepare != nil {
			if err := m.prepare(s); err != nil {
				return fmt.Errorf("prepare the store schema v%d (%s): %w", m.version, m.name, err)
			}
		}
		if err := s.update(func(tx *bbolt.Tx) error { return applyMigrations(tx, []migration{m}) }); err != nil {
			return err
		}
	}
	return nil
}

// applyMigrations runs the migrations newer than the file's version and
// records the last one's version.
func applyMigrations(tx *bbolt.Tx, ms []migration) error {
	current, err := readVersion(tx)
	if err != nil {
		return err
	}
	last := current
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := m.apply(tx); err != nil {
			return fmt.Errorf("migrate store schema to v%d (%s): %w", m.version, m.name, err)
		}
		last = m.version
	}
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return errors.New("migrations left no meta bucket")
	}
	return meta.Put(keyVersion, u64(uint64(last)))
}

// readVersion returns the schema version of the file: 0 for an empty file.
// A file with buckets but no meta bucket was not written by spplus.
func readVersion(tx *bbolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		if k, _ := tx.Cursor().First(); k != nil {
			return 0, fmt.Errorf("not a spplus store: it has a %q bucket and no meta bucket", k)
		}
		return 0, nil
	}
	v := meta.Get(keyVersion)
	if len(v) != 8 {
		return 0, fmt.Errorf("meta/version: expected 8 bytes, got %d", len(v))
	}
	return int(binary.BigEndian.Uint64(v)), nil
}

// migrateV1 creates the top-level buckets. Démarche buckets are created on
// first write, since the démarches are not known in advance.
func migrateV1(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketDemarches} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create %s bucket: %w", name, err)
		}
	}
	return nil
}

// migrateV2 adds each démarche's passes bucket and builds the
// journal_by_dossier index from the journal written so far.
func migrateV2(tx *bbolt.Tx) error {
	return forEachDemarche(tx, func(k []byte, d *bbolt.Bucket) error {
		if _, err := d.CreateBucketIfNotExists(bucketPasses); err != nil {
			return fmt.Errorf("démarche %s: create passes bucket: %w", keyNumber(k), err)
		}
		index, err := d.CreateBucketIfNotExists(bucketJournalByDossier)
		if err != nil {
			return fmt.Errorf("démarche %s: create journal index: %w", keyNumber(k), err)
		}
		return indexJournal(d.Bucket(bucketJournal), index)
	})
}

// indexJournal adds every entry of journal to the per-dossier index.
func indexJournal(journal, index *bbolt.Bucket) error {
	if journal == nil {
		return nil
	}
	return journal.ForEach(func(k, v []byte) error {
		var e struct {
			Dossier int `json:"dossier"`
		}
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("journal entry %x: %w", k, err)
		}
		if len(k) != 8 {
			return fmt.Errorf("journal key %x: expected 8 bytes", k)
		}
		if e.Dossier < 1 {
			return nil
		}
		return index.Put(journalIndexKey(e.Dossier, binary.BigEndian.Uint64(k)), []byte{})
	})
}

// journalIndexKey is the dossier number then the sequence, both big-endian.
func journalIndexKey(dossier int, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(u64(uint64(dossier)), seq)
}

// migrateV3 compresses every snapshot (see codec.go). The stored JSON is
// compressed as it is, not decoded and encoded again, so that nothing a
// newer field may hold is lost.
func migrateV3(tx *bbolt.Tx) error {
	return forEachDemarche(tx, func(k []byte, d *bbolt.Bucket) error {
		dossiers := d.Bucket(bucketDossiers)
		if dossiers == nil {
			return nil
		}
		var keys, values [][]byte // written once the walk ends (putDossiers)
		err := dossiers.ForEach(func(key, v []byte) error {
			if compressed(v) {
				return nil
			}
			z, err := compress(v)
			if err != nil {
				return fmt.Errorf("démarche %s dossier %s: %w", keyNumber(k), keyNumber(key), err)
			}
			keys, values = append(keys, bytes.Clone(key)), append(values, z)
			return nil
		})
		if err != nil {
			return err
		}
		return putDossiers(dossiers, k, keys, values)
	})
}

// putDossiers writes values at the dossier keys of démarche k's bucket b,
// once a walk over b has collected them: bbolt forbids writing a bucket
// while a cursor walks it.
func putDossiers(b *bbolt.Bucket, k []byte, keys, values [][]byte) error {
	for i, key := range keys {
		if err := b.Put(key, values[i]); err != nil {
			return fmt.Errorf("démarche %s dossier %s: %w", keyNumber(k), keyNumber(key), err)
		}
	}
	return nil
}

// migrateV4 creates each démarche's outbox_open bucket and indexes the
// actions not done yet.
func migrateV4(tx *bbolt.Tx) error {
	return forEachDemarche(tx, func(k []byte, d *bbolt.Bucket) error {
		open, err := d.CreateBucketIfNotExists(bucketOutboxOpen)
		if err != nil {
			return fmt.Errorf("démarche %s: create outbox_open bucket: %w", keyNumber(k), err)
		}
		outbox := d.Bucket(bucketOutbox)
		if outbox == nil {
			return nil
		}
		return outbox.ForEach(func(key, v []byte) error {
			var a struct {
				State string `json:"state"`
			}
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("démarche %s action %s: %w", keyNumber(k), key, err)
			}
			if a.State == ActionDone {
				return nil
			}
			return open.Put(key, []byte{})
		})
	})
}

// migrateV5 puts every snapshot in the snapshots bucket, under a sequence
// given in number order, and makes the dossiers bucket map each number to
// its sequence (see dossiers.go). copySnapshotsV5 has copied the snapshots
// already, in transactions of their own, so that this one, which holds
// all it writes until it commits, only rewrites the index; it copies here
// what that left out or what changed since (a crash between the two, or a
// v4 binary run in between), and drops what is left of an earlier attempt
// past the last dossier. Values move as they are.
func migrateV5(tx *bbolt.Tx) error {
	return forEachDemarche(tx, func(k []byte, d *bbolt.Bucket) error {
		snapshots, err := d.CreateBucketIfNotExists(bucketSnapshots)
		if err != nil {
			return fmt.Errorf("démarche %s: create snapshots bucket: %w", keyNumber(k), err)
		}
		dossiers := d.Bucket(bucketDossiers)
		if dossiers == nil {
			return nil
		}
		snapshots.FillPercent = 1
		var numbers, at [][]byte // the index, written once the walk ends (putDossiers)
		var seq uint64
		err = dossiers.ForEach(func(key, v []byte) error {
			seq++
			if !bytes.Equal(snapshots.Get(u64(seq)), v) {
				if err := snapshots.Put(u64(seq), v); err != nil {
					return fmt.Errorf("démarche %s dossier %s: %w", keyNumber(k), keyNumber(key), err)
				}
			}
			numbers, at = append(numbers, bytes.Clone(key)), append(at, u64(seq))
			return nil
		})
		if err == nil {
			err = dropFrom(snapshots, u64(seq+1))
		}
		if err == nil {
			err = snapshots.SetSequence(seq)
		}
		if err != nil {
			return fmt.Errorf("démarche %s: %w", keyNumber(k), err)
		}
		return putDossiers(dossiers, k, numbers, at)
	})
}

// migrateBatch is how many snapshots copySnapshotsV5 copies per transaction.
var migrateBatch = 1000

// copySnapshotsV5 copies the snapshots of a v4 file into each démarche's
// snapshots bucket, under sequences given in number order, migrateBatch
// per transaction: the v4 layout stays whole meanwhile (a v4 binary
// ignores the new bucket), and migrateV5's transaction is left with the
// index only. It starts again from the first dossier each time.
func copySnapshotsV5(s *Store) error {
	var demarches [][]byte
	err := s.view(func(tx *bbolt.Tx) error {
		return forEachDemarche(tx, func(k []byte, _ *bbolt.Bucket) error {
			demarches = append(demarches, bytes.Clone(k))
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, k := range demarches {
		var after []byte // the last dossier key copied
		var seq uint64
		for done := false; !done; {
			err := s.update(func(tx *bbolt.Tx) error {
				d := tx.Bucket(bucketDemarches).Bucket(k)
				dossiers := d.Bucket(bucketDossiers)
				if dossiers == nil {
					done = true
					return nil
				}
				snapshots, err := d.CreateBucketIfNotExists(bucketSnapshots)
				if err != nil {
					return err
				}
				snapshots.FillPercent = 1
				c := dossiers.Cursor()
				key, v := c.First()
				if after != nil {
					if key, v = c.Seek(after); bytes.Equal(key, after) {
						key, v = c.Next()
					}
				}
				for n := 0; n < migrateBatch && key != nil; n++ {
					seq++
					if err := snapshots.Put(u64(seq), v); err != nil {
						return fmt.Errorf("dossier %s: %w", keyNumber(key), err)
					}
					after = bytes.Clone(key)
					key, v = c.Next()
				}
				done = key == nil
				return nil
			})
			if err != nil {
				return fmt.Errorf("démarche %s: copy snapshots: %w", keyNumber(k), err)
			}
		}
	}
	return nil
}

// dropFrom deletes the keys of b from key from on.
func dropFrom(b *bbolt.Bucket, from []byte) error {
	var stale [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(from); k != nil; k, _ = c.Next() {
		stale = append(stale, bytes.Clone(k))
	}
	for _, k := range stale {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// keyNumber reads a démarche or dossier key back as its number, for
// messages; a key of another length is shown as hex.
func keyNumber(k []byte) string {
	if len(k) != 8 {
		return fmt.Sprintf("%x", k)
	}
	return fmt.Sprint(binary.BigEndian.Uint64(k))
}

// forEachDemarche calls fn with the key and bucket of every démarche.
func forEachDemarche(tx *bbolt.Tx, fn func(k []byte, d *bbolt.Bucket) error) error {
	root := tx.Bucket(bucketDemarches)
	if root == nil {
		return errors.New("no demarches bucket")
	}
	return root.ForEachBucket(func(k []byte) error { return fn(k, root.Bucket(k)) })
}
