package graphql

import "time"

// Observer receives events for metrics. Implementations must be safe for
// concurrent use and must not block: they run on the request path.
type Observer interface {
	// Request reports one HTTP attempt of operation op: its outcome class
	// (see Class.String: "ok", "rate_limited", "server", ...) and duration.
	Request(op string, class string, d time.Duration)
	// Retry reports that op is about to be retried after err.
	Retry(op string, err error)
	// RateLimited reports that op waits d before its next request, either
	// for the client-side budget or because the server answered 429.
	RateLimited(op string, wait time.Duration)
}

// nopObserver is used when Options.Observer is nil.
type nopObserver struct{}

func (nopObserver) Request(string, string, time.Duration) {}
func (nopObserver) Retry(string, error)                   {}
func (nopObserver) RateLimited(string, time.Duration)     {}
