package main

import (
	"context"
	"fmt"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/connector/web"
)

// storeView adapts the store to what the HTTP server reads: pass outcomes
// for /readyz and the gauges of /metrics.
type storeView struct {
	st        *store.Store
	demarches []int
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
	snaps, err := v.st.Snapshots(n)
	if err != nil {
		return s, err
	}
	counts := map[[2]string]int{}
	for _, d := range snaps {
		if d.Deleted {
			continue
		}
		if d.Quarantined {
			s.Quarantined++
		}
		counts[[2]string{d.Level, d.State}]++
	}
	for k, c := range counts {
		s.Dossiers = append(s.Dossiers, web.DossierCount{Level: k[0], State: k[1], Count: c})
	}
	return s, nil
}
