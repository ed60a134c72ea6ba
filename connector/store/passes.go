package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// StartPass records the start of a pass and returns it with its ID and the
// running outcome. p needs Start and Trigger (and Dossier for a
// one-dossier pass). Passes of one démarche never overlap, so a pass still
// running is one the process never finished: it is marked interrupted.
func (s *Store) StartPass(demarche int, p Pass) (Pass, error) {
	if p.Start.IsZero() || p.Trigger == "" {
		return Pass{}, fmt.Errorf("start pass of démarche %d: expected a start time and a trigger", demarche)
	}
	err := s.update(func(tx *bbolt.Tx) error {
		b, err := writeSub(tx, demarche, bucketPasses)
		if err != nil {
			return err
		}
		if err := interruptRunning(b); err != nil {
			return err
		}
		if p.ID, err = b.NextSequence(); err != nil {
			return fmt.Errorf("pass sequence: %w", err)
		}
		p.Outcome, p.End = OutcomeRunning, time.Time{}
		return putJSON(b, u64(p.ID), p)
	})
	if err != nil {
		return Pass{}, fmt.Errorf("start pass of démarche %d: %w", demarche, err)
	}
	return p, nil
}

// interruptRunning marks the last pass interrupted if it is still running.
func interruptRunning(b *bbolt.Bucket) error {
	k, _ := b.Cursor().Last()
	if k == nil {
		return nil
	}
	var last Pass
	if _, err := getJSON(b, k, &last); err != nil || last.Outcome != OutcomeRunning {
		return err
	}
	last.Outcome = OutcomeInterrupted
	return putJSON(b, k, last)
}

// FinishPass records the end of pass p (an ID from StartPass) with its
// counts and outcome, and trims the history to Options.KeepPasses.
func (s *Store) FinishPass(demarche int, p Pass) error {
	if err := checkFinished(p); err != nil {
		return fmt.Errorf("finish pass %d of démarche %d: %w", p.ID, demarche, err)
	}
	err := s.update(func(tx *bbolt.Tx) error {
		b, err := readSub(tx, demarche, bucketPasses)
		if err != nil {
			return err
		}
		if b == nil || b.Get(u64(p.ID)) == nil {
			return ErrNotFound
		}
		if err := putJSON(b, u64(p.ID), p); err != nil {
			return err
		}
		return trimPasses(b, s.opts.KeepPasses)
	})
	if err != nil {
		return fmt.Errorf("finish pass %d of démarche %d: %w", p.ID, demarche, err)
	}
	return nil
}

func checkFinished(p Pass) error {
	switch {
	case p.ID == 0:
		return errors.New("expected the ID StartPass gave")
	case p.End.IsZero() || p.End.Before(p.Start):
		return fmt.Errorf("expected an end time not before the start %s, got %s", p.Start, p.End)
	case p.Outcome == "" || p.Outcome == OutcomeRunning:
		return fmt.Errorf("expected a final outcome, got %q", p.Outcome)
	}
	return nil
}

// trimPasses deletes the passes older than the last keep: IDs come from
// the bucket's sequence, so they are those numbered up to sequence-keep.
func trimPasses(b *bbolt.Bucket, keep int) error {
	last := b.Sequence()
	if last <= uint64(keep) {
		return nil
	}
	c := b.Cursor()
	for k, _ := c.First(); k != nil && binary.BigEndian.Uint64(k) <= last-uint64(keep); k, _ = c.First() {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Passes returns the newest passes of démarche first, at most limit when
// limit > 0.
func (s *Store) Passes(demarche, limit int) ([]Pass, error) {
	var out []Pass
	err := s.view(func(tx *bbolt.Tx) error {
		b, err := readSub(tx, demarche, bucketPasses)
		if err != nil {
			return err
		}
		out, err = collect[Pass](b, true, limit, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list passes of démarche %d: %w", demarche, err)
	}
	return out, nil
}
