package store

import (
	"fmt"
	"testing"
	"time"
)

func TestJournal(t *testing.T) {
	s := openTest(t)
	var entries []JournalEntry
	for i, dossier := range []int{12, 13, 0, 12, 12, 130} {
		entries = append(entries, JournalEntry{At: t0.Add(time.Duration(i) * time.Hour), Dossier: dossier, Kind: "evaluated"})
	}
	must(t, s.AppendJournal(3, entries[:2]...))
	must(t, s.AppendJournal(3, entries[2:]...))
	must(t, s.AppendJournal(3))

	tests := []struct {
		dossier, limit int
		want           []uint64
	}{
		{0, 0, []uint64{6, 5, 4, 3, 2, 1}},
		{0, 2, []uint64{6, 5}},
		{12, 0, []uint64{5, 4, 1}},
		{12, 2, []uint64{5, 4}},
		{13, 0, []uint64{2}},
		{130, 0, []uint64{6}},
		{14, 0, nil},
	}
	for _, tt := range tests {
		got, err := s.Journal(3, tt.dossier, tt.limit)
		must(t, err)
		if seqs(got) != seqsOf(tt.want) {
			t.Errorf("Journal(3, %d, %d) = %v, want %v", tt.dossier, tt.limit, seqs(got), tt.want)
		}
	}
	if got, err := s.Journal(4, 0, 0); err != nil || len(got) != 0 {
		t.Errorf("Journal of an unknown démarche = %v, %v", got, err)
	}

	_, n, err := s.Prune(3, t0.Add(3*time.Hour+time.Second))
	if err != nil || n != 4 {
		t.Fatalf("Prune = %d entries, %v; want 4 deleted", n, err)
	}
	if got, _ := s.Journal(3, 0, 0); seqs(got) != seqsOf([]uint64{6, 5}) {
		t.Errorf("after pruning: %v", seqs(got))
	}
	if got, _ := s.Journal(3, 12, 0); seqs(got) != seqsOf([]uint64{5}) {
		t.Errorf("after pruning, dossier 12: %v", seqs(got))
	}
}

func seqs(entries []JournalEntry) string {
	out := make([]uint64, len(entries))
	for i, e := range entries {
		out[i] = e.Seq
	}
	return seqsOf(out)
}

func seqsOf(s []uint64) string { return fmt.Sprint(s) }
