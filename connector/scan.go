package connector

import (
	"context"
	"errors"
	"fmt"

	"github.com/spplus/spplus/connector/store"
)

// scanStore goes over every snapshot the store holds, not only the
// dossiers this pass read: persisted state decides what is due. It retries
// the dossiers that failed (not yet quarantined), which a moved checkpoint
// would otherwise never bring back, and plans the reminders that are due.
func (p *pass) scanStore(ctx context.Context) error {
	var retry, remind []int
	err := p.st().ForEachSnapshotState(p.dem, func(s store.Snapshot) bool {
		switch {
		case p.touched(s.Number) || s.Deleted || s.Quarantined:
		case s.Failures > 0:
			retry = append(retry, s.Number)
		case p.reminderCandidate(s):
			remind = append(remind, s.Number)
		}
		return ctx.Err() == nil
	})
	if err != nil {
		return &fatalError{err}
	}
	for _, n := range retry {
		if err := p.retry(ctx, n); err != nil {
			return err
		}
	}
	for _, n := range remind {
		if err := p.remind(ctx, n); err != nil {
			return err
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return p.step(StepRemindersPlanned, 0)
}

// reminderCandidate tells, from the snapshot alone, a dossier that may be
// due a reminder; remind decides.
func (p *pass) reminderCandidate(s store.Snapshot) bool {
	return p.run.pol.messages.Enabled && messageable(s.State) && !s.Complete && s.InputsHash != "" &&
		reminderDue(s, p.run.pol, p.now())
}

// retry reads a failed dossier by number and processes it again.
func (p *pass) retry(ctx context.Context, n int) error {
	d, err := p.ds().Dossier(ctx, n)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		p.markTouched(n)
		return p.dossierFailed(n, fmt.Errorf("read dossier %d: %w", n, err))
	}
	if err := p.step(StepDossierFetched, n); err != nil {
		return err
	}
	return p.process(ctx, d, false)
}

// remind plans the reminder of an unchanged dossier from its snapshot, and
// saves it with the snapshot's new message state in one transaction.
func (p *pass) remind(ctx context.Context, n int) error {
	snap, err := p.st().Snapshot(p.dem, n)
	if err != nil {
		return &fatalError{err}
	}
	x, err := readExtra(snap)
	if err != nil {
		return nil // written by another version: the next change re-evaluates it
	}
	o, err := outcomeOf(snap, x)
	if err != nil {
		return nil
	}
	f := facts{Number: n, DossierID: snap.DossierID, State: snap.State}
	a, ok, err := planMessage(o, snap, x, f, p.run.pol, p.now())
	if err != nil || !ok {
		if err != nil {
			p.report.fail(n, err)
		}
		return nil
	}
	if p.dry {
		p.report.action(a, ResultPlanned, nil)
		return nil
	}
	snap, x = afterPlan(snap, x, []store.Action{a}, p.now())
	if snap.Extra, err = x.encode(); err != nil {
		return &fatalError{err}
	}
	entry := store.JournalEntry{At: p.now(), Kind: "planned", Action: a.Key, Message: summarize(a)}
	if _, err := p.st().SaveSnapshotAndPlan(p.dem, snap, []store.Action{a}, []store.JournalEntry{entry}); err != nil {
		return &fatalError{err}
	}
	return p.executeKeys(ctx, []store.Action{a})
}

// one is SyncDossier's pass over a single dossier.
func (p *pass) one(ctx context.Context, n int) error {
	if err := p.begin(); err != nil {
		return err
	}
	if !p.dry {
		if err := p.st().ClearQuarantine(p.dem, n); err != nil && !errors.Is(err, store.ErrNotFound) {
			return &fatalError{err}
		}
	}
	d, err := p.ds().Dossier(ctx, n)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		p.markTouched(n)
		if ferr := p.dossierFailed(n, fmt.Errorf("read dossier %d: %w", n, err)); ferr != nil {
			return ferr
		}
		return fmt.Errorf("dossier %d: %w", n, err)
	}
	if err := p.step(StepDossierFetched, n); err != nil {
		return err
	}
	if err := p.process(ctx, d, true); err != nil {
		return err
	}
	if err := p.executePending(ctx, n); err != nil {
		return err
	}
	if r := p.report.dossier(n); r.Error != "" {
		return fmt.Errorf("dossier %d: %s", n, r.Error)
	}
	return nil
}

// check evaluates one dossier and reports the plan; it writes nothing.
func (p *pass) check(ctx context.Context, n int) (CheckReport, error) {
	d, err := p.ds().Dossier(ctx, n)
	if err != nil {
		return CheckReport{}, fmt.Errorf("check dossier %d: %w", n, err)
	}
	old, found, err := p.snapshot(n)
	if err != nil {
		return CheckReport{}, err
	}
	ev, err := p.evaluate(ctx, d, old)
	if err != nil {
		return CheckReport{}, fmt.Errorf("check dossier %d: %w", n, err)
	}
	r := CheckReport{Demarche: p.dem, Number: n, State: ev.dossier.State, Verdict: ev.verdict,
		Changed: !found || old.InputsHash != ev.snap.InputsHash, Actions: []ActionReport{}}
	for _, a := range ev.actions {
		r.Actions = append(r.Actions, ActionReport{Key: a.Key, Kind: a.Kind, Summary: summarize(a), Result: ResultPlanned})
	}
	return r, nil
}
