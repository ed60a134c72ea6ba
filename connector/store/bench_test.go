package store

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkSaveSnapshotAndPlan measures one dossier's commit with fsync,
// the cost the connector pays per evaluated dossier.
func BenchmarkSaveSnapshotAndPlan(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	verdict := json.RawMessage(`{"complete":true,"level":"argent","findings":[]}`)
	n := 0
	for b.Loop() {
		n++
		snap := Snapshot{Number: n, Verdict: verdict, EvaluatedAt: t0}
		actions := []Action{{Key: fmt.Sprintf("%d/annotations/x", n), Kind: KindAnnotations, CreatedAt: t0}}
		if _, err := s.SaveSnapshotAndPlan(1, snap, actions, []JournalEntry{{At: t0, Kind: "evaluated"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSnapshots measures reading 1000 snapshots, what status does.
func BenchmarkSnapshots(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for n := 1; n <= 1000; n++ {
		snap := Snapshot{Number: n, Findings: []string{"MISSING_ORGANIGRAM"}, Deadlines: map[string]string{"report_due": "2026-07-06"}}
		if _, err := s.SaveSnapshotAndPlan(1, snap, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if snaps, err := s.Snapshots(1); err != nil || len(snaps) != 1000 {
			b.Fatal(len(snaps), err)
		}
	}
}
