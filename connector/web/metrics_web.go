package web

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Webhook request results, the values of spplus_webhook_requests_total's
// result label.
const (
	resultAccepted     = "accepted"
	resultUnauthorized = "unauthorized"
	resultForbidden    = "forbidden"
	resultTooLarge     = "too_large"
	resultRateLimited  = "rate_limited"
	resultBadRequest   = "bad_request"
	resultUnsupported  = "unsupported_media_type"
	resultUnknownDem   = "unknown_demarche"
	resultQueueFull    = "queue_full"
	resultUnavailable  = "unavailable"
)

// Webhook event results, the values of spplus_webhook_events_total's
// result label.
const (
	eventQueued  = "queued"
	eventMerged  = "merged"
	eventIgnored = "ignored"
	eventDropped = "dropped"
)

func (m *Metrics) initWeb(f promauto.Factory) {
	m.webhookRequests = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "webhook_requests_total",
		Help: "Webhook notifications received, by result (accepted, unauthorized, forbidden, rate_limited...)."},
		[]string{"result"})
	m.webhookEvents = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "webhook_events_total",
		Help: "Dossier events of accepted notifications: queued, merged with a waiting one, ignored, dropped (queue full)."},
		[]string{"result"})
	m.webhookSyncs = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "webhook_syncs_total",
		Help: "One-dossier syncs run by the webhook queue, by result (ok, error, given_up)."}, []string{"result"})
	m.queueDepth = f.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "webhook_queue_depth",
		Help: "Dossiers waiting in the webhook queue."})
	m.httpRequests = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "http_requests_total",
		Help: "HTTP requests served, by route and status code."}, []string{"route", "code"})
}

func (m *Metrics) webhookRequest(result string) {
	if m != nil {
		m.webhookRequests.WithLabelValues(result).Inc()
	}
}

func (m *Metrics) webhookEvent(result string, n int) {
	if m != nil && n > 0 {
		m.webhookEvents.WithLabelValues(result).Add(float64(n))
	}
}

func (m *Metrics) webhookSync(result string) {
	if m != nil {
		m.webhookSyncs.WithLabelValues(result).Inc()
	}
}

func (m *Metrics) setQueueDepth(n int) {
	if m != nil {
		m.queueDepth.Set(float64(n))
	}
}

func (m *Metrics) httpRequest(route string, code int) {
	if m != nil {
		m.httpRequests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	}
}
