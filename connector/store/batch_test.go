package store

import "testing"

func TestSaveSnapshotsAndPlans(t *testing.T) {
	s := openTest(t)
	plans := []Plan{
		{Snapshot: Snapshot{Number: 1}, Actions: []Action{{Key: "1/message/a", Kind: KindMessage, CreatedAt: t0}},
			Journal: []JournalEntry{{At: t0, Kind: "evaluated"}}},
		{Snapshot: Snapshot{Number: 2}, Actions: []Action{{Key: "2/message/b", Kind: KindMessage, CreatedAt: t0}}},
	}
	added, err := s.SaveSnapshotsAndPlans(1, plans)
	if err != nil || added != 2 {
		t.Fatalf("added %d, err %v", added, err)
	}
	j, _ := s.Journal(1, 1, 0)
	if added, _ := s.SaveSnapshotsAndPlans(1, plans); added != 0 {
		t.Errorf("replay added %d actions", added)
	}
	pending, _ := s.PendingActions(1)
	if len(pending) != 2 || pending[0].Dossier != 1 || len(j) != 1 || j[0].Dossier != 1 {
		t.Errorf("pending %+v journal %+v", pending, j)
	}
	bad := []Plan{{Snapshot: Snapshot{Number: 3}}, {Snapshot: Snapshot{Number: 4}, Actions: []Action{{Kind: KindMessage}}}}
	if _, err := s.SaveSnapshotsAndPlans(1, bad); err == nil {
		t.Fatal("an action without a key was accepted")
	}
	if _, err := s.Snapshot(1, 3); err == nil {
		t.Error("a failed batch wrote its first dossier")
	}
}
