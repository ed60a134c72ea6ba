package store

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"go.etcd.io/bbolt"
)

// PendingActions returns the actions of démarche waiting to be made, oldest
// first (then by key), the order the executor should follow. It reads the
// open-actions index, not the whole outbox, which keeps the done actions
// of years.
func (s *Store) PendingActions(demarche int) ([]Action, error) {
	var out []Action
	err := s.view(func(tx *bbolt.Tx) error {
		return forEachOpen(tx, demarche, func(a Action) {
			if a.State == ActionPending {
				out = append(out, a)
			}
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list pending actions of démarche %d: %w", demarche, err)
	}
	slices.SortStableFunc(out, func(a, b Action) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Key, b.Key))
	})
	return out, nil
}

// OpenCounts counts the actions of démarche waiting to be made (pending)
// and waiting for a human (parked), from the open-actions index.
func (s *Store) OpenCounts(demarche int) (pending, parked int, err error) {
	err = s.view(func(tx *bbolt.Tx) error {
		return forEachOpen(tx, demarche, func(a Action) {
			switch a.State {
			case ActionPending:
				pending++
			case ActionParked:
				parked++
			}
		})
	})
	if err != nil {
		return 0, 0, fmt.Errorf("count open actions of démarche %d: %w", demarche, err)
	}
	return pending, parked, nil
}

// forEachOpen calls fn with every action the open-actions index names.
func forEachOpen(tx *bbolt.Tx, demarche int, fn func(Action)) error {
	d, err := readDemarche(tx, demarche)
	if d == nil || err != nil {
		return err
	}
	outbox, open := d.Bucket(bucketOutbox), d.Bucket(bucketOutboxOpen)
	if outbox == nil || open == nil {
		return nil
	}
	return open.ForEach(func(k, _ []byte) error {
		var a Action
		found, err := getJSON(outbox, k, &a)
		if err != nil {
			return fmt.Errorf("action %s: %w", k, err)
		}
		// An entry without its action cannot be written by this package
		// (both change in one transaction); should one appear, it names
		// nothing to do, and must not stop every pass.
		if found {
			fn(a)
		}
		return nil
	})
}

// Actions returns the actions of démarche in any state, by key; those of
// one dossier only when dossier > 0 (found by their key prefix, without
// reading the others).
func (s *Store) Actions(demarche, dossier int) ([]Action, error) {
	var out []Action
	err := s.view(func(tx *bbolt.Tx) error {
		b, err := readSub(tx, demarche, bucketOutbox)
		if err != nil || b == nil {
			return err
		}
		if dossier <= 0 {
			out, err = collect[Action](b, false, 0, nil)
			return err
		}
		prefix := []byte(strconv.Itoa(dossier) + "/")
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var a Action
			if err := decodeValue(v, &a); err != nil {
				return fmt.Errorf("decode action %s: %w", k, err)
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list actions of démarche %d: %w", demarche, err)
	}
	return out, nil
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
		if err := putJSON(b, []byte(key), a); err != nil {
			return err
		}
		return indexOpen(tx, demarche, a)
	})
	if err != nil {
		return Action{}, fmt.Errorf("démarche %d action %s: %w", demarche, key, err)
	}
	return a, nil
}

// indexOpen keeps the open-actions index in step with an action's state:
// pending and parked actions are in it, done ones are not.
func indexOpen(tx *bbolt.Tx, demarche int, a Action) error {
	open, err := writeSub(tx, demarche, bucketOutboxOpen)
	if err != nil {
		return err
	}
	if a.State == ActionDone {
		return open.Delete([]byte(a.Key))
	}
	return open.Put([]byte(a.Key), []byte{})
}

// Prune lightens, for démarche, the done actions last changed before before
// and deletes the journal entries older than it, in one transaction, and
// returns how many of each it touched. A pruned action loses its payload
// and its last error, most of its size (a message's body), and keeps its
// key, kind, state and dates: the key still stops the same action from
// being planned again, which is what makes each message and decision
// happen once, however old. Pending and parked actions are left whole.
func (s *Store) Prune(demarche int, before time.Time) (actions, entries int, err error) {
	err = s.update(func(tx *bbolt.Tx) error {
		d, err := readDemarche(tx, demarche)
		if d == nil || err != nil {
			return err
		}
		if actions, err = pruneOutbox(d.Bucket(bucketOutbox), before); err != nil {
			return err
		}
		entries, err = pruneJournal(d.Bucket(bucketJournal), d.Bucket(bucketJournalByDossier), before)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("prune démarche %d: %w", demarche, err)
	}
	return actions, entries, nil
}

// pruneOutbox strips the done actions changed before before. bbolt forbids
// writing a bucket while a cursor walks it: collect first, then write.
func pruneOutbox(outbox *bbolt.Bucket, before time.Time) (int, error) {
	var old []Action
	err := forEachJSON(outbox, false, func(_ []byte, a Action) bool {
		if a.State == ActionDone && a.UpdatedAt.Before(before) && (len(a.Payload) > 0 || a.LastError != "") {
			old = append(old, a)
		}
		return true
	})
	for _, a := range old {
		if err != nil {
			break
		}
		a.Payload, a.LastError = nil, ""
		err = putJSON(outbox, []byte(a.Key), a)
	}
	return len(old), err
}
