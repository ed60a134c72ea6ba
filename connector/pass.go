package connector

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/connector/store"
)

// ErrIncomplete is matched by the error of a pass that did its work but
// could not move the checkpoint (a page or the deletions could not be read,
// a dossier of a page could not be identified, or actions are still
// pending): the next pass reads the same window again.
var ErrIncomplete = errors.New("pass incomplete: the checkpoint did not move")

// pass is one run of Sync, SyncDossier or Check. It runs on one goroutine.
type pass struct {
	s      *Syncer
	run    *demarcheRun
	dem    int
	log    zerolog.Logger
	dry    bool
	start  time.Time
	record store.Pass
	report PassReport
	// met holds the dossiers read by this pass, true for those it
	// evaluated or failed on (an unchanged dossier is met, not touched).
	// One map, not two: at 10,000 dossiers each costs a few hundred KB.
	met map[int]bool
	// incomplete lists why the checkpoint cannot move.
	incomplete []string
	// pending counts the actions that failed and stay pending.
	pending int
	// followUps counts the re-evaluations after our own state changes.
	followUps map[int]int
	// notes are journal entries not yet written (see note).
	notes []store.JournalEntry
}

func (s *Syncer) newPass(r *demarcheRun, trigger string, dossier int) *pass {
	now := s.opts.Now()
	n := r.cfg.Number
	log := s.log.With().Int("demarche", n).Str("trigger", trigger).Logger()
	return &pass{s: s, run: r, dem: n, log: log, dry: s.opts.DryRun, start: now,
		record: store.Pass{Start: now, Trigger: trigger, Dossier: dossier},
		report: PassReport{Demarche: n, Trigger: trigger, DryRun: s.opts.DryRun, Start: now, Deleted: []int{},
			Quarantined: []int{}, Dossiers: []DossierReport{}, Errors: []string{}},
		met: map[int]bool{}, followUps: map[int]int{}}
}

// seen reports whether the pass read dossier n.
func (p *pass) seen(n int) bool { _, ok := p.met[n]; return ok }

// touched reports whether the pass evaluated or failed on dossier n.
func (p *pass) touched(n int) bool { return p.met[n] }

// markSeen records that the pass read dossier n.
func (p *pass) markSeen(n int) {
	if _, ok := p.met[n]; !ok {
		p.met[n] = false
	}
}

// markTouched records that the pass evaluated or failed on dossier n.
func (p *pass) markTouched(n int) { p.met[n] = true }

func (p *pass) now() time.Time   { return p.s.opts.Now() }
func (p *pass) st() *store.Store { return p.s.opts.Store }
func (p *pass) ds() DS           { return p.s.opts.DS }
func (p *pass) quarantineAfter() int {
	if p.run.cfg.QuarantineAfter <= 0 {
		return DefaultQuarantineAfter
	}
	return p.run.cfg.QuarantineAfter
}

// fatalError stops a pass: a hook's simulated crash or a store that cannot
// be written. Everything else is recorded and the pass goes on.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

// step calls the fault-injection hook.
func (p *pass) step(name string, dossier int) error {
	if err := p.s.opts.Hooks.step(name, dossier); err != nil {
		return &fatalError{fmt.Errorf("step %s: %w", name, err)}
	}
	return nil
}

// fatal reports whether err must stop the pass.
func fatal(ctx context.Context, err error) bool {
	var f *fatalError
	return ctx.Err() != nil || errors.As(err, &f)
}

// begin records the start of the pass in the run history.
func (p *pass) begin() error {
	if p.dry {
		return nil
	}
	rec, err := p.st().StartPass(p.dem, p.record)
	if err != nil {
		return &fatalError{err}
	}
	p.record = rec
	return nil
}

// full is Sync's pass (see the package doc for the six steps).
func (p *pass) full(ctx context.Context) error {
	if err := p.begin(); err != nil {
		return err
	}
	cp, err := p.st().Checkpoint(p.dem)
	if err != nil {
		return &fatalError{err}
	}
	if err := p.step(StepCheckpointRead, 0); err != nil {
		return err
	}
	t0, err := p.readPages(ctx, cp)
	if err != nil {
		return err
	}
	if err := p.readDeletions(ctx, cp); err != nil {
		return err
	}
	if err := p.scanStore(ctx); err != nil {
		return err
	}
	if err := p.executePending(ctx, 0); err != nil {
		return err
	}
	return p.advance(cp, t0)
}

// blocked records why the checkpoint cannot move.
func (p *pass) blocked(err error) {
	p.incomplete = append(p.incomplete, err.Error())
	p.report.fail(0, err)
	p.log.Warn().Err(err).Msg("sync pass incomplete")
}

// note buffers a journal entry about an executed action, stamped now. The
// action's own record (MarkDone, MarkFailed) is written at once; these
// explanations are written once per page (flush), which spares a commit
// per action.
func (p *pass) note(e store.JournalEntry) {
	e.At = p.now()
	p.notes = append(p.notes, e)
}

// flush writes the buffered journal entries.
func (p *pass) flush() error {
	if len(p.notes) == 0 || p.dry {
		return nil
	}
	err := p.journal(p.notes...)
	p.notes = p.notes[:0]
	return err
}

// journal appends entries, stamped now.
func (p *pass) journal(entries ...store.JournalEntry) error {
	for i := range entries {
		if entries[i].At.IsZero() {
			entries[i].At = p.now()
		}
	}
	if err := p.st().AppendJournal(p.dem, entries...); err != nil {
		return &fatalError{err}
	}
	return nil
}

// advance moves the checkpoint to T0 when everything is durable.
func (p *pass) advance(cp store.Checkpoint, t0 time.Time) error {
	p.report.Checkpoint = cp.UpdatedSince
	if p.dry {
		return nil
	}
	if p.pending > 0 {
		p.incomplete = append(p.incomplete, fmt.Sprintf("%d action(s) failed and stay pending", p.pending))
	}
	if t0.IsZero() && len(p.incomplete) == 0 {
		p.incomplete = append(p.incomplete, "no page was read")
	}
	if len(p.incomplete) > 0 {
		return fmt.Errorf("démarche %d: %w: %s", p.dem, ErrIncomplete, strings.Join(p.incomplete, "; "))
	}
	cp.UpdatedSince, cp.LastPassStart, cp.LastSuccess = t0, p.start, p.now()
	p.pruneIfDue(&cp)
	if err := p.st().SetCheckpoint(p.dem, cp); err != nil {
		return &fatalError{err}
	}
	p.report.Checkpoint, p.report.CheckpointMoved = t0, true
	p.s.opts.Observer.Checkpoint(p.dem, t0)
	return p.step(StepCheckpointSet, 0)
}

// finish records the end of the pass and logs its outcome.
func (p *pass) finish(err error) (PassReport, error) {
	if ferr := p.flush(); ferr != nil {
		err = errors.Join(err, ferr)
	}
	r := &p.report
	r.End = p.now()
	switch {
	case err == nil && len(r.Errors) == 0:
		r.Outcome = store.OutcomeSuccess
	case err == nil || errors.Is(err, ErrIncomplete):
		r.Outcome = store.OutcomePartial
	default:
		r.Outcome = store.OutcomeFailed
		r.Errors = append(r.Errors, err.Error())
	}
	if !p.dry && p.record.ID != 0 {
		rec := p.record
		rec.End, rec.Outcome, rec.Seen, rec.Evaluated = r.End, r.Outcome, r.Seen, r.Evaluated
		rec.Actions, rec.Errors = r.Done+r.Skipped, len(r.Errors)
		if err != nil {
			rec.Error = err.Error()
		}
		if ferr := p.st().FinishPass(p.dem, rec); ferr != nil {
			err = errors.Join(err, ferr)
		}
	}
	p.s.opts.Observer.PassFinished(p.dem, r.Trigger, r.Outcome, r.End.Sub(r.Start))
	p.logEnd(err)
	return *r, err
}

func (p *pass) logEnd(err error) {
	r := &p.report
	ev := p.log.Info()
	if err != nil && !errors.Is(err, context.Canceled) {
		ev = p.log.Warn().Err(err)
	}
	ev.Str("outcome", r.Outcome).Int("seen", r.Seen).Int("evaluated", r.Evaluated).Int("done", r.Done).
		Int("failed", r.Failed).Int("parked", r.Parked).Bool("checkpoint_moved", r.CheckpointMoved).
		Dur("duration", r.End.Sub(r.Start)).Msg("sync pass finished")
}

// pruneEvery is how often a complete pass prunes the store.
const pruneEvery = 24 * time.Hour

// pruneIfDue lightens, once a day, the done actions and deletes the journal
// entries older than the configured retention (store.Prune), so that a
// store run for years does not grow without end. It runs after a complete
// pass, under the pass's lock; a failure is logged and retried by the next
// pass, never fatal.
func (p *pass) pruneIfDue(cp *store.Checkpoint) {
	days := p.s.opts.Config.Store.RetentionDays
	if days <= 0 || p.now().Sub(cp.LastPrune) < pruneEvery {
		return
	}
	before := p.now().AddDate(0, 0, -days)
	actions, entries, err := p.st().Prune(p.dem, before)
	if err != nil {
		p.log.Warn().Err(err).Msg("prune failed; the next pass tries again")
		return
	}
	cp.LastPrune = p.now()
	p.log.Info().Int("actions", actions).Int("journal_entries", entries).Time("before", before).
		Msg("pruned the done actions and the journal entries past the retention")
}
