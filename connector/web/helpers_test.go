package web

import (
	"context"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for deterministic tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// syncCall is one call of a fake Trigger.
type syncCall struct{ demarche, dossier int }

// fakeTrigger records the syncs asked for and answers with errFor.
type fakeTrigger struct {
	mu     sync.Mutex
	calls  []syncCall
	errFor func(syncCall) error
	seen   chan syncCall
}

func newFakeTrigger() *fakeTrigger { return &fakeTrigger{seen: make(chan syncCall, 100)} }

func (f *fakeTrigger) Trigger(_ context.Context, demarche, dossier int) error {
	c := syncCall{demarche, dossier}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	errFor := f.errFor
	f.mu.Unlock()
	f.seen <- c
	if errFor != nil {
		return errFor(c)
	}
	return nil
}

func (f *fakeTrigger) Calls() []syncCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]syncCall(nil), f.calls...)
}

// waitCall returns the next sync the trigger sees. The timeout only keeps
// a broken test from hanging; no assertion depends on timing.
func (f *fakeTrigger) waitCall(t *testing.T) syncCall {
	t.Helper()
	select {
	case c := <-f.seen:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no sync triggered")
		return syncCall{}
	}
}

// recordingQueue is an Enqueuer that records what it is given.
type recordingQueue struct {
	mu    sync.Mutex
	got   []syncCall
	err   error
	limit int
}

func (q *recordingQueue) Enqueue(demarche, dossier int) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.err != nil {
		return q.err
	}
	if q.limit > 0 && len(q.got) >= q.limit {
		return ErrQueueFull
	}
	q.got = append(q.got, syncCall{demarche, dossier})
	return nil
}

func (q *recordingQueue) Got() []syncCall {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]syncCall(nil), q.got...)
}
