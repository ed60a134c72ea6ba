package web

import (
	"context"
	"time"
)

// settle records the result of the sync of k and queues it again after a
// failure, backing off by Debounce per attempt, until MaxAttempts.
func (q *Queue) settle(ctx context.Context, k dossierKey, w waiting, err error) {
	log := q.log.With().Int("demarche", k.demarche).Int("dossier", k.dossier).Logger()
	switch {
	case err == nil:
		q.opts.Metrics.webhookSync("ok")
		log.Debug().Msg("webhook sync done")
		return
	case ctx.Err() != nil:
		// Stopping: the schedule will catch up, nothing to count.
		return
	}
	w.attempts++
	q.opts.Metrics.webhookSync("error")
	if w.attempts >= q.opts.MaxAttempts {
		q.opts.Metrics.webhookSync("given_up")
		log.Warn().Err(err).Int("attempts", w.attempts).Msg("webhook sync failed; giving up, the schedule will catch up")
		return
	}
	log.Warn().Err(err).Int("attempts", w.attempts).Msg("webhook sync failed; will retry")
	q.requeue(k, w.attempts, q.opts.Now().Add(time.Duration(w.attempts)*q.opts.Debounce))
}

// requeue puts k back with its attempts, unless a new notification queued
// it meanwhile (that one stands, with a fresh count) or the queue is full
// or stopped.
func (q *Queue) requeue(k dossierKey, attempts int, due time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, ok := q.pending[k]; ok || q.stopped || len(q.pending) >= q.opts.Capacity {
		return
	}
	q.pending[k] = waiting{due: due, attempts: attempts}
	q.opts.Metrics.setQueueDepth(len(q.pending))
}
