package store

import (
	"fmt"

	"go.etcd.io/bbolt"
)

// Plan is what SaveSnapshotAndPlan records for one dossier: its new
// snapshot, the actions it calls for and the journal entries explaining them.
type Plan struct {
	Snapshot Snapshot
	Actions  []Action
	Journal  []JournalEntry
}

// SaveSnapshotsAndPlans records several plans in one transaction, with the
// semantics of SaveSnapshotAndPlan for each: all of them are written or
// none. The connector saves a page of dossiers this way, paying one commit
// (and one fsync) per page instead of one per dossier. It returns how many
// actions were new.
func (s *Store) SaveSnapshotsAndPlans(demarche int, plans []Plan) (int, error) {
	added := 0
	err := s.update(func(tx *bbolt.Tx) error {
		for _, p := range plans {
			if err := putSnapshot(tx, demarche, p.Snapshot); err != nil {
				return fmt.Errorf("dossier %d: %w", p.Snapshot.Number, err)
			}
			n, err := s.planActions(tx, demarche, p.Snapshot.Number, p.Actions)
			if err != nil {
				return fmt.Errorf("dossier %d: %w", p.Snapshot.Number, err)
			}
			added += n
			if err := appendJournal(tx, demarche, withDossier(p.Journal, p.Snapshot.Number)); err != nil {
				return fmt.Errorf("dossier %d: %w", p.Snapshot.Number, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save %d dossiers of démarche %d: %w", len(plans), demarche, err)
	}
	return added, nil
}
