package web

import (
	"context"
	"fmt"
	"time"
)

// Readiness says whether the daemon is fit to serve. Ready returns false
// with the reasons, each a short sentence naming what is wrong; it must
// return promptly and honour ctx (the /readyz handler gives it a deadline).
type Readiness interface {
	Ready(ctx context.Context) (ok bool, reasons []string)
}

// ReadinessFunc adapts a function to Readiness.
type ReadinessFunc func(ctx context.Context) (bool, []string)

// Ready calls f.
func (f ReadinessFunc) Ready(ctx context.Context) (bool, []string) { return f(ctx) }

// OutcomeFailed is the pass outcome that makes a démarche not ready (the
// connector's store.OutcomeFailed). Any other final outcome, "partial"
// included, leaves readiness to the age of the last success: a partial
// pass set its failing dossiers aside and moved on, which is the design.
const OutcomeFailed = "failed"

// PassStatus is what readiness needs to know about the passes of one
// démarche.
type PassStatus struct {
	// LastOutcome is the outcome of the newest finished pass ("success",
	// "partial", "failed"), or "" when none finished. Running and
	// interrupted passes are not finished: leave them out.
	LastOutcome string
	// LastEnd is when that pass ended.
	LastEnd time.Time
	// LastError is that pass's error, if any.
	LastError string
	// LastSuccess is when the newest successful pass ended; zero when none.
	LastSuccess time.Time
}

// PassSource is what PassReadiness reads; cmd adapts the store to it.
type PassSource interface {
	// Ping returns an error when the store is not open or not readable.
	Ping(ctx context.Context) error
	// PassStatus returns the pass status of démarche.
	PassStatus(ctx context.Context, demarche int) (PassStatus, error)
}

// PassReadiness is ready when the store answers and, for every démarche,
// the last finished pass did not fail and the last success is at most
// MaxAge old. It is a value: build it once, it holds no state.
type PassReadiness struct {
	// Source reads the store.
	Source PassSource
	// Demarches are the démarches that must be fresh (config order).
	Demarches []int
	// MaxAge is the config's http.ready_max_age.
	MaxAge time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Ready implements Readiness.
func (r PassReadiness) Ready(ctx context.Context) (bool, []string) {
	if err := r.Source.Ping(ctx); err != nil {
		return false, []string{fmt.Sprintf("store: %v", err)}
	}
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	var reasons []string
	for _, d := range r.Demarches {
		st, err := r.Source.PassStatus(ctx, d)
		if err != nil {
			reasons = append(reasons, fmt.Sprintf("démarche %d: read pass history: %v", d, err))
			continue
		}
		reasons = append(reasons, r.judge(d, st, now())...)
	}
	return len(reasons) == 0, reasons
}

// judge returns why démarche d is not ready at now, if it is not.
func (r PassReadiness) judge(d int, st PassStatus, now time.Time) []string {
	var reasons []string
	if st.LastOutcome == OutcomeFailed {
		msg := fmt.Sprintf("démarche %d: last pass failed at %s", d, st.LastEnd.UTC().Format(time.RFC3339))
		if st.LastError != "" {
			msg += ": " + st.LastError
		}
		reasons = append(reasons, msg)
	}
	switch age := now.Sub(st.LastSuccess); {
	case st.LastSuccess.IsZero():
		reasons = append(reasons, fmt.Sprintf("démarche %d: no successful pass yet", d))
	case r.MaxAge > 0 && age > r.MaxAge:
		reasons = append(reasons, fmt.Sprintf("démarche %d: last successful pass ended %s ago (at most %s expected)",
			d, age.Round(time.Second), r.MaxAge))
	}
	return reasons
}
