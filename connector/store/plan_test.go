package store

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

var errBoom = errors.New("boom")

func planFixture() (Snapshot, []Action, []JournalEntry) {
	snap := Snapshot{Number: 12, State: "en_construction", Level: "bronze", EvaluatedAt: t0,
		Findings: []string{"MISSING_ORGANIGRAM"}, Verdict: json.RawMessage(`{"complete":false}`)}
	actions := []Action{
		{Key: "12/annotations/aa", Kind: KindAnnotations, Payload: json.RawMessage(`{"status":"incomplet"}`), CreatedAt: t0},
		{Key: "12/message/3f9c2a", Kind: KindMessage, CreatedAt: t0},
	}
	journal := []JournalEntry{{At: t0, Kind: "evaluated", Rule: "MISSING_ORGANIGRAM"}}
	return snap, actions, journal
}

func TestSaveSnapshotAndPlan(t *testing.T) {
	s := openTest(t)
	snap, actions, journal := planFixture()
	added, err := s.SaveSnapshotAndPlan(3, snap, actions, journal)
	if err != nil || added != 2 {
		t.Fatalf("SaveSnapshotAndPlan = %d, %v; want 2 actions added", added, err)
	}
	got, err := s.Snapshot(3, 12)
	must(t, err)
	if !reflect.DeepEqual(got, snap) {
		t.Errorf("Snapshot = %+v\nwant %+v", got, snap)
	}
	if journal[0].Dossier != 0 {
		t.Error("SaveSnapshotAndPlan changed the caller's journal entries")
	}
	// Values are copies: rewriting and growing the file leaves them intact.
	for n := 1; n <= 200; n++ {
		_, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: 12 + n%2, Verdict: json.RawMessage(`{"x":"` + strings.Repeat("x", 50*n) + `"}`)}, nil, nil)
		must(t, err)
	}
	if !reflect.DeepEqual(got, snap) || string(got.Verdict) != `{"complete":false}` {
		t.Errorf("a snapshot read earlier changed: %+v", got)
	}
	pending, err := s.PendingActions(3)
	must(t, err)
	if len(pending) != 2 || pending[0].State != ActionPending || pending[0].Dossier != 12 || !pending[0].UpdatedAt.Equal(t0) {
		t.Errorf("PendingActions = %+v", pending)
	}
	entries, err := s.Journal(3, 12, 0)
	must(t, err)
	if len(entries) != 1 || entries[0].Dossier != 12 || entries[0].Seq != 1 {
		t.Errorf("Journal = %+v", entries)
	}
}

// TestPlanDoesNotDuplicateOrReset plans the same verdict again after one
// action was done and another failed: neither is reset nor added twice.
func TestPlanDoesNotDuplicateOrReset(t *testing.T) {
	s := openTest(t)
	snap, actions, journal := planFixture()
	_, err := s.SaveSnapshotAndPlan(3, snap, actions, journal)
	must(t, err)
	must(t, s.MarkDone(3, actions[0].Key, t0.Add(1)))
	_, err = s.MarkFailed(3, actions[1].Key, "timeout", 5, t0.Add(2))
	must(t, err)
	actions = append(actions, Action{Key: "12/state/instruction", Kind: KindState, CreatedAt: t0}, actions[0])
	added, err := s.SaveSnapshotAndPlan(3, snap, actions, nil)
	if err != nil || added != 1 {
		t.Fatalf("second plan added %d (%v), want only the new action", added, err)
	}
	all, err := s.Actions(3, 0)
	must(t, err)
	states := map[string]string{}
	for _, a := range all {
		states[a.Key] = a.State
	}
	want := map[string]string{"12/annotations/aa": ActionDone, "12/message/3f9c2a": ActionPending, "12/state/instruction": ActionPending}
	if !reflect.DeepEqual(states, want) {
		t.Errorf("states = %v, want %v", states, want)
	}
	if a, _ := s.Action(3, "12/message/3f9c2a"); a.Attempts != 1 || a.LastError != "timeout" {
		t.Errorf("the failed action was reset: %+v", a)
	}
}

// TestSaveSnapshotAndPlanAllOrNothing fails the transaction after each of
// its writes and checks that nothing at all was written.
func TestSaveSnapshotAndPlanAllOrNothing(t *testing.T) {
	for _, step := range []string{"snapshot", "action", "journal"} {
		t.Run(step, func(t *testing.T) {
			s := openTest(t)
			s.failpoint = func(at string) error {
				if at == step {
					return errBoom
				}
				return nil
			}
			snap, actions, journal := planFixture()
			if _, err := s.SaveSnapshotAndPlan(3, snap, actions, journal); !errors.Is(err, errBoom) {
				t.Fatalf("SaveSnapshotAndPlan = %v, want the injected failure", err)
			}
			s.failpoint = nil
			assertEmpty(t, s, 3)
		})
	}
}

func TestSaveSnapshotAndPlanRejects(t *testing.T) {
	s := openTest(t)
	snap, _, _ := planFixture()
	if _, err := s.SaveSnapshotAndPlan(3, snap, []Action{{Kind: KindMessage}}, nil); err == nil {
		t.Error("an action without a key was accepted")
	}
	if _, err := s.SaveSnapshotAndPlan(3, Snapshot{}, nil, nil); err == nil {
		t.Error("a snapshot without a number was accepted")
	}
	assertEmpty(t, s, 3)
}

// assertEmpty checks that démarche holds no snapshot, action or journal entry.
func assertEmpty(t *testing.T, s *Store, demarche int) {
	t.Helper()
	snaps, err := s.Snapshots(demarche)
	must(t, err)
	actions, err := s.Actions(demarche, 0)
	must(t, err)
	journal, err := s.Journal(demarche, 0, 0)
	must(t, err)
	if len(snaps)+len(actions)+len(journal) != 0 {
		t.Errorf("store holds %d snapshots, %d actions, %d journal entries; want none", len(snaps), len(actions), len(journal))
	}
}
