package store

import (
	"fmt"

	"go.etcd.io/bbolt"
)

// ForEachSnapshot calls fn with every snapshot of démarche, by dossier
// number, decoding one at a time, so that scanning many dossiers (the
// connector's reminder and retry scan, once per pass) does not hold them
// all in memory as Snapshots does. fn runs inside a read transaction: it
// must not call the Store (a write would wait for this read to end). It
// stops the scan by returning false.
func (s *Store) ForEachSnapshot(demarche int, fn func(Snapshot) bool) error {
	return scanSnapshots(s, demarche, fn)
}

// ForEachSnapshotState is ForEachSnapshot without each snapshot's
// Candidacy, Verdict and Extra, three quarters of it: what a walk over every
// dossier that only needs their state, level, failures and message dates
// reads (the connector's scan, the metrics' counts). Skipping them costs
// no allocation.
func (s *Store) ForEachSnapshotState(demarche int, fn func(Snapshot) bool) error {
	return scanSnapshots(s, demarche, func(snap snapshotState) bool { return fn(snap.Snapshot) })
}

// scanSnapshots walks the snapshots of démarche in a read transaction,
// decoded as T.
func scanSnapshots[T any](s *Store, demarche int, fn func(T) bool) error {
	err := s.view(func(tx *bbolt.Tx) error { return walkSnapshots(tx, demarche, fn) })
	if err != nil {
		return fmt.Errorf("scan dossiers of démarche %d: %w", demarche, err)
	}
	return nil
}

// snapshotState decodes a Snapshot but for its three raw parts: a field
// of the outer struct hides the embedded field of the same JSON name.
type snapshotState struct {
	Snapshot
	Candidacy skipped `json:"candidacy"`
	Verdict   skipped `json:"verdict"`
	Extra     skipped `json:"extra"`
}

// skipped reads a JSON value and keeps nothing of it.
type skipped struct{}

// UnmarshalJSON implements json.Unmarshaler.
func (skipped) UnmarshalJSON([]byte) error { return nil }
