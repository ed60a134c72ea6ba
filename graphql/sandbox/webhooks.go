package sandbox

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Webhook delivery constants, from DS (API-NOTES §11).
const (
	// DefaultWebhookQueue bounds the events waiting for delivery.
	DefaultWebhookQueue = 1000
	// webhookTimeout is DS's timeout for both kinds of webhook.
	webhookTimeout = 10 * time.Second
	// webhookBatchMax is the most events DS puts in one signed batch.
	webhookBatchMax = 100
	// WebhookSignatureHeader carries "sha256=" and the hex HMAC-SHA256 of a
	// signed batch's body keyed with the webhook's secret.
	WebhookSignatureHeader = "X-Webhook-Signature-256"
	// legacyTimeLayout is Ruby's Time#to_s, which the legacy form's
	// updated_at uses, in DS's Paris time zone.
	legacyTimeLayout = "2006-01-02 15:04:05 -0700"
	// maxDeliveries bounds the delivery record kept for Deliveries.
	maxDeliveries = 1000
)

// WebhookSenderOptions configures a WebhookSender. At least one URL is needed.
type WebhookSenderOptions struct {
	// LegacyURL receives DS's legacy webhook: one form-encoded POST
	// (procedure_id, dossier_id, state, updated_at) per state change,
	// unsigned. Default: the server's Options.WebhookURL.
	LegacyURL string
	// BatchURL receives DS's newer webhook: JSON batches of up to 100
	// events, signed with Secret. Empty sends none.
	BatchURL string
	// Secret keys the batches' HMAC (required with BatchURL).
	Secret string
	// QueueSize bounds the events waiting for delivery (default
	// DefaultWebhookQueue); events beyond are dropped and counted.
	QueueSize int
	// Client sends the requests. Default: DS's 10 s timeout, no redirects.
	Client *http.Client
}

// WebhookDelivery is one POST the sender made and what came of it.
type WebhookDelivery struct {
	// Form is "legacy" or "batch".
	Form string `json:"form"`
	URL  string `json:"url"`
	// Dossiers are the dossier numbers the POST carried, in order.
	Dossiers []int `json:"dossiers"`
	// Status is the HTTP status of the answer, 0 when there was none.
	Status int    `json:"status"`
	Error  string `json:"error,omitempty"`
}

// WebhookSender posts the sandbox's state changes (Server.WebhookEvents)
// to webhook receivers, as DS would, asynchronously through a bounded
// queue: a slow or dead receiver never slows the sandbox down. Like DS it
// does not retry a failed delivery (the legacy webhook never does; the
// newer one retries over hours, beyond any test).
//
// Events are collected after each request served by Handler, or by
// Collect. Start runs the delivery loop, Stop ends it.
type WebhookSender struct {
	srv    *Server
	opts   WebhookSenderOptions
	client *http.Client
	queue  chan outgoingEvent

	mu         sync.Mutex
	cursor     int            // events of srv.webhooks already collected
	lastState  map[int]string // last state sent per dossier, for batch event types
	sequence   int64
	deliveries []WebhookDelivery
	dropped    int
	started    bool
	stopped    bool
	cancel     context.CancelFunc
	done       chan struct{}
}

// outgoingEvent is a state change with the batch fields DS adds.
type outgoingEvent struct {
	WebhookEvent
	typ      string
	sequence int64
}

// NewWebhookSender returns a stopped sender of srv's state changes from now
// on (those recorded before are not sent).
func NewWebhookSender(srv *Server, opts WebhookSenderOptions) (*WebhookSender, error) {
	if opts.LegacyURL == "" {
		opts.LegacyURL = srv.opts.WebhookURL
	}
	if opts.LegacyURL == "" && opts.BatchURL == "" {
		return nil, errors.New("sandbox webhooks: no URL: expected LegacyURL, BatchURL or Options.WebhookURL")
	}
	if opts.BatchURL != "" && opts.Secret == "" {
		return nil, errors.New("sandbox webhooks: BatchURL needs a Secret: DS signs every batch")
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultWebhookQueue
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{
			Timeout:       webhookTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	srv.mu.Lock()
	cursor := len(srv.webhooks)
	srv.mu.Unlock()
	return &WebhookSender{
		srv: srv, opts: opts, client: client, queue: make(chan outgoingEvent, opts.QueueSize),
		cursor: cursor, lastState: map[int]string{}, done: make(chan struct{}),
	}, nil
}

// Handler returns the sandbox's handler followed by Collect, so that each
// state change a request makes is queued for delivery as it happens.
func (w *WebhookSender) Handler() http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.srv.ServeHTTP(rw, r)
		w.Collect()
	})
}

// Collect queues the state changes recorded since the last call, in order,
// and returns how many it found. An event that finds the queue full is
// dropped and counted (Dropped).
func (w *WebhookSender) Collect() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.srv.mu.Lock()
	events := slices.Clone(w.srv.webhooks[min(w.cursor, len(w.srv.webhooks)):])
	w.cursor = len(w.srv.webhooks)
	w.srv.mu.Unlock()
	for _, ev := range events {
		w.sequence++
		out := outgoingEvent{WebhookEvent: ev, typ: w.eventType(ev), sequence: w.sequence}
		w.lastState[ev.DossierNumber] = ev.State
		select {
		case w.queue <- out:
		default:
			w.dropped++
		}
	}
	return len(events)
}

// eventType names a state change as DS's newer webhook does. Going back to
// en_construction or en_instruction is a "repasse" when the sender saw the
// dossier in a later state; a dossier it never saw is taken as new.
func (w *WebhookSender) eventType(ev WebhookEvent) string {
	prev, seen := w.lastState[ev.DossierNumber]
	switch ev.State {
	case "en_construction":
		if seen {
			return "dossier_repasse_en_construction"
		}
		return "dossier_depose"
	case "en_instruction":
		if prev == "accepte" || prev == "refuse" || prev == "sans_suite" {
			return "dossier_repasse_en_instruction"
		}
		return "dossier_en_instruction"
	case "accepte", "refuse", "sans_suite":
		return "dossier_" + ev.State
	}
	return "dossier_modifie"
}

// Dropped returns the number of events lost to a full queue.
func (w *WebhookSender) Dropped() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.dropped
}

// Deliveries returns the POSTs made so far (the last 1000), in order.
func (w *WebhookSender) Deliveries() []WebhookDelivery {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.deliveries)
}

// Start runs the delivery loop until ctx ends or Stop is called. It fails
// when called twice or after Stop.
func (w *WebhookSender) Start(ctx context.Context) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.started || w.stopped {
		return errors.New("sandbox webhooks: Start called twice or after Stop")
	}
	w.started = true
	ctx, w.cancel = context.WithCancel(ctx)
	go w.loop(ctx)
	return nil
}

// Stop ends the delivery loop, cancelling a POST in flight, and waits for
// it. Events still queued are not sent. It is safe to call twice.
func (w *WebhookSender) Stop() {
	w.mu.Lock()
	running := w.started && !w.stopped
	w.stopped = true
	w.mu.Unlock()
	if running {
		w.cancel()
		<-w.done
	}
}

func (w *WebhookSender) loop(ctx context.Context) {
	defer close(w.done)
	for {
		select {
		case <-ctx.Done():
			return
		case first := <-w.queue:
			w.deliver(ctx, w.drain(first))
		}
	}
}

// drain returns first and the events queued behind it, up to a batch.
func (w *WebhookSender) drain(first outgoingEvent) []outgoingEvent {
	events := []outgoingEvent{first}
	for len(events) < webhookBatchMax {
		select {
		case ev := <-w.queue:
			events = append(events, ev)
		default:
			return events
		}
	}
	return events
}

// recordDeposit records the webhook event of a dossier filed through POST
// /_sandbox/dossiers: DS fires its webhook on dépôt (a state change from
// brouillon), and a test's new dossier is a dépôt unless it says brouillon.
// The caller holds s.mu.
func (s *Server) recordDeposit(r *dossierRec, at time.Time) {
	if state := stateOf(r); state != "" && state != "brouillon" {
		s.webhooks = append(s.webhooks, WebhookEvent{
			DemarcheNumber: r.dem.number, DossierNumber: r.number, State: state, UpdatedAt: at,
		})
	}
}
