package web

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
)

// DefaultAddr is the listen address when Options.Addr is empty: loopback,
// so that nothing is exposed unless asked for.
const DefaultAddr = "127.0.0.1:8080"

// DefaultReadyTimeout bounds one readiness check.
const DefaultReadyTimeout = 5 * time.Second

// Options configures a Server.
type Options struct {
	// Addr is the listen address, host:port (default DefaultAddr; port 0
	// picks a free one, see Server.Addr).
	Addr string
	// Readiness answers /readyz (required).
	Readiness Readiness
	// Gatherer serves /metrics, usually the registry given to NewMetrics;
	// nil leaves /metrics out.
	Gatherer prometheus.Gatherer
	// Metrics, if not nil, counts requests and webhooks.
	Metrics *Metrics
	// Webhook configures /webhook; a nil Webhook.Queue leaves it out.
	Webhook WebhookOptions
	// Logger is the base logger; the server adds component=http.
	Logger zerolog.Logger
	// Now is the clock of request durations and the webhook rate limit
	// (default time.Now).
	Now func() time.Time
	// ReadyTimeout bounds one readiness check (default DefaultReadyTimeout).
	ReadyTimeout time.Duration
}

func (o Options) withDefaults() (Options, error) {
	if o.Readiness == nil {
		return o, errors.New("web options: Readiness is nil: expected what /readyz reports")
	}
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ReadyTimeout <= 0 {
		o.ReadyTimeout = DefaultReadyTimeout
	}
	return o, nil
}
