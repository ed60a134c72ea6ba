package connector

import (
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/spplus/spplus/config"
)

// TestNoReevaluationLoop: our own writes (annotations, messages, state
// changes) bump the dossiers, which come back in the next listing, but
// never make them evaluated or written again. The third pass in a row with
// nothing changed by the candidates costs one dossiers request and one
// deletions request, and makes no mutation.
func TestNoReevaluationLoop(t *testing.T) {
	for _, policy := range []config.Policy{config.PolicyPropose, config.PolicyAuto} {
		t.Run(string(policy), func(t *testing.T) {
			e := newEnv(t, envOptions{Configure: func(d *config.Demarche) {
				d.Decisions = config.Decisions{PasserEnInstruction: policy, Accepter: policy, Refuser: policy}
			}})
			s := e.syncer(nil)
			mustSync(t, s)
			mustSync(t, s)
			e.count.take()
			before := len(e.mutations())
			r := mustSync(t, s)
			want := map[string]int{"DossiersPage": 1, "Deletions": 1}
			if got := e.count.take(); !maps.Equal(got, want) {
				t.Errorf("third pass requests = %v, want %v", got, want)
			}
			if got := e.mutations()[before:]; len(got) != 0 {
				t.Errorf("third pass made %d mutations: %v", len(got), byName(got))
			}
			if r.Evaluated != 0 || !r.CheckpointMoved {
				t.Errorf("third pass: evaluated %d, checkpoint moved %t", r.Evaluated, r.CheckpointMoved)
			}
			assertExactlyOnce(t, e.mutations())
		})
	}
}

// TestOverlapRefused: a second pass of the same démarche is refused while
// one runs, whoever calls.
func TestOverlapRefused(t *testing.T) {
	e := newEnv(t, envOptions{N: 3})
	var s *Syncer
	var inner error
	s = e.syncer(func(o *Options) {
		o.Hooks.Step = func(step string, _ int) error {
			if step == StepCheckpointRead {
				_, inner = s.Sync(context.Background(), 1, "webhook")
				_, err := s.SyncDossier(context.Background(), 1, 1, "webhook")
				inner = errors.Join(inner, err)
			}
			return nil
		}
	})
	mustSync(t, s)
	if !errors.Is(inner, ErrAlreadyRunning) {
		t.Fatalf("overlapping pass: err = %v, want ErrAlreadyRunning", inner)
	}
	if _, err := s.Sync(context.Background(), 99, "cli"); !errors.Is(err, ErrUnknownDemarche) {
		t.Fatalf("unknown démarche: err = %v", err)
	}
}
