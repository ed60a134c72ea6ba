package web

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// DemarcheState is what the store knows of one démarche at scrape time.
type DemarcheState struct {
	Demarche int
	// OutboxPending and OutboxParked count the outbox actions waiting to
	// be made and those set aside for a human.
	OutboxPending, OutboxParked int
	// Quarantined counts the dossiers set aside after repeated failures.
	Quarantined int
	// Checkpoint is the updatedSince of the next pass; zero before the first.
	Checkpoint time.Time
	// LastSuccess is when the last successful pass ended; zero when none.
	LastSuccess time.Time
	// Dossiers counts the known dossiers by level and DS state.
	Dossiers []DossierCount
}

// DossierCount is the number of dossiers with one level and one DS state.
// An empty Level is reported as LevelUndetermined.
type DossierCount struct {
	Level, State string
	Count        int
}

// StateSource reads the state of every configured démarche; cmd adapts
// the store to it. It is called at each scrape, so it should be one quick
// read transaction per démarche.
type StateSource interface {
	State(ctx context.Context) ([]DemarcheState, error)
}

// StateSourceFunc adapts a function to StateSource.
type StateSourceFunc func(ctx context.Context) ([]DemarcheState, error)

// State calls f.
func (f StateSourceFunc) State(ctx context.Context) ([]DemarcheState, error) { return f(ctx) }

// stateCollector turns a StateSource into gauges at scrape time, so that
// they are never stale and nothing has to keep them up to date.
type stateCollector struct {
	src     StateSource
	now     func() time.Time
	timeout time.Duration

	outbox, quarantined, checkpointAge, lastSuccess, dossiers *prometheus.Desc
}

// NewStateCollector returns a collector of the store's gauges, read from
// src at each scrape (at most timeout, default 5s); register it with the
// same registry as NewMetrics. now is the clock of the checkpoint age
// (default time.Now). A failing src fails the scrape of these gauges only.
func NewStateCollector(src StateSource, now func() time.Time, timeout time.Duration) prometheus.Collector {
	if now == nil {
		now = time.Now
	}
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	desc := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(namespace, "", name), help, append([]string{"demarche"}, labels...), nil)
	}
	return &stateCollector{
		src: src, now: now, timeout: timeout,
		outbox:        desc("outbox_actions", "Outbox actions by state: pending (waiting to be made) or parked (waiting for a human).", "state"),
		quarantined:   desc("dossiers_quarantined", "Dossiers set aside after repeated failures."),
		checkpointAge: desc("checkpoint_age_seconds", "Age of the checkpoint: how far back the next pass reads."),
		lastSuccess:   desc("last_success_timestamp_seconds", "End of the last successful pass as a Unix time; 0 when none."),
		dossiers:      desc("dossiers", "Known dossiers by level and DS state.", "level", "state"),
	}
}

// Describe implements prometheus.Collector.
func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.outbox, c.quarantined, c.checkpointAge, c.lastSuccess, c.dossiers} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	states, err := c.src.State(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.outbox, err)
		return
	}
	now := c.now()
	for _, s := range states {
		c.collectOne(ch, s, now)
	}
}

func (c *stateCollector) collectOne(ch chan<- prometheus.Metric, s DemarcheState, now time.Time) {
	dl := demarcheLabel(s.Demarche)
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, append([]string{dl}, labels...)...)
	}
	gauge(c.outbox, float64(s.OutboxPending), "pending")
	gauge(c.outbox, float64(s.OutboxParked), "parked")
	gauge(c.quarantined, float64(s.Quarantined))
	if !s.Checkpoint.IsZero() {
		gauge(c.checkpointAge, max(now.Sub(s.Checkpoint).Seconds(), 0))
	}
	last := 0.0
	if !s.LastSuccess.IsZero() {
		last = float64(s.LastSuccess.UnixNano()) / 1e9
	}
	gauge(c.lastSuccess, last)
	for _, d := range mergeCounts(s.Dossiers) {
		gauge(c.dossiers, float64(d.Count), d.Level, d.State)
	}
}

// mergeCounts sums the counts of equal (level, state) pairs, the empty
// level becoming LevelUndetermined: a const metric may appear only once.
func mergeCounts(in []DossierCount) []DossierCount {
	idx := map[[2]string]int{}
	var out []DossierCount
	for _, d := range in {
		if d.Level == "" {
			d.Level = LevelUndetermined
		}
		k := [2]string{d.Level, d.State}
		if i, ok := idx[k]; ok {
			out[i].Count += d.Count
			continue
		}
		idx[k] = len(out)
		out = append(out, d)
	}
	return out
}
