package ui

import (
	"math"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Failed authentications allowed per client address: a burst, then one
// every failureEvery. A person who mistypes a password a few times never
// meets the limit; a program guessing passwords gets 360 tries an hour
// instead of thousands a second, and cannot keep the CPU busy with bcrypt.
const (
	failureBurst = 10
	failureEvery = 10 * time.Second
	// maxThrottled bounds the addresses remembered; past it, the ones back
	// to a full allowance are forgotten.
	maxThrottled = 10_000
)

// failureThrottle counts the failed authentications of each client
// address. Only failures count: a browser's first request, which carries
// no credentials yet, and every successful one cost nothing.
type failureThrottle struct {
	now func() time.Time

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
}

func newFailureThrottle(now func() time.Time) *failureThrottle {
	return &failureThrottle{now: now, limiters: map[string]*rate.Limiter{}}
}

// wait reports how long addr must wait before its credentials are checked
// again, or 0 when they may be checked now.
func (f *failureThrottle) wait(addr string) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.limiters[addr]
	if !ok {
		return 0
	}
	tokens := l.TokensAt(f.now())
	if tokens >= 1 {
		return 0
	}
	return time.Duration(math.Ceil((1 - tokens) * float64(failureEvery)))
}

// failed counts one failed authentication of addr.
func (f *failureThrottle) failed(addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	l, ok := f.limiters[addr]
	if !ok {
		if len(f.limiters) >= maxThrottled {
			f.forgetRecovered(now)
		}
		l = rate.NewLimiter(rate.Every(failureEvery), failureBurst)
		f.limiters[addr] = l
	}
	l.AllowN(now, 1)
}

// forgetRecovered drops the addresses whose allowance is full again, and
// every address if that is not enough.
func (f *failureThrottle) forgetRecovered(now time.Time) {
	for a, l := range f.limiters {
		if l.TokensAt(now) >= failureBurst {
			delete(f.limiters, a)
		}
	}
	if len(f.limiters) >= maxThrottled {
		clear(f.limiters)
	}
}

// clientAddr is the address the request came from, without its port.
// Forwarding headers are not trusted: behind a reverse proxy every client
// shares the proxy's allowance, and the proxy should limit as well.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// hasCredentials reports whether r carries credentials of any kind.
func hasCredentials(r *http.Request, queryToken bool) bool {
	if _, _, ok := r.BasicAuth(); ok {
		return true
	}
	if r.Header.Get("Authorization") != "" {
		return true
	}
	return queryToken && r.URL.Query().Get("token") != ""
}
