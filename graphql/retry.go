package graphql

import (
	"context"
	"errors"
	"time"

	"github.com/rs/zerolog"
)

// do sends r, waiting for the rate budget before each attempt and retrying
// retryable failures with exponential backoff and full jitter. It returns
// the last answer: a response (possibly carrying GraphQL errors with partial
// data) or an error. A cancelled ctx returns at once with ctx's error, even
// in the middle of a backoff.
func (c *Client) do(ctx context.Context, r request) (*response, error) {
	for attempt := 1; ; attempt++ {
		if err := c.waitBudget(ctx, r.op); err != nil {
			return nil, err
		}
		start := c.now()
		resp, sent, err := c.attempt(ctx, r)
		c.obs.Request(r.op, outcome(resp, err).String(), c.now().Sub(start))
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		failure := err
		if failure == nil && len(resp.errs) > 0 {
			failure = resp.errs
		}
		if failure == nil || attempt >= c.opts.MaxAttempts || !shouldRetry(r, failure, sent) {
			return resp, err
		}
		wait := c.backoff(attempt, failure)
		c.logRetry(r.op, attempt, wait, failure)
		c.obs.Retry(r.op, failure)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// outcome classifies an attempt for the observer.
func outcome(resp *response, err error) Class {
	if err != nil {
		return ClassOf(err)
	}
	if len(resp.errs) > 0 {
		return listClass(resp.errs)
	}
	return ClassOK
}

// shouldRetry decides whether failure is worth another attempt. Operations
// that are not idempotent (sending a message creates one each time) are
// resent only when the server cannot have run them: a 429 (refused by the
// rate limiter before the application) or a failure before the request was
// fully written.
func shouldRetry(r request, failure error, sent bool) bool {
	class := ClassOf(failure)
	if !class.Retryable() {
		return false
	}
	if r.idempotent {
		return true
	}
	var gql GraphQLErrors
	if errors.As(failure, &gql) {
		return false
	}
	return class == ClassRateLimited || !sent
}

// backoff returns the wait before attempt+1: what a 429 asked for (plus a
// little jitter so clients sharing a token do not wake together), else a
// full-jitter draw in [0, min(MaxBackoff, BaseBackoff·2^(attempt-1))).
func (c *Client) backoff(attempt int, failure error) time.Duration {
	var rl *RateLimitError
	if errors.As(failure, &rl) && rl.Wait > 0 {
		c.obs.RateLimited(rl.Op, rl.Wait)
		return rl.Wait + c.jitter(c.opts.BaseBackoff)
	}
	ceiling := c.opts.BaseBackoff
	for i := 1; i < attempt && ceiling < c.opts.MaxBackoff; i++ {
		ceiling *= 2
	}
	return c.jitter(min(ceiling, c.opts.MaxBackoff))
}

// waitBudget blocks until the client-side limiter allows one more request,
// using the injected clock so tests control it.
func (c *Client) waitBudget(ctx context.Context, op string) error {
	now := c.now()
	res := c.limiter.ReserveN(now, 1)
	d := res.DelayFrom(now)
	if d <= 0 {
		return nil
	}
	c.obs.RateLimited(op, d)
	if err := c.sleep(ctx, d); err != nil {
		res.CancelAt(c.now())
		return err
	}
	return nil
}

// logRetry logs a retry: at debug after the first failure, at warn when it
// keeps failing; never with the token (server text is redacted when the
// error is built).
func (c *Client) logRetry(op string, attempt int, wait time.Duration, failure error) {
	level := zerolog.DebugLevel
	if attempt >= 2 {
		level = zerolog.WarnLevel
	}
	c.log.WithLevel(level).
		Str("op", op).
		Int("attempt", attempt).
		Int("max_attempts", c.opts.MaxAttempts).
		Str("class", ClassOf(failure).String()).
		Dur("wait", wait).
		Err(failure).
		Msg("ds request failed, retrying")
}
