package sandbox

import (
	"testing"
	"time"
)

func TestFrozenClockMovesOnlyWhenAdvanced(t *testing.T) {
	start := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	c := newSettableClock(start)
	if got := c.Now(); !got.Equal(start) {
		t.Fatalf("Now = %v, want %v", got, start)
	}
	if got := c.Advance(8 * 24 * time.Hour); !got.Equal(start.AddDate(0, 0, 8)) || !c.Now().Equal(got) {
		t.Fatalf("Advance = %v, Now = %v", got, c.Now())
	}
}

// A ticking clock follows the real one, plus what Advance added: a
// long-running sandbox's rate-limit windows end.
func TestTickingClockFollowsRealTime(t *testing.T) {
	real := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	c := newTickingClock(func() time.Time { return real })
	if got := c.Now(); !got.Equal(real) {
		t.Fatalf("Now = %v, want %v", got, real)
	}
	real = real.Add(90 * time.Second)
	if got := c.Now(); !got.Equal(real) {
		t.Fatalf("after 90 s of real time, Now = %v, want %v", got, real)
	}
	c.Advance(time.Hour)
	real = real.Add(time.Second)
	if got, want := c.Now(), real.Add(time.Hour); !got.Equal(want) {
		t.Fatalf("after Advance(1h), Now = %v, want %v", got, want)
	}

	l := newRateLimiter(1, time.Minute)
	if ok, _ := l.allow("token", c.Now()); !ok {
		t.Fatal("first request refused")
	}
	if ok, _ := l.allow("token", c.Now()); ok {
		t.Fatal("second request in the window allowed")
	}
	real = real.Add(time.Minute)
	if ok, _ := l.allow("token", c.Now()); !ok {
		t.Fatal("a request in the next window refused: the clock did not tick")
	}
}
