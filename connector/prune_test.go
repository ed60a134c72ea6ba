package connector

import (
	"testing"
	"time"

	"github.com/spplus/spplus/connector/store"
)

// TestPruneLightensOldActionsWithoutRepeatingThem: a complete pass prunes,
// at most once a day, the done actions and journal entries older than
// store.retention_days; the passes after that plan nothing already made,
// and send no message or decision twice.
func TestPruneLightensOldActionsWithoutRepeatingThem(t *testing.T) {
	e := newEnv(t, envOptions{Configure: allAuto})
	e.cfg.Store.RetentionDays = 30
	s := e.syncer(nil)
	mustSync(t, s)
	mustSync(t, s)
	first, err := e.store.Actions(1, 0)
	if err != nil || len(first) == 0 {
		t.Fatalf("actions after the first passes: %d, %v", len(first), err)
	}
	cp, _ := e.store.Checkpoint(1)
	if cp.LastPrune.IsZero() {
		t.Fatalf("LastPrune = %v, want set by the first complete pass", cp.LastPrune)
	}

	e.advance(40 * 24 * time.Hour)
	mustSync(t, s)
	left, err := e.store.Actions(1, 0)
	if err != nil {
		t.Fatal(err)
	}
	cutoff := e.srv.Now().AddDate(0, 0, -30)
	pruned := 0
	for _, a := range left {
		if a.State == store.ActionDone && a.UpdatedAt.Before(cutoff) {
			if len(a.Payload) > 0 {
				t.Errorf("action %s done %v, older than the retention, kept its payload", a.Key, a.UpdatedAt)
			}
			pruned++
		}
	}
	if pruned == 0 {
		t.Errorf("none of the %d actions of the first passes was pruned", len(first))
	}
	cp, _ = e.store.Checkpoint(1)
	if !cp.LastPrune.Equal(e.srv.Now()) {
		t.Errorf("LastPrune = %v, want %v", cp.LastPrune, e.srv.Now())
	}

	// Later passes, the same day and weeks after, repeat nothing.
	mustSync(t, s)
	if again, _ := e.store.Checkpoint(1); !again.LastPrune.Equal(cp.LastPrune) {
		t.Errorf("a second pass the same day pruned again (LastPrune %v then %v)", cp.LastPrune, again.LastPrune)
	}
	for range 3 {
		e.advance(40 * 24 * time.Hour)
		mustSync(t, s)
	}
	assertExactlyOnce(t, e.mutations())
}
