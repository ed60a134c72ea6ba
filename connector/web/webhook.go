package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/time/rate"
)

// Webhook defaults, used for the zero fields of WebhookOptions.
const (
	// DefaultWebhookMaxBody caps a notification body. A full batch of 100
	// events is about 12 KiB; the legacy form is under 100 bytes.
	DefaultWebhookMaxBody = 64 << 10
	// DefaultWebhookRate is the sustained rate of notifications accepted,
	// per second, all senders together.
	DefaultWebhookRate = 20
	// DefaultWebhookBurst is how many notifications may come at once.
	DefaultWebhookBurst = 200
)

// ErrQueueFull is returned by an Enqueuer that has no room left; the
// webhook then answers 429 so that a sender that retries comes back later.
var ErrQueueFull = errors.New("webhook queue is full")

// Enqueuer receives the dossiers webhooks name. Enqueue must not block; it
// returns ErrQueueFull when no room is left. Queue implements it.
type Enqueuer interface {
	Enqueue(demarche, dossier int) error
}

// WebhookOptions configures POST /webhook/{secret}.
type WebhookOptions struct {
	// Queue receives the dossiers to sync; nil disables the webhook (404).
	Queue Enqueuer
	// Secret is the config's http.webhook_secret: it must be the last path
	// segment of a legacy notification, and keys the HMAC of a signed
	// batch. Empty disables both checks (anyone may then ask for a
	// re-read, which the rate limit bounds).
	Secret string
	// Demarches are the démarches notifications are accepted for; a
	// notification for another one is answered 422. Empty accepts any.
	Demarches []int
	// MaxBodyBytes caps the body (413 beyond); default DefaultWebhookMaxBody.
	MaxBodyBytes int64
	// RatePerSecond and Burst bound the notifications accepted (429
	// beyond); defaults DefaultWebhookRate and DefaultWebhookBurst.
	RatePerSecond float64
	Burst         int
}

func (o WebhookOptions) withDefaults() WebhookOptions {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultWebhookMaxBody
	}
	if o.RatePerSecond <= 0 {
		o.RatePerSecond = DefaultWebhookRate
	}
	if o.Burst <= 0 {
		o.Burst = DefaultWebhookBurst
	}
	return o
}

// webhookHandler serves POST /webhook and POST /webhook/{secret...}.
type webhookHandler struct {
	opts    WebhookOptions
	limiter *rate.Limiter
	now     func() time.Time
	log     zerolog.Logger
	metrics *Metrics
}

func newWebhookHandler(opts WebhookOptions, now func() time.Time, log zerolog.Logger, m *Metrics) *webhookHandler {
	opts = opts.withDefaults()
	return &webhookHandler{
		opts:    opts,
		limiter: rate.NewLimiter(rate.Limit(opts.RatePerSecond), opts.Burst),
		now:     now, log: log, metrics: m,
	}
}

// rejection is a refused notification: the status, the metrics result and
// the message of the JSON body.
type rejection struct {
	status int
	result string
	msg    string
}

// ServeHTTP checks, in order of cost: the rate, the path secret, the
// media type, the body size, the signature, the body, the démarche; then
// queues the dossiers and answers 202. A refused notification queues nothing.
func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n, rej := h.admit(w, r)
	if rej == nil {
		rej = h.enqueue(w, n)
	}
	if rej != nil {
		h.metrics.webhookRequest(rej.result)
		ev := h.log.Warn()
		if rej.status == http.StatusTooManyRequests {
			ev = h.log.Debug() // a flood must not flood the log too; the metric counts it
		}
		ev.Int("status", rej.status).Str("result", rej.result).Str("reason", rej.msg).
			Str("remote", r.RemoteAddr).Msg("webhook refused")
		writeError(w, rej.status, rej.msg)
	}
}

// admit authenticates and parses the notification.
func (h *webhookHandler) admit(w http.ResponseWriter, r *http.Request) (Notification, *rejection) {
	if !h.limiter.AllowN(h.now(), 1) {
		w.Header().Set("Retry-After", "1")
		return Notification{}, &rejection{http.StatusTooManyRequests, resultRateLimited, "too many notifications: retry later"}
	}
	if rej := h.checkPathSecret(r); rej != nil {
		return Notification{}, rej
	}
	batch, rej := payloadKind(r)
	if rej != nil {
		return Notification{}, rej
	}
	body, rej := h.readBody(w, r)
	if rej != nil {
		return Notification{}, rej
	}
	if rej := h.checkSignature(r, body, batch); rej != nil {
		return Notification{}, rej
	}
	return h.parse(body, batch)
}

// checkPathSecret refuses a wrong secret in the path. A missing one may
// still be made up for by a signature: checkSignature decides.
func (h *webhookHandler) checkPathSecret(r *http.Request) *rejection {
	presented := r.PathValue("secret")
	if h.opts.Secret == "" || presented == "" || secretEqual(presented, h.opts.Secret) {
		return nil
	}
	return &rejection{http.StatusForbidden, resultForbidden, "wrong webhook secret"}
}

// payloadKind tells a signed JSON batch (true) from the legacy form by the
// media type; without one, the signature header decides.
func payloadKind(r *http.Request) (batch bool, rej *rejection) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return r.Header.Get(SignatureHeader) != "", nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	switch {
	case err == nil && mt == "application/json":
		return true, nil
	case err == nil && mt == "application/x-www-form-urlencoded":
		return false, nil
	}
	return false, &rejection{http.StatusUnsupportedMediaType, resultUnsupported,
		"expected application/json (signed batch) or application/x-www-form-urlencoded (legacy form)"}
}

// readBody reads the body up to the cap.
func (h *webhookHandler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *rejection) {
	tooLarge := &rejection{http.StatusRequestEntityTooLarge, resultTooLarge, "body too large"}
	if r.ContentLength > h.opts.MaxBodyBytes {
		return nil, tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return nil, tooLarge
	case err != nil:
		return nil, &rejection{http.StatusBadRequest, resultBadRequest, "read body: " + err.Error()}
	}
	return body, nil
}

// checkSignature enforces the secret once the body is known. With a
// secret configured, a batch must carry a valid signature and a legacy
// form (which DS never signs) the secret in its path; a signature present
// is verified whatever the form.
func (h *webhookHandler) checkSignature(r *http.Request, body []byte, batch bool) *rejection {
	if h.opts.Secret == "" {
		return nil
	}
	sig := r.Header.Get(SignatureHeader)
	if sig == "" && !batch {
		if r.PathValue("secret") == "" {
			return &rejection{http.StatusUnauthorized, resultUnauthorized, "missing webhook secret: expected POST /webhook/{secret}"}
		}
		return nil
	}
	switch err := verifySignature(h.opts.Secret, body, sig); {
	case errors.Is(err, errNoSignature):
		return &rejection{http.StatusUnauthorized, resultUnauthorized, err.Error()}
	case err != nil:
		return &rejection{http.StatusForbidden, resultForbidden, err.Error()}
	}
	return nil
}

// parse decodes the body and checks its démarche.
func (h *webhookHandler) parse(body []byte, batch bool) (Notification, *rejection) {
	parse := parseLegacy
	if batch {
		parse = parseBatch
	}
	n, err := parse(body)
	if err != nil {
		return Notification{}, &rejection{http.StatusBadRequest, resultBadRequest, err.Error()}
	}
	if len(h.opts.Demarches) > 0 && !slices.Contains(h.opts.Demarches, n.Demarche) {
		return Notification{}, &rejection{http.StatusUnprocessableEntity, resultUnknownDem,
			"démarche " + demarcheLabel(n.Demarche) + " is not configured in spplus"}
	}
	return n, nil
}
