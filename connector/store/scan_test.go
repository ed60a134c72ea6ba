package store

import (
	"slices"
	"testing"
)

func TestForEachSnapshot(t *testing.T) {
	s := openTest(t)
	for _, n := range []int{3, 1, 2} {
		if _, err := s.SaveSnapshotAndPlan(7, Snapshot{Number: n, State: "en_construction"}, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	var got []int
	if err := s.ForEachSnapshot(7, func(snap Snapshot) bool { got = append(got, snap.Number); return true }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("visited %v, want 1 2 3", got)
	}
	got = nil
	_ = s.ForEachSnapshot(7, func(snap Snapshot) bool { got = append(got, snap.Number); return false })
	if len(got) != 1 {
		t.Errorf("stop: visited %v", got)
	}
	if err := s.ForEachSnapshot(8, func(Snapshot) bool { t.Error("empty démarche visited"); return true }); err != nil {
		t.Errorf("unknown démarche: %v", err)
	}
}
