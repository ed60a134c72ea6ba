package store

import (
	"bytes"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// AppendJournal adds entries to the journal of démarche; the store numbers
// them (Seq) in order.
func (s *Store) AppendJournal(demarche int, entries ...JournalEntry) error {
	err := s.update(func(tx *bbolt.Tx) error { return appendJournal(tx, demarche, entries) })
	if err != nil {
		return fmt.Errorf("append to the journal of démarche %d: %w", demarche, err)
	}
	return nil
}

func appendJournal(tx *bbolt.Tx, demarche int, entries []JournalEntry) error {
	if len(entries) == 0 {
		return nil
	}
	d, err := writeDemarche(tx, demarche)
	if err != nil {
		return err
	}
	journal, index := d.Bucket(bucketJournal), d.Bucket(bucketJournalByDossier)
	// Sequence keys only ever grow: pages filled to the brim stay so.
	journal.FillPercent = 1
	for _, e := range entries {
		if e.Seq, err = journal.NextSequence(); err != nil {
			return fmt.Errorf("journal sequence: %w", err)
		}
		if err := putJSON(journal, u64(e.Seq), e); err != nil {
			return err
		}
		if e.Dossier > 0 {
			if err := index.Put(journalIndexKey(e.Dossier, e.Seq), []byte{}); err != nil {
				return fmt.Errorf("journal index: %w", err)
			}
		}
	}
	return nil
}

// Journal returns the newest entries of démarche first, those of one
// dossier only when dossier > 0, at most limit of them when limit > 0.
func (s *Store) Journal(demarche, dossier, limit int) ([]JournalEntry, error) {
	var out []JournalEntry
	err := s.view(func(tx *bbolt.Tx) error {
		d, err := readDemarche(tx, demarche)
		if d == nil || err != nil {
			return err
		}
		if dossier <= 0 {
			out, err = collect[JournalEntry](d.Bucket(bucketJournal), true, limit, nil)
			return err
		}
		out, err = dossierJournal(d, dossier, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the journal of démarche %d: %w", demarche, err)
	}
	return out, nil
}

// dossierJournal walks the index backwards from the end of the dossier's
// key range, so that the newest entries come first.
func dossierJournal(d *bbolt.Bucket, dossier, limit int) ([]JournalEntry, error) {
	journal, index := d.Bucket(bucketJournal), d.Bucket(bucketJournalByDossier)
	prefix := u64(uint64(dossier))
	c := index.Cursor()
	k, _ := c.Seek(u64(uint64(dossier) + 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	var out []JournalEntry
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		var e JournalEntry
		found, err := getJSON(journal, k[8:], &e)
		if err != nil {
			return nil, err
		}
		if !found {
			continue
		}
		if out = append(out, e); limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, nil
}

// pruneJournal deletes the entries older than before and their index
// entries (Prune calls it), and returns how many it deleted. Entries are
// keyed in the order they were written, so the walk stops at the first
// one not old enough, and reads only what it needs of each: under the
// default retention, a daily prune reads one entry for years. An entry
// written late with an earlier time waits for the next prune.
func pruneJournal(journal, index *bbolt.Bucket, before time.Time) (int, error) {
	type entryTime struct {
		Seq     uint64    `json:"seq"`
		At      time.Time `json:"at"`
		Dossier int       `json:"dossier"`
	}
	var old []entryTime
	err := forEachJSON(journal, false, func(_ []byte, e entryTime) bool {
		if !e.At.Before(before) {
			return false
		}
		old = append(old, e)
		return true
	})
	for _, e := range old {
		if err == nil {
			err = journal.Delete(u64(e.Seq))
		}
		if err == nil && e.Dossier > 0 {
			err = index.Delete(journalIndexKey(e.Dossier, e.Seq))
		}
	}
	return len(old), err
}
