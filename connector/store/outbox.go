package store

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"
)

// PendingActions returns the actions of démarche waiting to be made, oldest
// first (then by key), the order the executor should follow.
func (s *Store) PendingActions(demarche int) ([]Action, error) {
	out, err := s.listActions(demarche, func(a Action) bool { return a.State == ActionPending })
	if err != nil {
		return nil, fmt.Errorf("list pending actions of démarche %d: %w", demarche, err)
	}
	slices.SortStableFunc(out, func(a, b Action) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Key, b.Key))
	})
	return out, nil
}

// Actions returns the actions of démarche in any state, by key; those of
// one dossier only when dossier > 0.
func (s *Store) Actions(demarche, dossier int) ([]Action, error) {
	out, err := s.listActions(demarche, func(a Action) bool { return dossier <= 0 || a.Dossier == dossier })
	if err != nil {
		return nil, fmt.Errorf("list actions of démarche %d: %w", demarche, err)
	}
	return out, nil
}

func (s *Store) listActions(demarche int, keep func(Action) bool) ([]Action, error) {
	var out []Action
	err := s.view(func(tx *bbolt.Tx) error {
		b, err := readSub(tx, demarche, bucketOutbox)
		if err != nil {
			return err
		}
		out, err = collect(b, false, 0, keep)
		return err
	})
	return out, err
}

// Action returns the action with key, or an error matching ErrNotFound.
func (s *Store) Action(demarche int, key string) (Action, error) {
	var a Action
	err := s.view(func(tx *bbolt.Tx) error {
		b, err := readSub(tx, demarche, bucketOutbox)
		if err != nil {
			return err
		}
		found, err := getJSON(b, []byte(key), &a)
		if err == nil && !found {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return Action{}, fmt.Errorf("démarche %d action %s: %w", demarche, key, err)
	}
	return a, nil
}

// MarkDone records that DS confirmed the action. Marking a done action
// again changes nothing.
func (s *Store) MarkDone(demarche int, key string, at time.Time) error {
	_, err := s.changeAction(demarche, key, func(a *Action) {
		if a.State == ActionDone {
			return
		}
		a.State, a.LastError, a.UpdatedAt = ActionDone, "", at
	})
	return err
}

// MarkFailed records a failed attempt with its error; the action is parked
// once it failed parkAfter times (parkAfter <= 0: never), so that it stops
// being retried and blocks nothing. It returns the updated action.
func (s *Store) MarkFailed(demarche int, key, errMsg string, parkAfter int, at time.Time) (Action, error) {
	return s.changeAction(demarche, key, func(a *Action) {
		a.Attempts++
		a.LastError, a.UpdatedAt = errMsg, at
		if a.State == ActionPending && parkAfter > 0 && a.Attempts >= parkAfter {
			a.State = ActionParked
		}
	})
}

// Requeue makes a parked (or done) action pending again with no attempts,
// for a human who fixed what made it fail.
func (s *Store) Requeue(demarche int, key string, at time.Time) error {
	_, err := s.changeAction(demarche, key, func(a *Action) {
		a.State, a.Attempts, a.UpdatedAt = ActionPending, 0, at
	})
	return err
}

// changeAction applies change to an existing action in one transaction.
func (s *Store) changeAction(demarche int, key string, change func(*Action)) (Action, error) {
	var a Action
	err := s.update(func(tx *bbolt.Tx) error {
		b, err := readSub(tx, demarche, bucketOutbox)
		if err != nil {
			return err
		}
		found, err := getJSON(b, []byte(key), &a)
		if err == nil && !found {
			err = ErrNotFound
		}
		if err != nil {
			return err
		}
		change(&a)
		return putJSON(b, []byte(key), a)
	})
	if err != nil {
		return Action{}, fmt.Errorf("démarche %d action %s: %w", demarche, key, err)
	}
	return a, nil
}
