package connector

import (
	"context"
	"errors"
	"fmt"

	"github.com/spplus/spplus/connector/store"
)

// errMoot marks an action that needs no call: already in effect, or made
// pointless by what happened on DS since it was planned. It is done.
type errMoot struct{ reason string }

func (e *errMoot) Error() string { return e.reason }

func moot(format string, args ...any) error { return &errMoot{fmt.Sprintf(format, args...)} }

// executeKeys executes the planned actions still pending in the outbox
// (an action planned by an earlier pass with the same key may be done).
func (p *pass) executeKeys(ctx context.Context, planned []store.Action) error {
	for _, pa := range planned {
		a, err := p.st().Action(p.dem, pa.Key)
		if err != nil {
			return &fatalError{err}
		}
		if a.State != store.ActionPending {
			continue
		}
		if err := p.execute(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// executePending executes every pending action of the outbox (those of
// dossier only, when dossier > 0), oldest first: what an interrupted pass
// left, and what failed before.
func (p *pass) executePending(ctx context.Context, dossier int) error {
	actions, err := p.st().PendingActions(p.dem)
	if err != nil {
		return &fatalError{err}
	}
	for _, a := range actions {
		switch {
		case dossier > 0 && a.Dossier != dossier:
		case p.dry:
			p.report.action(a, ResultPlanned, nil) // left by an earlier pass
		default:
			if err := p.execute(ctx, a); err != nil {
				return err
			}
		}
	}
	return nil
}

// execute makes one action and records its result in its own short
// transaction: done when DS confirmed it (or it was already in effect),
// failed (and parked after quarantine_after tries) otherwise. Only fatal
// errors are returned; a cancelled context leaves the action pending.
func (p *pass) execute(ctx context.Context, a store.Action) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := p.step(StepBeforeAction, a.Dossier); err != nil {
		return err
	}
	err := p.perform(ctx, a)
	var m *errMoot
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &m):
		return p.done(a, ResultSkipped, m.reason)
	case err != nil:
		return p.failed(a, err)
	}
	if err := p.step(StepAfterSend, a.Dossier); err != nil {
		return err
	}
	if err := p.done(a, ResultDone, ""); err != nil {
		return err
	}
	if a.Kind == store.KindState {
		return p.followUp(ctx, a.Dossier)
	}
	return nil
}

// maxFollowUps bounds the re-evaluations a dossier gets in one pass after
// its own state changes (passer en instruction, then a decision).
const maxFollowUps = 2

// followUp reads a dossier whose state spplus just changed and processes
// it again at once, so that the next step (a decision after passer en
// instruction, the annotations after a decision) is made in the same pass
// instead of one pass later.
func (p *pass) followUp(ctx context.Context, n int) error {
	if p.followUps[n] >= maxFollowUps {
		return nil
	}
	p.followUps[n]++
	d, err := p.ds().Dossier(ctx, n)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		p.log.Warn().Err(err).Int("dossier", n).Msg("cannot read the dossier after its state change: the next pass will")
		return nil
	}
	if err := p.step(StepDossierFetched, n); err != nil {
		return err
	}
	p.report.Seen--
	return p.process(ctx, d, false)
}

// done marks an action done and journals it.
func (p *pass) done(a store.Action, result, reason string) error {
	if err := p.st().MarkDone(p.dem, a.Key, p.now()); err != nil {
		return &fatalError{err}
	}
	p.report.action(a, result, nil)
	p.s.opts.Observer.Action(p.dem, a.Kind, result)
	msg := summarize(a)
	if reason != "" {
		msg += ": " + reason
	}
	p.log.Info().Int("dossier", a.Dossier).Str("action", a.Key).Str("result", result).Msg(msg)
	p.note(store.JournalEntry{Dossier: a.Dossier, Kind: result, Action: a.Key, Message: msg})
	return p.step(StepActionDone, a.Dossier)
}

// failed records a failed attempt: the action stays pending (holding the
// checkpoint) until it failed quarantine_after times; it is then parked
// and its dossier quarantined, with the error, for a human to look at.
func (p *pass) failed(a store.Action, cause error) error {
	after := p.quarantineAfter()
	upd, err := p.st().MarkFailed(p.dem, a.Key, cause.Error(), after, p.now())
	if err != nil {
		return &fatalError{err}
	}
	result := ResultFailed
	if upd.State == store.ActionParked {
		result = ResultParked
	} else {
		p.pending++
	}
	p.report.action(a, result, cause)
	p.s.opts.Observer.Action(p.dem, a.Kind, result)
	p.log.Warn().Err(cause).Int("dossier", a.Dossier).Str("action", a.Key).Int("attempts", upd.Attempts).Msg("action " + result)
	p.note(store.JournalEntry{Dossier: a.Dossier, Kind: result, Action: a.Key, Message: cause.Error()})
	if result != ResultParked {
		return nil
	}
	return p.quarantine(a.Dossier, fmt.Errorf("action %s parked after %d attempts: %w", a.Key, upd.Attempts, cause), 1)
}

// perform makes the DS call of an action.
func (p *pass) perform(ctx context.Context, a store.Action) error {
	if p.run.cfg.InstructeurID == "" {
		return fmt.Errorf("démarche %d: instructeur_id is empty: expected the DS id of the instructeur spplus writes as", p.dem)
	}
	if snap, err := p.st().Snapshot(p.dem, a.Dossier); err == nil && snap.Deleted {
		return moot("dossier %d was deleted on DS", a.Dossier)
	}
	switch a.Kind {
	case store.KindAnnotations:
		return p.writeAnnotations(ctx, a)
	case store.KindMessage:
		return p.sendMessage(ctx, a)
	case store.KindState:
		return p.changeState(ctx, a)
	}
	return fmt.Errorf("action %s: unknown kind %q", a.Key, a.Kind)
}
