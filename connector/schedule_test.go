package connector

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/connector/store"
)

// fakePasser records passes; block makes each pass wait for its context.
type fakePasser struct {
	mu     sync.Mutex
	calls  map[int][]string
	ran    chan int
	block  bool
	exited chan struct{}
}

func (f *fakePasser) Sync(ctx context.Context, demarche int, trigger string) (PassReport, error) {
	f.mu.Lock()
	f.calls[demarche] = append(f.calls[demarche], trigger)
	f.mu.Unlock()
	f.ran <- demarche
	if f.block {
		<-ctx.Done()
		defer close(f.exited)
		return PassReport{}, ctx.Err()
	}
	return PassReport{}, nil
}

func newFakePasser(block bool) *fakePasser {
	return &fakePasser{calls: map[int][]string{}, ran: make(chan int, 10), block: block, exited: make(chan struct{})}
}

func paris(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestScheduleStartsWithOnePass: Start runs one pass of each démarche at
// once (a restart does not wait for the next tick); Stop is idempotent.
func TestScheduleStartsWithOnePass(t *testing.T) {
	f := newFakePasser(false)
	sc, err := newSchedule(f, map[int]string{1: "@every 1h", 2: "0 3 * * *"}, paris(t), zerolog.Nop())
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := map[int]bool{<-f.ran: true, <-f.ran: true}
	if !got[1] || !got[2] {
		t.Fatalf("start passes = %v", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := sc.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := sc.Stop(ctx); err != nil {
		t.Fatalf("second stop: %v", err)
	}
	if f.calls[1][0] != store.TriggerStart {
		t.Errorf("trigger = %v", f.calls[1])
	}
	if err := sc.Start(context.Background()); err == nil {
		t.Error("a stopped schedule started again")
	}
}

// TestScheduleStopCancelsThePass: Stop cancels the running pass through its
// context and waits for it to return.
func TestScheduleStopCancelsThePass(t *testing.T) {
	f := newFakePasser(true)
	sc, err := newSchedule(f, map[int]string{1: "@every 1h"}, paris(t), zerolog.Nop())
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-f.ran
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := sc.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-f.exited:
	default:
		t.Fatal("Stop returned before the pass")
	}
}

func TestScheduleRejectsBadSpec(t *testing.T) {
	_, err := newSchedule(newFakePasser(false), map[int]string{7: "every tuesday"}, paris(t), zerolog.Nop())
	if err == nil || !strings.Contains(err.Error(), "démarche 7") {
		t.Fatalf("err = %v", err)
	}
}

// TestScheduleOverSyncer wires the real Syncer: the start pass runs.
func TestScheduleOverSyncer(t *testing.T) {
	e := newEnv(t, envOptions{N: 3})
	done := make(chan struct{}, 1)
	s := e.syncer(func(o *Options) {
		o.Hooks.Step = func(step string, _ int) error {
			if step == StepCheckpointSet {
				done <- struct{}{}
			}
			return nil
		}
	})
	sc, err := NewSchedule(s, zerolog.Nop())
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-done
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := sc.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}
