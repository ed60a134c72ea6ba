package sandbox

import (
	"sync"
	"time"
)

// settableClock is the sandbox's own clock: it starts at a given instant and moves only when
// told to, so tests and the demo can jump over reminder delays without sleeping.
type settableClock struct {
	mu  sync.Mutex
	now time.Time
}

func newSettableClock(start time.Time) *settableClock {
	return &settableClock{now: start}
}

// Now returns the clock's current instant.
func (c *settableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward (or back, for a negative d) and returns the new instant.
func (c *settableClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}
