package connector

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/spplus/spplus/config"
)

// crashN is the size of the crash-test démarche: every kind of dossier of
// the generated data, few enough to crash at every step.
const crashN = 10

var errCrash = errors.New("simulated crash")

func allAuto(d *config.Demarche) {
	d.Decisions = config.Decisions{PasserEnInstruction: config.PolicyAuto, Accepter: config.PolicyAuto, Refuser: config.PolicyAuto}
}

// TestCrashAtEveryStep stops a pass at every step boundary k = 1..K (the
// hook returns an error, or cancels the context, in turn), then restarts
// with a new Syncer on the same store. Whatever k, the sandbox must have
// received no message and no state change twice, and every dossier must
// end evaluated with an empty outbox. Boundary "after_send" is the crash
// between DS's confirmation and MarkDone.
func TestCrashAtEveryStep(t *testing.T) {
	steps, seen := baselineSteps(t)
	stride := 1
	if testing.Short() {
		stride = 5
	}
	for k := 1; k <= len(steps); k += stride {
		t.Run(fmt.Sprintf("k=%03d_%s", k, steps[k-1]), func(t *testing.T) {
			e := newEnv(t, envOptions{N: crashN, Configure: allAuto})
			crashAt(t, e, k)
			restart(t, e)
			assertSettled(t, e, seen)
		})
	}
}

// baselineSteps runs an uninterrupted pass and lists its step boundaries.
func baselineSteps(t *testing.T) ([]string, int) {
	e := newEnv(t, envOptions{N: crashN, Configure: allAuto})
	var steps []string
	s := e.syncer(func(o *Options) {
		o.Hooks.Step = func(step string, _ int) error { steps = append(steps, step); return nil }
	})
	r := mustSync(t, s)
	if r.Done == 0 || len(steps) < 10 {
		t.Fatalf("baseline pass did too little: %d steps, %d actions done", len(steps), r.Done)
	}
	return steps, r.Seen
}

// crashAt runs a pass that stops at its k-th step boundary.
func crashAt(t *testing.T, e *env, k int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	s := e.syncer(func(o *Options) {
		o.Hooks.Step = func(string, int) error {
			calls++
			switch {
			case calls != k:
				return nil
			case k%2 == 0:
				cancel()
				return nil
			}
			return errCrash
		}
	})
	_, err := s.Sync(ctx, 1, "cron")
	if calls < k {
		t.Fatalf("the pass ended after %d steps, before step %d", calls, k)
	}
	if k%2 == 1 && !errors.Is(err, errCrash) {
		t.Fatalf("crashed pass: err = %v, want the crash", err)
	}
}

// restart runs passes with a fresh Syncer until one succeeds.
func restart(t *testing.T, e *env) {
	t.Helper()
	s := e.syncer(nil)
	for i := 0; i < 3; i++ {
		if _, err := s.Sync(context.Background(), 1, "start"); err == nil {
			return
		}
	}
	t.Fatal("no pass succeeded after the restart")
}

// assertSettled checks exactly-once effects, evaluations and the outbox.
func assertSettled(t *testing.T, e *env, visible int) {
	t.Helper()
	assertExactlyOnce(t, e.mutations())
	snaps, err := e.store.Snapshots(1)
	if err != nil {
		t.Fatal(err)
	}
	evaluated := 0
	for _, s := range snaps {
		if !s.Deleted && s.InputsHash != "" && s.Failures == 0 {
			evaluated++
		}
	}
	if evaluated != visible {
		t.Errorf("%d dossiers evaluated, want %d", evaluated, visible)
	}
	pending, err := e.store.PendingActions(1)
	if err != nil || len(pending) != 0 {
		t.Errorf("outbox: %d pending actions (err %v)", len(pending), err)
	}
	cp, err := e.store.Checkpoint(1)
	if err != nil || cp.UpdatedSince.IsZero() {
		t.Errorf("checkpoint not set after the restart: %+v %v", cp, err)
	}
}

// TestCrashAfterMessageSent is the case the markers exist for: DS
// confirmed a message, the process died before recording it. The restart
// finds the marker on the dossier and does not send it again.
func TestCrashAfterMessageSent(t *testing.T) {
	e := newEnv(t, envOptions{N: crashN})
	crashed := false
	s := e.syncer(func(o *Options) {
		o.Hooks.Step = func(step string, _ int) error {
			if ms := e.srv.Mutations(); !crashed && step == StepAfterSend && ms[len(ms)-1].Name == "dossierEnvoyerMessage" {
				crashed = true
				return errCrash
			}
			return nil
		}
	})
	if _, err := s.Sync(context.Background(), 1, "cron"); !errors.Is(err, errCrash) {
		t.Fatalf("err = %v, want the crash after a message", err)
	}
	sent := len(e.mutations())
	r := mustSync(t, e.syncer(nil))
	if r.Skipped == 0 {
		t.Errorf("restart: the sent message should be skipped as already on the dossier\n%s", r.String())
	}
	if got := byName(e.mutations()[sent:])["dossierEnvoyerMessage"]; got >= byName(e.mutations()[:sent])["dossierEnvoyerMessage"]+crashN {
		t.Errorf("restart sent %d messages", got)
	}
	assertExactlyOnce(t, e.mutations())
}
