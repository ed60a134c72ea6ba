package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
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

// A walk decompresses every snapshot into one buffer: a small snapshot
// read after a big one must not keep any of it.
func TestWalkReusesItsBufferSafely(t *testing.T) {
	s := openTest(t)
	big := json.RawMessage(`{"notes":"` + strings.Repeat("x", 64<<10) + `"}`)
	_, err := s.SaveSnapshotsAndPlans(7, []Plan{{Snapshot: Snapshot{Number: 1, Extra: big}}, {Snapshot: Snapshot{Number: 2, Level: "or"}}})
	must(t, err)
	var got []Snapshot
	must(t, s.ForEachSnapshot(7, func(snap Snapshot) bool { got = append(got, snap); return true }))
	if len(got) != 2 || !bytes.Equal(got[0].Extra, big) || got[1].Extra != nil || got[1].Level != "or" {
		t.Fatalf("read %d snapshots; the second is %+v", len(got), got[len(got)-1])
	}
}

// An index entry whose snapshot is gone (a damaged file) stops a walk with
// an error that names the dossier, instead of skipping it silently.
func TestWalkNamesAMissingSnapshot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	s, err := Open(path, Options{NoSync: true})
	must(t, err)
	_, err = s.SaveSnapshotsAndPlans(7, []Plan{{Snapshot: Snapshot{Number: 12}}})
	must(t, err)
	must(t, s.Close())
	writeRaw(t, path, func(tx *bbolt.Tx) error {
		d, err := readDemarche(tx, 7)
		if err != nil {
			return err
		}
		return d.Bucket(bucketSnapshots).Delete(u64(1))
	})
	s, err = Open(path, Options{NoSync: true})
	must(t, err)
	defer s.Close()
	err = s.ForEachSnapshot(7, func(Snapshot) bool { return true })
	if err == nil || !strings.Contains(err.Error(), "dossier 12: its snapshot 1 is missing") {
		t.Fatalf("walk over a damaged index: %v", err)
	}
	if _, err := s.Snapshot(7, 12); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("Snapshot over a damaged index: %v, want an error other than not found", err)
	}
}
