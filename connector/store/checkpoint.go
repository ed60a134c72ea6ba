package store

import (
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"
)

// Checkpoint returns where the sync of démarche stands; a démarche never
// synced has the zero Checkpoint (start from the beginning).
func (s *Store) Checkpoint(demarche int) (Checkpoint, error) {
	var cp Checkpoint
	err := s.view(func(tx *bbolt.Tx) error {
		d, err := readDemarche(tx, demarche)
		if err != nil {
			return err
		}
		_, err = getJSON(d, keyCheckpoint, &cp)
		return err
	})
	if err != nil {
		return Checkpoint{}, fmt.Errorf("read checkpoint of démarche %d: %w", demarche, err)
	}
	return cp, nil
}

// SetCheckpoint records where the sync of démarche stands. The connector
// calls it only once every dossier of the pass is durably processed.
func (s *Store) SetCheckpoint(demarche int, cp Checkpoint) error {
	err := s.update(func(tx *bbolt.Tx) error {
		d, err := writeDemarche(tx, demarche)
		if err != nil {
			return err
		}
		return putJSON(d, keyCheckpoint, cp)
	})
	if err != nil {
		return fmt.Errorf("set checkpoint of démarche %d: %w", demarche, err)
	}
	return nil
}

// Demarches returns the numbers of the démarches the store holds, in order.
func (s *Store) Demarches() ([]int, error) {
	var out []int
	err := s.view(func(tx *bbolt.Tx) error {
		root := tx.Bucket(bucketDemarches)
		if root == nil {
			return nil
		}
		return root.ForEachBucket(func(k []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("démarche key %x: expected 8 bytes", k)
			}
			out = append(out, int(binary.BigEndian.Uint64(k)))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list démarches: %w", err)
	}
	return out, nil
}
