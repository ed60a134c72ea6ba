package web

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// newTestQueue returns a queue over a fake clock and trigger; the tests
// call runDue themselves, so nothing runs in the background.
func newTestQueue(t *testing.T, opts QueueOptions) (*Queue, *fakeClock, *fakeTrigger) {
	t.Helper()
	clock, trig := newFakeClock(), newFakeTrigger()
	opts.Trigger, opts.Now = trig.Trigger, clock.Now
	q, err := NewQueue(opts)
	if err != nil {
		t.Fatal(err)
	}
	return q, clock, trig
}

func mustEnqueue(t *testing.T, q *Queue, demarche, dossier int) {
	t.Helper()
	if err := q.Enqueue(demarche, dossier); err != nil {
		t.Fatalf("Enqueue(%d, %d): %v", demarche, dossier, err)
	}
}

func TestQueueDebounceAndDedup(t *testing.T) {
	q, clock, trig := newTestQueue(t, QueueOptions{Debounce: 10 * time.Second})
	mustEnqueue(t, q, 1, 101)
	clock.Advance(4 * time.Second)
	mustEnqueue(t, q, 1, 102)
	mustEnqueue(t, q, 1, 101) // merged: due stays 10 s after the first
	mustEnqueue(t, q, 2, 101) // another démarche: another dossier
	steps := []struct {
		advance time.Duration
		want    []syncCall
	}{
		{5 * time.Second, nil},                                  // t=9s: nothing due
		{time.Second, []syncCall{{1, 101}}},                     // t=10s: the first
		{3 * time.Second, []syncCall{{1, 101}}},                 // t=13s: nothing more
		{time.Second, []syncCall{{1, 101}, {1, 102}, {2, 101}}}, // t=14s: the rest, in order
	}
	for i, st := range steps {
		clock.Advance(st.advance)
		q.runDue(context.Background())
		if got := trig.Calls(); !reflect.DeepEqual(got, st.want) {
			t.Errorf("step %d: calls %v, want %v", i, got, st.want)
		}
	}
	if q.Len() != 0 {
		t.Errorf("queue holds %d after every sync", q.Len())
	}
}

func TestQueueCapacity(t *testing.T) {
	reg := prometheus.NewRegistry()
	q, _, _ := newTestQueue(t, QueueOptions{Capacity: 2, Metrics: NewMetrics(reg)})
	mustEnqueue(t, q, 1, 1)
	mustEnqueue(t, q, 1, 2)
	mustEnqueue(t, q, 1, 2) // a merge needs no room
	if err := q.Enqueue(1, 3); !errors.Is(err, ErrQueueFull) {
		t.Errorf("Enqueue beyond capacity = %v, want ErrQueueFull", err)
	}
	fams := gather(t, reg)
	for result, want := range map[string]float64{eventQueued: 2, eventMerged: 1, eventDropped: 1} {
		if got := value(t, fams, "spplus_webhook_events_total", "result", result); got != want {
			t.Errorf("events{result=%s} = %v, want %v", result, got, want)
		}
	}
	if got := value(t, fams, "spplus_webhook_queue_depth"); got != 2 {
		t.Errorf("queue depth = %v, want 2", got)
	}
}

func TestQueueRetriesThenGivesUp(t *testing.T) {
	reg := prometheus.NewRegistry()
	q, clock, trig := newTestQueue(t, QueueOptions{Debounce: time.Second, MaxAttempts: 3, Metrics: NewMetrics(reg)})
	trig.errFor = func(syncCall) error { return errors.New("ds: 502") }
	mustEnqueue(t, q, 1, 5)
	// Attempt n+1 is due n debounces after attempt n.
	for _, wait := range []time.Duration{time.Second, time.Second, 2 * time.Second, 10 * time.Second} {
		clock.Advance(wait)
		q.runDue(context.Background())
	}
	if got := len(trig.Calls()); got != 3 {
		t.Errorf("%d attempts, want 3", got)
	}
	if q.Len() != 0 {
		t.Errorf("queue holds %d after giving up", q.Len())
	}
	fams := gather(t, reg)
	if got := value(t, fams, "spplus_webhook_syncs_total", "result", "given_up"); got != 1 {
		t.Errorf("syncs{given_up} = %v, want 1", got)
	}
	if got := value(t, fams, "spplus_webhook_syncs_total", "result", "error"); got != 3 {
		t.Errorf("syncs{error} = %v, want 3", got)
	}
}

// TestQueueNotificationDuringSync: a notification that comes while the
// dossier syncs queues it again, since it may have changed after the read.
func TestQueueNotificationDuringSync(t *testing.T) {
	q, clock, trig := newTestQueue(t, QueueOptions{Debounce: time.Second})
	trig.errFor = func(c syncCall) error {
		if len(trig.Calls()) == 1 {
			mustEnqueue(t, q, c.demarche, c.dossier)
		}
		return nil
	}
	mustEnqueue(t, q, 1, 5)
	clock.Advance(time.Second)
	q.runDue(context.Background())
	if q.Len() != 1 {
		t.Fatalf("queue holds %d, want the dossier queued again", q.Len())
	}
	clock.Advance(time.Second)
	q.runDue(context.Background())
	if got := len(trig.Calls()); got != 2 {
		t.Errorf("%d syncs, want 2", got)
	}
}

func TestQueuePanickingTrigger(t *testing.T) {
	q, clock, trig := newTestQueue(t, QueueOptions{Debounce: time.Second, MaxAttempts: 1})
	trig.errFor = func(syncCall) error { panic("boom") }
	mustEnqueue(t, q, 1, 5)
	clock.Advance(time.Second)
	q.runDue(context.Background()) // must not panic
	if len(trig.Calls()) != 1 || q.Len() != 0 {
		t.Errorf("calls %v, len %d", trig.Calls(), q.Len())
	}
}

func TestQueueLifecycle(t *testing.T) {
	q, clock, trig := newTestQueue(t, QueueOptions{Debounce: time.Second})
	tick := make(chan time.Time)
	q.opts.Tick = tick
	mustEnqueue(t, q, 3, 30) // before Start: waits for it
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err == nil {
		t.Error("second Start: expected an error")
	}
	clock.Advance(time.Second)
	tick <- clock.Now()
	if c := trig.waitCall(t); c != (syncCall{3, 30}) {
		t.Errorf("synced %v", c)
	}
	mustEnqueue(t, q, 3, 31)
	q.Stop()
	q.Stop()
	if err := q.Enqueue(3, 32); !errors.Is(err, ErrQueueStopped) {
		t.Errorf("Enqueue after Stop = %v, want ErrQueueStopped", err)
	}
	if q.Len() != 0 {
		t.Errorf("queue holds %d after Stop", q.Len())
	}
	if err := q.Start(context.Background()); err == nil {
		t.Error("Start after Stop: expected an error")
	}
}

// TestQueueStopCancelsSync: Stop cancels the sync in progress and waits
// for it; the cancelled sync is neither counted as failed nor retried.
func TestQueueStopCancelsSync(t *testing.T) {
	started := make(chan struct{})
	var q *Queue
	q, err := NewQueue(QueueOptions{
		Trigger: func(ctx context.Context, _, _ int) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		},
		Debounce: time.Nanosecond,
		Tick:     closedTick(),
	})
	if err != nil {
		t.Fatal(err)
	}
	mustEnqueue(t, q, 1, 1)
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-started
	q.Stop()
	if q.Len() != 0 {
		t.Errorf("cancelled sync queued again: len %d", q.Len())
	}
}

// closedTick is a tick channel that always fires.
func closedTick() <-chan time.Time {
	c := make(chan time.Time)
	close(c)
	return c
}

func TestNewQueueNeedsTrigger(t *testing.T) {
	if _, err := NewQueue(QueueOptions{}); err == nil {
		t.Error("NewQueue without Trigger: expected an error")
	}
	q, err := NewQueue(QueueOptions{Trigger: func(context.Context, int, int) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if q.opts.Debounce != DefaultDebounce || q.opts.Capacity != DefaultCapacity || q.opts.MaxAttempts != DefaultMaxAttempts {
		t.Errorf("defaults not applied: %+v", q.opts)
	}
	q.Stop() // before Start: harmless
}
