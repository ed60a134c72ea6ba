package web

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// Trigger syncs one dossier of a démarche and returns when the sync is
// over; cmd wires it to the connector's one-dossier sync. It is called
// from one goroutine, one dossier at a time, with a ctx that ends at Stop.
type Trigger func(ctx context.Context, demarche, dossier int) error

// Queue defaults, used for the zero fields of QueueOptions.
const (
	// DefaultDebounce is the window in which notifications about one
	// dossier make one sync: DS often reports a dépôt and a modification,
	// or two state changes, within seconds.
	DefaultDebounce = 5 * time.Second
	// DefaultCapacity is how many distinct dossiers may wait.
	DefaultCapacity = 1000
	// DefaultMaxAttempts is how many times a failing sync is tried before
	// the queue gives up on it (the next scheduled pass still covers it).
	DefaultMaxAttempts = 3
)

// ErrQueueStopped is returned by Enqueue after Stop.
var ErrQueueStopped = errors.New("webhook queue is stopped")

// QueueOptions configures a Queue.
type QueueOptions struct {
	// Trigger runs the sync of one dossier (required).
	Trigger Trigger
	// Debounce: a dossier is synced Debounce after the first notification
	// about it; those that come in the meantime are merged into it.
	Debounce time.Duration
	// Capacity bounds the distinct dossiers waiting; Enqueue returns
	// ErrQueueFull beyond.
	Capacity int
	// MaxAttempts bounds the tries of a failing sync.
	MaxAttempts int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Tick drives the queue: at each tick the dossiers due are synced.
	// Nil: Start runs a ticker every Debounce/4. Tests send ticks by hand.
	Tick <-chan time.Time
	// Logger is the base logger; the queue adds component=webhook_queue.
	Logger zerolog.Logger
	// Metrics, if not nil, counts the events and syncs and the depth.
	Metrics *Metrics
}

func (o QueueOptions) withDefaults() (QueueOptions, error) {
	if o.Trigger == nil {
		return o, errors.New("webhook queue options: Trigger is nil: expected the function that syncs one dossier")
	}
	if o.Debounce <= 0 {
		o.Debounce = DefaultDebounce
	}
	if o.Capacity <= 0 {
		o.Capacity = DefaultCapacity
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// dossierKey identifies a dossier across démarches.
type dossierKey struct{ demarche, dossier int }

// waiting is a dossier in the queue: when it is due and how many syncs of
// it failed so far.
type waiting struct {
	due      time.Time
	attempts int
}

// Queue runs the syncs webhooks ask for: debounced (Debounce), deduplicated
// (a dossier waits at most once), bounded (Capacity) and serial (one sync
// at a time, so that webhooks never compete with each other for the API
// budget). It implements Enqueuer. New allocates, Start runs the worker,
// Stop ends it.
type Queue struct {
	opts QueueOptions
	log  zerolog.Logger

	mu      sync.Mutex
	pending map[dossierKey]waiting
	started bool
	stopped bool
	cancel  context.CancelFunc
	done    chan struct{}
}

// NewQueue returns a stopped queue; it fails when opts.Trigger is nil.
func NewQueue(opts QueueOptions) (*Queue, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Queue{
		opts:    opts,
		log:     opts.Logger.With().Str("component", "webhook_queue").Logger(),
		pending: map[dossierKey]waiting{},
		done:    make(chan struct{}),
	}, nil
}

// Enqueue asks for a sync of dossier of démarche, due Debounce from now;
// it is merged into the waiting one if any. It never blocks, and returns
// ErrQueueFull when Capacity dossiers wait, ErrQueueStopped after Stop.
// Dossiers queued before Start wait for it.
func (q *Queue) Enqueue(demarche, dossier int) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.stopped {
		return ErrQueueStopped
	}
	k := dossierKey{demarche, dossier}
	if _, ok := q.pending[k]; ok {
		q.opts.Metrics.webhookEvent(eventMerged, 1)
		return nil
	}
	if len(q.pending) >= q.opts.Capacity {
		q.opts.Metrics.webhookEvent(eventDropped, 1)
		return ErrQueueFull
	}
	q.pending[k] = waiting{due: q.opts.Now().Add(q.opts.Debounce)}
	q.opts.Metrics.webhookEvent(eventQueued, 1)
	q.opts.Metrics.setQueueDepth(len(q.pending))
	return nil
}

// Len returns the number of dossiers waiting.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.pending)
}

// Start runs the worker until ctx ends or Stop is called. It fails when
// the queue was started or stopped before.
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.started || q.stopped {
		return errors.New("webhook queue: Start called twice or after Stop")
	}
	q.started = true
	ctx, q.cancel = context.WithCancel(ctx)
	tick, stopTicker := q.opts.Tick, func() {}
	if tick == nil {
		t := time.NewTicker(max(q.opts.Debounce/4, 10*time.Millisecond))
		tick, stopTicker = t.C, t.Stop
	}
	go q.loop(ctx, tick, stopTicker)
	return nil
}

// Stop ends the worker, cancelling the sync in progress, and waits for it.
// The dossiers still waiting are dropped: they were hints, and the next
// scheduled pass reads every dossier that changed. Stop is safe to call
// twice, and before Start.
func (q *Queue) Stop() {
	q.mu.Lock()
	wasRunning := q.started && !q.stopped
	q.stopped = true
	dropped := len(q.pending)
	clear(q.pending)
	q.opts.Metrics.setQueueDepth(0)
	q.mu.Unlock()
	if wasRunning {
		q.cancel()
		<-q.done
	}
	if dropped > 0 {
		q.log.Info().Int("dropped", dropped).Msg("webhook queue stopped with dossiers waiting; the schedule will catch up")
	}
}

func (q *Queue) loop(ctx context.Context, tick <-chan time.Time, stopTicker func()) {
	defer close(q.done)
	defer stopTicker()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			q.runDue(ctx)
		}
	}
}

// runDue syncs the dossiers due now, oldest first.
func (q *Queue) runDue(ctx context.Context) {
	for _, item := range q.takeDue(q.opts.Now()) {
		if ctx.Err() != nil {
			return
		}
		q.settle(ctx, item.key, item.waiting, q.sync(ctx, item.key))
	}
}

// dueItem is a dossier taken out of the queue to be synced.
type dueItem struct {
	key dossierKey
	waiting
}

// takeDue removes the dossiers due at now and returns them in due order.
// They leave the queue before their sync, so that a notification during
// the sync queues the dossier again: it may have changed after the read.
func (q *Queue) takeDue(now time.Time) []dueItem {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []dueItem
	for k, w := range q.pending {
		if !w.due.After(now) {
			out = append(out, dueItem{k, w})
			delete(q.pending, k)
		}
	}
	q.opts.Metrics.setQueueDepth(len(q.pending))
	slices.SortFunc(out, func(a, b dueItem) int {
		return cmp.Or(a.due.Compare(b.due), cmp.Compare(a.key.demarche, b.key.demarche), cmp.Compare(a.key.dossier, b.key.dossier))
	})
	return out
}

// sync runs the trigger; a panic in it becomes an error rather than the
// end of the daemon.
func (q *Queue) sync(ctx context.Context, k dossierKey) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errors.New("sync panicked")
			q.log.Error().Interface("panic", v).Int("demarche", k.demarche).Int("dossier", k.dossier).Msg("webhook sync panicked")
		}
	}()
	return q.opts.Trigger(ctx, k.demarche, k.dossier)
}
