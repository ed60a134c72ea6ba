package store

import (
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
		b, err := readSub(tx, demarche, bucketDossiers)
		if err != nil {
			return err
		}
		out, err = collect[Snapshot](b, false, 0, nil)
		return err
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

func getSnapshot(tx *bbolt.Tx, demarche, number int) (Snapshot, error) {
	key, err := numberKey("dossier", number)
	if err != nil {
		return Snapshot{}, err
	}
	b, err := readSub(tx, demarche, bucketDossiers)
	if err != nil {
		return Snapshot{}, err
	}
	var snap Snapshot
	found, err := getJSON(b, key, &snap)
	if err == nil && !found {
		err = ErrNotFound
	}
	return snap, err
}

func putSnapshot(tx *bbolt.Tx, demarche int, snap Snapshot) error {
	key, err := numberKey("dossier", snap.Number)
	if err != nil {
		return err
	}
	b, err := writeSub(tx, demarche, bucketDossiers)
	if err != nil {
		return err
	}
	data, err := compressJSON(snap)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}
