package store

import (
	"bytes"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// Snapshot returns what the store holds on dossier number of démarche, or
// an error matching ErrNotFound.
func (s *Store) Snapshot(demarche, number int) (Snapshot, error) {
	var snap Snapshot
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		snap, err = getSnapshot(tx, demarche, number)
		return err
	})
	if err != nil {
		return Snapshot{}, fmt.Errorf("démarche %d dossier %d: %w", demarche, number, err)
	}
	return snap, nil
}

// Snapshots returns every snapshot of démarche, by dossier number.
func (s *Store) Snapshots(demarche int) ([]Snapshot, error) {
	var out []Snapshot
	err := s.view(func(tx *bbolt.Tx) error {
		return walkSnapshots(tx, demarche, func(snap Snapshot) bool {
			out = append(out, snap)
			return true
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list dossiers of démarche %d: %w", demarche, err)
	}
	return out, nil
}

// RecordFailure counts one more failure to process the dossier, keeps the
// error, and quarantines the dossier once it failed quarantineAfter times
// in a row. A dossier never seen gets a snapshot holding only the failure.
// It returns the updated snapshot.
func (s *Store) RecordFailure(demarche, number int, errMsg string, quarantineAfter int, at time.Time) (Snapshot, error) {
	return s.changeSnapshot(demarche, number, true, func(snap *Snapshot) {
		snap.Failures++
		snap.LastError = errMsg
		snap.FailedAt = at
		if quarantineAfter > 0 && snap.Failures >= quarantineAfter {
			snap.Quarantined = true
		}
	})
}

// ClearQuarantine lets a dossier be processed again: its failure count,
// last error and quarantine are reset.
func (s *Store) ClearQuarantine(demarche, number int) error {
	_, err := s.changeSnapshot(demarche, number, false, func(snap *Snapshot) {
		snap.Failures, snap.LastError, snap.Quarantined, snap.FailedAt = 0, "", false, time.Time{}
	})
	return err
}

// MarkDeleted records that the dossier was deleted on DS. A dossier the
// store never saw gives an error matching ErrNotFound.
func (s *Store) MarkDeleted(demarche, number int, at time.Time) error {
	_, err := s.changeSnapshot(demarche, number, false, func(snap *Snapshot) {
		snap.Deleted, snap.DeletedAt = true, at
	})
	return err
}

// changeSnapshot applies change to a snapshot in one transaction; create
// says whether a missing snapshot is created or is ErrNotFound.
func (s *Store) changeSnapshot(demarche, number int, create bool, change func(*Snapshot)) (Snapshot, error) {
	var snap Snapshot
	err := s.update(func(tx *bbolt.Tx) error {
		var err error
		snap, err = getSnapshot(tx, demarche, number)
		if err != nil && !(create && isNotFound(err)) {
			return err
		}
		snap.Number = number
		change(&snap)
		return putSnapshot(tx, demarche, snap)
	})
	if err != nil {
		return Snapshot{}, fmt.Errorf("démarche %d dossier %d: %w", demarche, number, err)
	}
	return snap, nil
}

// Snapshots are stored in the order dossiers were first seen, not by
// number (schema v5): the dossiers bucket maps a number to the key of its
// snapshot in the snapshots bucket, whose keys only grow. A first pass
// meets dossiers by modification date, in random number order; keyed by
// number, each snapshot landed in a random page, pages stayed two-thirds
// full, and the pass touched every page of the file, which is
// memory-mapped, so all of it was resident. Appended, snapshots fill their
// pages one after the other.

func getSnapshot(tx *bbolt.Tx, demarche, number int) (Snapshot, error) {
	key, err := numberKey("dossier", number)
	if err != nil {
		return Snapshot{}, err
	}
	d, err := readDemarche(tx, demarche)
	switch {
	case err != nil:
		return Snapshot{}, err
	case d == nil:
		return Snapshot{}, ErrNotFound
	}
	data, err := snapshotData(d.Bucket(bucketDossiers), d.Bucket(bucketSnapshots), key)
	switch {
	case err != nil:
		return Snapshot{}, err
	case data == nil:
		return Snapshot{}, ErrNotFound
	}
	var snap Snapshot
	if err := decodeValue(data, &snap); err != nil {
		return Snapshot{}, fmt.Errorf("decode %T: %w", snap, err)
	}
	return snap, nil
}

// snapshotData returns the stored snapshot of the dossier whose number key
// is key, given a démarche's index and snapshots buckets, or nil when it has
// none.
func snapshotData(index, snapshots *bbolt.Bucket, key []byte) ([]byte, error) {
	if index == nil {
		return nil, nil
	}
	at := index.Get(key)
	if at == nil {
		return nil, nil
	}
	return snapshotAt(snapshots, key, at)
}

// snapshotAt returns the snapshot stored at sequence key at, which the
// index gives for the dossier keyed key: it must be there.
func snapshotAt(snapshots *bbolt.Bucket, key, at []byte) ([]byte, error) {
	var data []byte
	if snapshots != nil {
		data = snapshots.Get(at)
	}
	if data == nil {
		return nil, fmt.Errorf("dossier %s: its snapshot %s is missing", keyNumber(key), keyNumber(at))
	}
	return data, nil
}

func putSnapshot(tx *bbolt.Tx, demarche int, snap Snapshot) error {
	key, err := numberKey("dossier", snap.Number)
	if err != nil {
		return err
	}
	d, err := writeDemarche(tx, demarche)
	if err != nil {
		return err
	}
	data, err := compressJSON(snap)
	if err != nil {
		return err
	}
	index, snapshots := d.Bucket(bucketDossiers), d.Bucket(bucketSnapshots)
	at := bytes.Clone(index.Get(key))
	if at == nil {
		seq, err := snapshots.NextSequence()
		if err != nil {
			return err
		}
		at = u64(seq)
		if err := index.Put(key, at); err != nil {
			return err
		}
		// Appended after the last key, where nothing will be inserted
		// before it: pages are filled before they split. bbolt applies the
		// setting to every page of the bucket this transaction writes, so
		// a snapshot updated in place in the same transaction may split
		// sooner when it grows; appends are most of the writes that count.
		snapshots.FillPercent = 1
	}
	return snapshots.Put(at, data)
}

// walkSnapshots decodes every snapshot of démarche as a T, by dossier
// number, and calls fn until it returns false. One decompression buffer
// serves the walk.
func walkSnapshots[T any](tx *bbolt.Tx, demarche int, fn func(T) bool) error {
	d, err := readDemarche(tx, demarche)
	if d == nil || err != nil {
		return err
	}
	index, snapshots := d.Bucket(bucketDossiers), d.Bucket(bucketSnapshots)
	if index == nil {
		return nil
	}
	var buf []byte
	c := index.Cursor()
	for key, at := c.First(); key != nil; key, at = c.Next() {
		data, err := snapshotAt(snapshots, key, at)
		if err != nil {
			return err
		}
		var v T
		if err := decodeValueBuf(data, &v, &buf); err != nil {
			return fmt.Errorf("decode dossier %s: %w", keyNumber(key), err)
		}
		if !fn(v) {
			return nil
		}
	}
	return nil
}
