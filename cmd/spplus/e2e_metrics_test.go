package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestMetricsAfterAPass scrapes a running "spplus run --sandbox" after its
// first pass and checks that the metrics count what the pass did.
func TestMetricsAfterAPass(t *testing.T) {
	r := startRunSandbox(t, spplusBinary(t))
	resp, err := http.Get(r.web + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s", resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	sum := func(name string, match map[string]string) float64 {
		total := 0.0
		f, ok := families[name]
		if !ok {
			t.Errorf("metric %s missing", name)
			return 0
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			keep := true
			for k, v := range match {
				keep = keep && labels[k] == v
			}
			if !keep {
				continue
			}
			switch {
			case m.Counter != nil:
				total += m.GetCounter().GetValue()
			case m.Gauge != nil:
				total += m.GetGauge().GetValue()
			case m.Histogram != nil:
				total += float64(m.GetHistogram().GetSampleCount())
			}
		}
		return total
	}
	// The demo démarche has 24 dossiers: the first pass judged them all,
	// wrote annotations and messages, and moved the checkpoint.
	for _, c := range []struct {
		name  string
		match map[string]string
		min   float64
	}{
		{"spplus_passes_total", map[string]string{"outcome": "success"}, 1},
		{"spplus_dossiers_evaluated_total", nil, 24},
		{"spplus_findings_total", nil, 1},
		{"spplus_actions_total", map[string]string{"kind": "message", "result": "done"}, 1},
		{"spplus_dossiers", nil, 24},
		{"spplus_ds_request_duration_seconds", nil, 3},
	} {
		if got := sum(c.name, c.match); got < c.min {
			t.Errorf("%s%v = %v, want ≥ %v", c.name, c.match, got, c.min)
		}
	}
}
