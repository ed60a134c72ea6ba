package store

import (
	"errors"
	"testing"
	"time"
)

func TestCheckpoint(t *testing.T) {
	s := openTest(t)
	cp, err := s.Checkpoint(3)
	if err != nil || !cp.UpdatedSince.IsZero() {
		t.Fatalf("Checkpoint of a new démarche = %+v, %v; want the zero value", cp, err)
	}
	want := Checkpoint{UpdatedSince: t0, LastPassStart: t0.Add(time.Minute), LastSuccess: t0.Add(2 * time.Minute), Cursor: "abc"}
	must(t, s.SetCheckpoint(3, want))
	cp, err = s.Checkpoint(3)
	if err != nil || !cp.UpdatedSince.Equal(want.UpdatedSince) || cp.Cursor != "abc" || !cp.LastSuccess.Equal(want.LastSuccess) {
		t.Errorf("Checkpoint = %+v, %v; want %+v", cp, err, want)
	}
	must(t, s.SetCheckpoint(1, Checkpoint{}))
	if got, err := s.Demarches(); err != nil || len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Errorf("Demarches() = %v, %v", got, err)
	}
}

func TestSnapshotsAndNotFound(t *testing.T) {
	s := openTest(t)
	if _, err := s.Snapshot(3, 12); !errors.Is(err, ErrNotFound) {
		t.Errorf("Snapshot of an unknown dossier = %v, want ErrNotFound", err)
	}
	for _, n := range []int{300, 12, 45} {
		_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: n}, nil, nil)
		must(t, err)
	}
	snaps, err := s.Snapshots(3)
	must(t, err)
	if len(snaps) != 3 || snaps[0].Number != 12 || snaps[1].Number != 45 || snaps[2].Number != 300 {
		t.Errorf("Snapshots = %+v, want them by number", snaps)
	}
	if snaps, err := s.Snapshots(4); err != nil || len(snaps) != 0 {
		t.Errorf("Snapshots of an unknown démarche = %v, %v", snaps, err)
	}
}

func TestRecordFailureQuarantines(t *testing.T) {
	s := openTest(t)
	for i := 1; i <= 3; i++ {
		snap, err := s.RecordFailure(3, 12, "invalid_null", 3, t0.Add(time.Duration(i)))
		must(t, err)
		if snap.Failures != i || snap.Quarantined != (i == 3) || snap.LastError != "invalid_null" {
			t.Errorf("after failure %d: %+v", i, snap)
		}
	}
	must(t, s.ClearQuarantine(3, 12))
	snap, err := s.Snapshot(3, 12)
	must(t, err)
	if snap.Failures != 0 || snap.Quarantined || snap.LastError != "" || !snap.FailedAt.IsZero() {
		t.Errorf("after ClearQuarantine: %+v", snap)
	}
	if err := s.ClearQuarantine(3, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("ClearQuarantine of an unknown dossier = %v", err)
	}
}

func TestMarkDeleted(t *testing.T) {
	s := openTest(t)
	_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 12, Level: "or"}, nil, nil)
	must(t, err)
	must(t, s.MarkDeleted(3, 12, t0))
	snap, err := s.Snapshot(3, 12)
	must(t, err)
	if !snap.Deleted || !snap.DeletedAt.Equal(t0) || snap.Level != "or" {
		t.Errorf("after MarkDeleted: %+v", snap)
	}
	if err := s.MarkDeleted(3, 13, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkDeleted of an unknown dossier = %v, want ErrNotFound", err)
	}
}
