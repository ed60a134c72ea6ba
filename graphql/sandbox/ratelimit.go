package sandbox

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// cowboyBody is DS's rack-attack throttled_responder body, two lines of plain text.
const cowboyBody = "Calme toi, cowboy ! T'enchaines un peu trop les requêtes. Respire un peu réessaie dans un petit moment.\n" +
	"Calm down, cowboy! You're making too many requests. Take a breather and try again soon.\n"

// rateLimiter counts requests per Authorization value in fixed windows aligned on the epoch,
// like rack-attack's throttle (counter key = epoch_time / period).
type rateLimiter struct {
	mu     sync.Mutex
	limit  int
	period time.Duration
	window int64
	counts map[string]int
}

func newRateLimiter(limit int, period time.Duration) *rateLimiter {
	return &rateLimiter{limit: limit, period: period, counts: map[string]int{}}
}

// allow counts one request for key at now and reports whether it is within the limit, and
// the end of the current window.
func (l *rateLimiter) allow(key string, now time.Time) (bool, time.Time) {
	secs := int64(l.period / time.Second)
	w := now.Unix() / secs
	reset := time.Unix((w+1)*secs, 0)
	if l.limit < 0 || key == "" {
		// rack-attack's rule returns a nil discriminator without Authorization: not counted.
		return true, reset
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if w != l.window {
		l.window = w
		clear(l.counts)
	}
	l.counts[key]++
	return l.counts[key] <= l.limit, reset
}

// writeThrottled answers DS's 429: RateLimit-* headers, no Retry-After, no Content-Type.
func writeThrottled(w http.ResponseWriter, reset time.Time) {
	h := w.Header()
	h.Set("RateLimit-Remaining", "0")
	h.Set("RateLimit-Reset", fmt.Sprint(reset.Unix()))
	// An explicitly empty Content-Type stops net/http from sniffing one.
	h["Content-Type"] = nil
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(cowboyBody))
}
