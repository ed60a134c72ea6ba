package store

import (
	"errors"
	"testing"
	"time"
)

func TestOutbox(t *testing.T) {
	s := openTest(t)
	actions := []Action{
		{Key: "20/message/b", Dossier: 20, Kind: KindMessage, CreatedAt: t0.Add(2 * time.Second)},
		{Key: "12/message/a", Kind: KindMessage, CreatedAt: t0.Add(time.Second)},
		{Key: "12/annotations/z", Kind: KindAnnotations, CreatedAt: t0.Add(time.Second)},
	}
	_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 12}, actions, nil)
	must(t, err)

	pending, err := s.PendingActions(3)
	must(t, err)
	if keys(pending) != "12/annotations/z 12/message/a 20/message/b" {
		t.Errorf("PendingActions order = %s, want oldest first, then by key", keys(pending))
	}
	if got, _ := s.Actions(3, 20); keys(got) != "20/message/b" {
		t.Errorf("Actions(3, 20) = %s", keys(got))
	}

	must(t, s.MarkDone(3, "12/message/a", t0.Add(time.Hour)))
	must(t, s.MarkDone(3, "12/message/a", t0.Add(2*time.Hour)))
	if a, _ := s.Action(3, "12/message/a"); a.State != ActionDone || !a.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("after MarkDone twice: %+v", a)
	}

	for i := 1; i <= 2; i++ {
		a, err := s.MarkFailed(3, "20/message/b", "HTTP 502", 2, t0.Add(time.Duration(i)*time.Minute))
		must(t, err)
		if a.Attempts != i || a.LastError != "HTTP 502" || (a.State == ActionParked) != (i == 2) {
			t.Errorf("after failure %d: %+v", i, a)
		}
	}
	if pending, _ := s.PendingActions(3); keys(pending) != "12/annotations/z" {
		t.Errorf("PendingActions = %s, want the parked and done ones left out", keys(pending))
	}
	must(t, s.Requeue(3, "20/message/b", t0.Add(time.Hour)))
	if a, _ := s.Action(3, "20/message/b"); a.State != ActionPending || a.Attempts != 0 {
		t.Errorf("after Requeue: %+v", a)
	}
}

func TestOutboxNotFound(t *testing.T) {
	s := openTest(t)
	if err := s.MarkDone(3, "nope", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkDone = %v", err)
	}
	if _, err := s.MarkFailed(3, "nope", "x", 1, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkFailed = %v", err)
	}
	if _, err := s.Action(3, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Action = %v", err)
	}
	if err := s.Requeue(3, "nope", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("Requeue = %v", err)
	}
}

func keys(actions []Action) string {
	s := ""
	for i, a := range actions {
		if i > 0 {
			s += " "
		}
		s += a.Key
	}
	return s
}
