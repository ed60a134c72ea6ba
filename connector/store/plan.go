package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.etcd.io/bbolt"
)

// SaveSnapshotAndPlan records, in one transaction, the new snapshot of a
// dossier, the actions its verdict calls for, and the journal entries that
// explain them: either all of it is written or none. An action whose key is
// already in the outbox (pending, done or parked) is left as it is, neither
// duplicated nor reset, which makes planning the same verdict twice
// harmless. Prune keeps the keys of the done actions it lightens. Actions default to the pending state and to the snapshot's
// dossier; journal entries default to that dossier too. It returns how many
// actions were new.
func (s *Store) SaveSnapshotAndPlan(demarche int, snap Snapshot, actions []Action, journal []JournalEntry) (int, error) {
	added := 0
	err := s.update(func(tx *bbolt.Tx) error {
		if err := putSnapshot(tx, demarche, snap); err != nil {
			return err
		}
		if err := s.fail("snapshot"); err != nil {
			return err
		}
		var err error
		if added, err = s.planActions(tx, demarche, snap.Number, actions); err != nil {
			return err
		}
		if err := appendJournal(tx, demarche, withDossier(journal, snap.Number)); err != nil {
			return err
		}
		return s.fail("journal")
	})
	if err != nil {
		return 0, fmt.Errorf("save dossier %d of démarche %d: %w", snap.Number, demarche, err)
	}
	return added, nil
}

// planActions adds the actions whose key is not in the outbox yet.
func (s *Store) planActions(tx *bbolt.Tx, demarche, dossier int, actions []Action) (int, error) {
	b, err := writeSub(tx, demarche, bucketOutbox)
	if err != nil {
		return 0, err
	}
	added := 0
	for _, a := range actions {
		if a.Key == "" {
			return 0, errors.New("action without a key")
		}
		if b.Get([]byte(a.Key)) != nil {
			continue
		}
		a = withActionDefaults(a, dossier)
		if prefix := strconv.Itoa(a.Dossier) + "/"; !strings.HasPrefix(a.Key, prefix) {
			return 0, fmt.Errorf("action key %q: expected it to begin with %q, its dossier", a.Key, prefix)
		}
		if err := putJSON(b, []byte(a.Key), a); err != nil {
			return 0, fmt.Errorf("action %s: %w", a.Key, err)
		}
		if err := indexOpen(tx, demarche, a); err != nil {
			return 0, fmt.Errorf("action %s: %w", a.Key, err)
		}
		added++
		if err := s.fail("action"); err != nil {
			return 0, err
		}
	}
	return added, nil
}

func withActionDefaults(a Action, dossier int) Action {
	if a.State == "" {
		a.State = ActionPending
	}
	if a.Dossier == 0 {
		a.Dossier = dossier
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = a.CreatedAt
	}
	return a
}

// withDossier returns a copy of entries where dossier fills the missing dossier.
func withDossier(entries []JournalEntry, dossier int) []JournalEntry {
	out := append([]JournalEntry(nil), entries...)
	for i := range out {
		if out[i].Dossier == 0 {
			out[i].Dossier = dossier
		}
	}
	return out
}
