package connector

import (
	"context"
	"slices"
	"testing"

	"github.com/spplus/spplus/graphql/sandbox"
)

// poisoned is a dossier whose node DS fails with invalid_null.
const poisoned = 7

// TestFaults runs passes through 429 storms, 5xx answers, latency,
// malformed bodies and a poisoned dossier: the passes end, nothing is lost
// or done twice, the poisoned dossier is quarantined after quarantine_after
// tries without blocking the others nor the checkpoint, and SyncDossier
// brings it back once DS serves it again.
func TestFaults(t *testing.T) {
	e := newEnv(t, envOptions{Attempts: 6, Configure: allAuto})
	// Periodic faults: a period that kept landing on the same action's try
	// in every pass would park it after quarantine_after tries, as repeated
	// DS errors should, which is not what this test is about.
	e.faults(sandbox.Faults{RateLimitEvery: 3, Error5xxEvery: 5, MalformedEvery: 11, LatencyMS: 1, PoisonDossiers: []int{poisoned}})
	s := e.syncer(nil)
	ctx := context.Background()
	var last PassReport
	for i := 0; i < 8; i++ {
		last, _ = s.Sync(ctx, 1, "cron")
	}
	if !slices.Contains(quarantined(t, e), poisoned) {
		t.Fatalf("dossier %d not quarantined\n%s", poisoned, last.String())
	}
	e.faults(sandbox.Faults{})
	r := mustSync(t, s)
	if !r.CheckpointMoved {
		t.Errorf("the quarantined dossier holds the checkpoint back\n%s", r.String())
	}
	assertExactlyOnce(t, e.mutations())
	if got := quarantined(t, e); len(got) != 1 {
		t.Errorf("quarantined %v, want only %d", got, poisoned)
		for _, n := range got {
			snap, _ := e.store.Snapshot(1, n)
			j, _ := e.store.Journal(1, n, 20)
			t.Logf("%d: %s", n, snap.LastError)
			for _, x := range j {
				t.Logf("   %s %s %s", x.Kind, x.Action, x.Message)
			}
		}
	}

	if _, err := s.SyncDossier(ctx, 1, poisoned, "cli"); err != nil {
		t.Fatalf("sync dossier %d: %v", poisoned, err)
	}
	snap, err := e.store.Snapshot(1, poisoned)
	if err != nil || snap.Quarantined || snap.InputsHash == "" {
		t.Fatalf("after SyncDossier: %+v, %v", snap, err)
	}
	final := mustSync(t, s)
	if final.Failed+final.Parked != 0 || len(final.Errors) != 0 {
		t.Errorf("final pass not clean:\n%s", final.String())
	}
	assertExactlyOnce(t, e.mutations())
}

// TestPoisonedDossierQuarantineCounts: each pass counts one failure; the
// dossier is quarantined at quarantine_after and no longer read, while the
// pass goes on with the others.
func TestPoisonedDossierQuarantineCounts(t *testing.T) {
	e := newEnv(t, envOptions{N: 10})
	e.faults(sandbox.Faults{PoisonDossiers: []int{poisoned}})
	s := e.syncer(nil)
	for i := 1; i <= 3; i++ {
		r, _ := s.Sync(context.Background(), 1, "cron")
		snap, err := e.store.Snapshot(1, poisoned)
		if err != nil || snap.Failures != i || snap.LastError == "" {
			t.Fatalf("pass %d: snapshot %+v, %v", i, snap, err)
		}
		if r.Evaluated == 0 && i == 1 {
			t.Fatalf("pass %d evaluated nothing: the poisoned dossier blocked the others", i)
		}
	}
	if got := quarantined(t, e); !slices.Equal(got, []int{poisoned}) {
		t.Fatalf("quarantined = %v", got)
	}
}

func quarantined(t *testing.T, e *env) []int {
	t.Helper()
	snaps, err := e.store.Snapshots(1)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, s := range snaps {
		if s.Quarantined {
			out = append(out, s.Number)
		}
	}
	return out
}
