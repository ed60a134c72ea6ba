package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/connector/web"
)

// storeView adapts the store to what the HTTP server reads: pass outcomes
// for /readyz and the gauges of /metrics.
type storeView struct {
	st        *store.Store
	demarches []int
	// counts keeps the dossier counts of each démarche until the store
	// changes: counting reads every snapshot (0.7 s for 10,000), which
	// Prometheus would otherwise pay at every scrape.
	counts *countsCache
}

// countsCache holds, per démarche, the dossier counts and the store
// generation they were read at.
type countsCache struct {
	mu  sync.Mutex
	got map[int]dossierCounts
}

type dossierCounts struct {
	gen         uint64
	quarantined int
	dossiers    []web.DossierCount
}

func newStoreView(st *store.Store, demarches []int) storeView {
	return storeView{st: st, demarches: demarches, counts: &countsCache{got: map[int]dossierCounts{}}}
}

var (
	_ web.PassSource  = storeView{}
	_ web.StateSource = storeView{}
)

// Ping reads the store once: it fails when the file is closed.
func (v storeView) Ping(context.Context) error {
	_, err := v.st.Demarches()
	return err
}

// PassStatus summarises the newest finished full passes of a démarche;
// one-dossier passes (webhook, sync --dossier) say nothing of its health.
func (v storeView) PassStatus(_ context.Context, demarche int) (web.PassStatus, error) {
	passes, err := v.st.Passes(demarche, 50)
	if err != nil {
		return web.PassStatus{}, fmt.Errorf("démarche %d: %w", demarche, err)
	}
	var ps web.PassStatus
	for _, p := range passes { // newest first
		if p.Dossier != 0 || p.Outcome == store.OutcomeRunning || p.Outcome == store.OutcomeInterrupted {
			continue
		}
		if ps.LastOutcome == "" {
			ps.LastOutcome, ps.LastEnd, ps.LastError = p.Outcome, p.End, p.Error
		}
		if p.Outcome == store.OutcomeSuccess {
			ps.LastSuccess = p.End
			break
		}
	}
	return ps, nil
}

// State reads, per configured démarche, the outbox, quarantine, checkpoint
// and the dossiers by level and state.
func (v storeView) State(context.Context) ([]web.DemarcheState, error) {
	out := make([]web.DemarcheState, 0, len(v.demarches))
	for _, n := range v.demarches {
		s, err := v.demarcheState(n)
		if err != nil {
			return nil, fmt.Errorf("démarche %d: %w", n, err)
		}
		out = append(out, s)
	}
	return out, nil
}

func (v storeView) demarcheState(n int) (web.DemarcheState, error) {
	s := web.DemarcheState{Demarche: n}
	cp, err := v.st.Checkpoint(n)
	if err != nil {
		return s, err
	}
	s.Checkpoint, s.LastSuccess = cp.UpdatedSince, cp.LastSuccess
	if s.OutboxPending, s.OutboxParked, err = v.st.OpenCounts(n); err != nil {
		return s, err
	}
	dc, err := v.dossierCounts(n)
	if err != nil {
		return s, err
	}
	s.Quarantined, s.Dossiers = dc.quarantined, dc.dossiers
	return s, nil
}

// dossierCounts counts the dossiers of démarche n by level and state, and
// the quarantined ones, reading the snapshots one at a time; the result is
// kept until the store changes.
func (v storeView) dossierCounts(n int) (dossierCounts, error) {
	gen, err := v.st.Generation()
	if err != nil {
		return dossierCounts{}, err
	}
	v.counts.mu.Lock()
	defer v.counts.mu.Unlock()
	if got, ok := v.counts.got[n]; ok && got.gen == gen {
		return got, nil
	}
	dc := dossierCounts{gen: gen}
	counts := map[[2]string]int{}
	err = v.st.ForEachSnapshotState(n, func(d store.Snapshot) bool {
		if d.Deleted {
			return true
		}
		if d.Quarantined {
			dc.quarantined++
		}
		counts[[2]string{d.Level, d.State}]++
		return true
	})
	if err != nil {
		return dossierCounts{}, err
	}
	for k, c := range counts {
		dc.dossiers = append(dc.dossiers, web.DossierCount{Level: k[0], State: k[1], Count: c})
	}
	v.counts.got[n] = dc
	return dc, nil
}
