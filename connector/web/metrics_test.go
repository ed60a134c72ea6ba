package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape serves g's metrics through promhttp, as Prometheus would read
// them, and parses the text exposition.
func scrape(t *testing.T, g prometheus.Gatherer) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Accept", "text/plain")
	promhttp.HandlerFor(g, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}).ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: status %d: %s", rec.Code, rec.Body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatalf("parse scrape: %v\n%s", err, rec.Body)
	}
	return fams
}

// gather is scrape for a registry.
func gather(t *testing.T, reg *prometheus.Registry) map[string]*dto.MetricFamily {
	t.Helper()
	return scrape(t, reg)
}

// value returns the value of the series of family name with the given
// label pairs (all of its labels), or -1 when there is none: counters,
// gauges, and a histogram's sample count.
func value(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	t.Helper()
	mf, ok := fams[name]
	if !ok {
		return -1
	}
	for _, m := range mf.GetMetric() {
		if !hasLabels(m, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue()
		case m.Gauge != nil:
			return m.GetGauge().GetValue()
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount())
		case m.Untyped != nil:
			return m.GetUntyped().GetValue()
		}
	}
	return -1
}

func hasLabels(m *dto.Metric, pairs []string) bool {
	if len(m.GetLabel())*2 != len(pairs) {
		return false
	}
	for i := 0; i < len(pairs); i += 2 {
		found := false
		for _, l := range m.GetLabel() {
			if l.GetName() == pairs[i] && l.GetValue() == pairs[i+1] {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestMetricsCount(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.PassFinished(12, "cron", "success", 3*time.Second)
	m.PassFinished(12, "cron", "success", time.Second)
	m.PassFinished(12, "webhook", "failed", time.Second)
	m.AlreadyRunning(12)
	m.Action(12, "annotations", "done")
	m.Quarantined(12, 4711)
	m.Checkpoint(12, time.Unix(1_772_000_000, 0))
	m.DossierEvaluated(12, "en_construction", "argent", []string{"DEPOSIT_ONE_MONTH", "MISSING_AUDIT_DATE"})
	m.DossierEvaluated(12, "en_construction", "", []string{"MISSING_AUDIT_DATE"})
	m.Request("dossiers", "ok", 200*time.Millisecond)
	m.Request("dossiers", "rate_limited", 10*time.Millisecond)
	m.Retry("dossiers", errors.New("429"))
	m.RateLimited("dossiers", 1500*time.Millisecond)
	m.RateLimited("dossiers", 500*time.Millisecond)

	fams := gather(t, reg)
	tests := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"spplus_passes_total", []string{"demarche", "12", "trigger", "cron", "outcome", "success"}, 2},
		{"spplus_passes_total", []string{"demarche", "12", "trigger", "webhook", "outcome", "failed"}, 1},
		{"spplus_pass_duration_seconds", []string{"demarche", "12", "trigger", "cron"}, 2},
		{"spplus_passes_skipped_total", []string{"demarche", "12"}, 1},
		{"spplus_actions_total", []string{"demarche", "12", "kind", "annotations", "result", "done"}, 1},
		{"spplus_quarantines_total", []string{"demarche", "12"}, 1},
		{"spplus_checkpoint_timestamp_seconds", []string{"demarche", "12"}, 1_772_000_000},
		{"spplus_dossiers_evaluated_total", []string{"demarche", "12", "level", "argent", "state", "en_construction"}, 1},
		{"spplus_dossiers_evaluated_total", []string{"demarche", "12", "level", "undetermined", "state", "en_construction"}, 1},
		{"spplus_findings_total", []string{"demarche", "12", "rule", "MISSING_AUDIT_DATE"}, 2},
		{"spplus_findings_total", []string{"demarche", "12", "rule", "DEPOSIT_ONE_MONTH"}, 1},
		{"spplus_ds_requests_total", []string{"operation", "dossiers", "status_class", "ok"}, 1},
		{"spplus_ds_requests_total", []string{"operation", "dossiers", "status_class", "rate_limited"}, 1},
		{"spplus_ds_request_duration_seconds", []string{"operation", "dossiers"}, 2},
		{"spplus_ds_rate_limited_total", []string{"operation", "dossiers"}, 1},
		{"spplus_ds_retries_total", []string{"operation", "dossiers"}, 1},
		{"spplus_ds_rate_limit_wait_seconds_total", []string{"operation", "dossiers"}, 2},
	}
	for _, tt := range tests {
		if got := value(t, fams, tt.name, tt.labels...); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
}

func TestNilMetricsIsSilent(t *testing.T) {
	var m *Metrics
	m.PassFinished(1, "cron", "success", time.Second)
	m.AlreadyRunning(1)
	m.Action(1, "message", "done")
	m.Quarantined(1, 2)
	m.Checkpoint(1, time.Now())
	m.DossierEvaluated(1, "accepte", "or", nil)
	m.Request("op", "ok", time.Second)
	m.Retry("op", nil)
	m.RateLimited("op", time.Second)
	m.webhookRequest(resultAccepted)
	m.webhookEvent(eventQueued, 1)
	m.webhookSync("ok")
	m.setQueueDepth(3)
	m.httpRequest("GET /healthz", 200)
}

func TestStateCollector(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	src := StateSourceFunc(func(context.Context) ([]DemarcheState, error) {
		return []DemarcheState{
			{Demarche: 12, OutboxPending: 3, OutboxParked: 1, Quarantined: 2,
				Checkpoint: now.Add(-90 * time.Second), LastSuccess: time.Unix(1_772_000_000, 0),
				Dossiers: []DossierCount{{"or", "accepte", 4}, {"", "en_construction", 2}, {"", "en_construction", 1}}},
			{Demarche: 13},
		}, nil
	})
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewStateCollector(src, func() time.Time { return now }, 0))
	fams := gather(t, reg)
	tests := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"spplus_outbox_actions", []string{"demarche", "12", "state", "pending"}, 3},
		{"spplus_outbox_actions", []string{"demarche", "12", "state", "parked"}, 1},
		{"spplus_dossiers_quarantined", []string{"demarche", "12"}, 2},
		{"spplus_checkpoint_age_seconds", []string{"demarche", "12"}, 90},
		{"spplus_checkpoint_age_seconds", []string{"demarche", "13"}, -1}, // never synced: no age
		{"spplus_last_success_timestamp_seconds", []string{"demarche", "12"}, 1_772_000_000},
		{"spplus_last_success_timestamp_seconds", []string{"demarche", "13"}, 0},
		{"spplus_dossiers", []string{"demarche", "12", "level", "or", "state", "accepte"}, 4},
		{"spplus_dossiers", []string{"demarche", "12", "level", "undetermined", "state", "en_construction"}, 3},
	}
	for _, tt := range tests {
		if got := value(t, fams, tt.name, tt.labels...); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
}

// TestStateCollectorErrorKeepsOtherMetrics: a store that cannot be read
// must not blind the whole scrape.
func TestStateCollectorErrorKeepsOtherMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.AlreadyRunning(5)
	reg.MustRegister(NewStateCollector(StateSourceFunc(func(context.Context) ([]DemarcheState, error) {
		return nil, errors.New("store closed")
	}), nil, time.Second))
	if _, err := reg.Gather(); err == nil || !strings.Contains(err.Error(), "store closed") {
		t.Errorf("Gather error = %v, want the source's", err)
	}
	fams := scrape(t, reg)
	if got := value(t, fams, "spplus_passes_skipped_total", "demarche", "5"); got != 1 {
		t.Errorf("spplus_passes_skipped_total = %v, want 1 despite the failing collector", got)
	}
}

// TestMetricsEndpoint scrapes /metrics through the server.
func TestMetricsEndpoint(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.Request("dossier", "server", time.Second)
	s := startServer(t, Options{Readiness: ReadinessFunc(func(context.Context) (bool, []string) { return true, nil }),
		Gatherer: reg, Metrics: m})
	code, body := get(t, "http://"+s.Addr()+"/metrics")
	if code != 200 || !strings.Contains(body, `spplus_ds_requests_total{operation="dossier",status_class="server"} 1`) {
		t.Errorf("/metrics = %d\n%s", code, body)
	}
}

// TestMetricsFollowConventions lints every metric family with promlint
// (names, units, _total suffixes, help texts).
func TestMetricsFollowConventions(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	// Touch one series of each vector so that every family is exposed.
	m.PassFinished(1, "cron", "success", time.Second)
	m.AlreadyRunning(1)
	m.Action(1, "message", "done")
	m.Quarantined(1, 2)
	m.Checkpoint(1, time.Unix(1, 0))
	m.DossierEvaluated(1, "accepte", "or", []string{"R"})
	m.Request("op", "ok", time.Second)
	m.Retry("op", nil)
	m.RateLimited("op", time.Second)
	m.webhookRequest(resultAccepted)
	m.webhookEvent(eventQueued, 1)
	m.webhookSync("ok")
	m.httpRequest("GET /healthz", 200)
	reg.MustRegister(NewStateCollector(StateSourceFunc(func(context.Context) ([]DemarcheState, error) {
		return []DemarcheState{{Demarche: 1, Checkpoint: time.Unix(1, 0), Dossiers: []DossierCount{{"or", "accepte", 1}}}}, nil
	}), nil, 0))
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	problems, err := promlint.NewWithMetricFamilies(fams).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
	for _, mf := range fams {
		if !strings.HasPrefix(mf.GetName(), "spplus_") {
			t.Errorf("%s lacks the spplus_ prefix", mf.GetName())
		}
	}
}
