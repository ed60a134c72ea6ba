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
	err := s.view(func(tx *bbolt.Tx) error {
		b, err := readSub(tx, demarche, bucketDossiers)
		if err != nil {
			return err
		}
		return forEachJSON(b, false, func(_ []byte, snap Snapshot) bool { return fn(snap) })
	})
	if err != nil {
		return fmt.Errorf("scan dossiers of démarche %d: %w", demarche, err)
	}
	return nil
}
