package sandbox

import (
	"sync"
	"time"
)

// settableClock is the sandbox's own clock. A frozen one starts at a given
// instant and moves only when told to, so tests and the demo can jump over
// reminder delays without sleeping. A ticking one follows the real clock,
// plus whatever Advance added: a sandbox that serves for hours (spplus
// sandbox, spplus run --sandbox) needs time to pass, or its rate-limit
// window would never end and every request after the 400th would be
// refused.
type settableClock struct {
	mu     sync.Mutex
	now    time.Time        // the instant of a frozen clock
	real   func() time.Time // the real clock of a ticking one
	offset time.Duration    // what Advance added to a ticking clock
}

func newSettableClock(start time.Time) *settableClock {
	return &settableClock{now: start}
}

func newTickingClock(real func() time.Time) *settableClock {
	return &settableClock{real: real}
}

// Now returns the clock's current instant.
func (c *settableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real != nil {
		return c.real().Add(c.offset)
	}
	return c.now
}

// Advance moves the clock forward (or back, for a negative d) and returns the new instant.
func (c *settableClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.real != nil {
		c.offset += d
		return c.real().Add(c.offset)
	}
	c.now = c.now.Add(d)
	return c.now
}
