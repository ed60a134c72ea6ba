package web

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// namespace prefixes every metric of spplus.
const namespace = "spplus"

// Metrics holds spplus's counters, gauges and histograms. Its methods
// satisfy graphql.Observer (Request, Retry, RateLimited) and
// connector.Observer (PassFinished, AlreadyRunning, Action, Quarantined,
// Checkpoint) structurally, so that neither package imports a metrics
// library and this one imports neither package. They are safe for
// concurrent use, never block, and do nothing on a nil *Metrics.
//
// Label values come from bounded sets (configured démarches, operation
// names, rule IDs, outcome classes): never a dossier number.
type Metrics struct {
	passes        *prometheus.CounterVec
	passDuration  *prometheus.HistogramVec
	passesSkipped *prometheus.CounterVec
	actions       *prometheus.CounterVec
	quarantines   *prometheus.CounterVec
	checkpoint    *prometheus.GaugeVec
	evaluated     *prometheus.CounterVec
	findings      *prometheus.CounterVec

	dsRequests  *prometheus.CounterVec
	dsDuration  *prometheus.HistogramVec
	dsRetries   *prometheus.CounterVec
	dsThrottled *prometheus.CounterVec
	dsWait      *prometheus.CounterVec

	webhookRequests *prometheus.CounterVec
	webhookEvents   *prometheus.CounterVec
	webhookSyncs    *prometheus.CounterVec
	queueDepth      prometheus.Gauge
	httpRequests    *prometheus.CounterVec
}

// NewMetrics creates spplus's metrics and registers them with reg (cmd
// passes its own registry, tests prometheus.NewRegistry()). It panics only
// when reg already holds metrics of the same names, a wiring bug.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	f := promauto.With(reg)
	m := &Metrics{}
	m.initPasses(f)
	m.initDS(f)
	m.initWeb(f)
	return m
}

func (m *Metrics) initPasses(f promauto.Factory) {
	m.passes = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "passes_total",
		Help: "Sync passes finished, by démarche, trigger (cron, webhook, cli, start) and outcome."},
		[]string{"demarche", "trigger", "outcome"})
	m.passDuration = f.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "pass_duration_seconds",
		Help: "Duration of finished sync passes.",
		// A webhook pass of one dossier takes a second, a first scan of a
		// large démarche many minutes.
		Buckets: []float64{0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800, 3600}},
		[]string{"demarche", "trigger"})
	m.passesSkipped = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "passes_skipped_total",
		Help: "Passes refused because another pass of the démarche was running."}, []string{"demarche"})
	m.actions = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "actions_total",
		Help: "Outbox actions executed, by kind and result (done, skipped, failed, parked)."},
		[]string{"demarche", "kind", "result"})
	m.quarantines = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "quarantines_total",
		Help: "Dossiers set aside after repeated failures."}, []string{"demarche"})
	m.checkpoint = f.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: "checkpoint_timestamp_seconds",
		Help: "The checkpoint (updatedSince of the next pass) last set, as a Unix time."}, []string{"demarche"})
	m.evaluated = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "dossiers_evaluated_total",
		Help: "Dossier evaluations, by resulting level and DS state."}, []string{"demarche", "level", "state"})
	m.findings = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "findings_total",
		Help: "Findings of dossier evaluations, by rule ID."}, []string{"demarche", "rule"})
}

func (m *Metrics) initDS(f promauto.Factory) {
	m.dsRequests = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "ds_requests_total",
		Help: "HTTP attempts to the DS API, by operation and status class (ok, rate_limited, server...)."},
		[]string{"operation", "status_class"})
	m.dsDuration = f.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "ds_request_duration_seconds",
		Help: "Duration of HTTP attempts to the DS API.", Buckets: prometheus.DefBuckets}, []string{"operation"})
	m.dsRetries = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "ds_retries_total",
		Help: "DS API requests retried."}, []string{"operation"})
	m.dsThrottled = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "ds_rate_limited_total",
		Help: "DS API answers 429 Too Many Requests."}, []string{"operation"})
	m.dsWait = f.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "ds_rate_limit_wait_seconds_total",
		Help: "Time spent waiting for the rate limit (client budget or server Retry-After)."}, []string{"operation"})
}

// Request implements graphql.Observer: one HTTP attempt of op.
func (m *Metrics) Request(op, class string, d time.Duration) {
	if m == nil {
		return
	}
	m.dsRequests.WithLabelValues(op, class).Inc()
	m.dsDuration.WithLabelValues(op).Observe(d.Seconds())
	if class == "rate_limited" {
		m.dsThrottled.WithLabelValues(op).Inc()
	}
}

// Retry implements graphql.Observer: op is about to be tried again.
func (m *Metrics) Retry(op string, _ error) {
	if m == nil {
		return
	}
	m.dsRetries.WithLabelValues(op).Inc()
}

// RateLimited implements graphql.Observer: op waits before its next request.
func (m *Metrics) RateLimited(op string, wait time.Duration) {
	if m == nil || wait <= 0 {
		return
	}
	m.dsWait.WithLabelValues(op).Add(wait.Seconds())
}

// demarcheLabel is the label value of a démarche number.
func demarcheLabel(n int) string { return strconv.Itoa(n) }
