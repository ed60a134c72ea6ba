package store

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"
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

// A state walk reads every field of a snapshot but its three raw parts.
func TestForEachSnapshotStateSkipsRawParts(t *testing.T) {
	s := openTest(t)
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	full := Snapshot{Number: 4, DossierID: "RG9zc2llci00", State: "en_instruction", DateDerniereModification: at,
		InputsHash: "h", FileChecksums: map[string]string{"audit_grid": "c"}, GroupeNumber: 2,
		Candidacy: json.RawMessage(`{"Service":"local"}`), Verdict: json.RawMessage(`{"complete":false}`),
		Extra: json.RawMessage(`{"audit_date":"2026-06-18"}`), Level: "bronze", Status: "incomplet",
		Findings: []string{"PIECES_MISSING"}, Deadlines: map[string]string{"deposit_due": "2026-05-18"},
		Failures: 1, LastError: "x", Reminders: 2, LastMessageAt: at, Annotations: map[string]string{"status": "incomplet"}}
	if _, err := s.SaveSnapshotAndPlan(7, full, nil, nil); err != nil {
		t.Fatal(err)
	}
	var got []Snapshot
	if err := s.ForEachSnapshotState(7, func(snap Snapshot) bool { got = append(got, snap); return true }); err != nil {
		t.Fatal(err)
	}
	want := full
	want.Candidacy, want.Verdict, want.Extra = nil, nil, nil
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("read %+v\nwant %+v", got, want)
	}
}
