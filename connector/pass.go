package connector

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
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
	// seen are the dossiers read by this pass; touched those it evaluated
	// or failed on (an unchanged dossier is seen, not touched).
	seen, touched map[int]bool
	// incomplete lists why the checkpoint cannot move.
	incomplete []string
	// pending counts the actions that failed and stay pending.
	pending int
	// followUps counts the re-evaluations after our own state changes.
	followUps map[int]int
}

func (s *Syncer) newPass(r *demarcheRun, trigger string, dossier int) *pass {
	now := s.opts.Now()
	n := r.cfg.Number
	log := s.log.With().Int("demarche", n).Str("trigger", trigger).Logger()
	return &pass{s: s, run: r, dem: n, log: log, dry: s.opts.DryRun, start: now,
		record: store.Pass{Start: now, Trigger: trigger, Dossier: dossier},
		report: PassReport{Demarche: n, Trigger: trigger, DryRun: s.opts.DryRun, Start: now, Deleted: []int{},
			Quarantined: []int{}, Dossiers: []DossierReport{}, Errors: []string{}},
		seen: map[int]bool{}, touched: map[int]bool{}, followUps: map[int]int{}}
}

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

// since is the updatedSince of a checkpoint, nil before the first pass.
func since(cp store.Checkpoint) *time.Time {
	if cp.UpdatedSince.IsZero() {
		return nil
	}
	t := cp.UpdatedSince
	return &t
}

// readPages pages through the dossiers modified since the checkpoint and
// processes each; it returns T0, the server clock of the first answer minus
// the safety margin. The next page is fetched while the current one is
// processed. A page that cannot be read ends the listing and keeps the
// checkpoint; only fatal errors are returned.
func (p *pass) readPages(ctx context.Context, cp store.Checkpoint) (time.Time, error) {
	var t0 time.Time
	pages, stop := p.prefetch(ctx, since(cp))
	defer stop()
	for pr := range pages {
		if pr.err != nil {
			if ctx.Err() != nil {
				return t0, ctx.Err()
			}
			p.blocked(fmt.Errorf("read dossiers: %w", pr.err))
			break
		}
		if t0.IsZero() {
			t0 = serverStart(pr.page.ServerTime, p.start).Add(-p.s.opts.SafetyMargin)
		}
		if err := p.step(StepPageRead, 0); err != nil {
			return t0, err
		}
		if err := p.processPage(ctx, pr.page); err != nil {
			return t0, err
		}
	}
	return t0, ctx.Err()
}

// pageResult is one step of the listing.
type pageResult struct {
	page *graphql.DossierPage
	err  error
}

// prefetch reads the pages in a goroutine, one page ahead of the caller.
// stop ends the listing (an in-flight request is cancelled) and waits for
// the goroutine; it must be called.
func (p *pass) prefetch(ctx context.Context, since *time.Time) (<-chan pageResult, func()) {
	ctx, cancel := context.WithCancel(ctx)
	ch := make(chan pageResult, 1)
	go func() {
		defer close(ch)
		for page, err := range p.ds().DossierPages(ctx, p.dem, since, "") {
			select {
			case ch <- pageResult{page, err}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch, func() {
		cancel()
		for range ch { //nolint:revive // drain so that the goroutine ends
		}
	}
}

// serverStart is the server's clock when known, else ours.
func serverStart(server, local time.Time) time.Time {
	if server.IsZero() {
		return local
	}
	return server
}

// processPage prepares the dossiers read in full concurrently (bounded),
// saves those that changed in one transaction and executes their plans in
// page order, then records the others: a failed node with
// a number is that dossier's failure; one without a number cannot be
// retried by number, so the checkpoint must stay.
func (p *pass) processPage(ctx context.Context, page *graphql.DossierPage) error {
	var evs []evaluation
	for _, pr := range p.prepareAll(ctx, page.Dossiers) {
		ev, ok, err := p.settle(ctx, pr)
		if err != nil {
			return err
		}
		if ok {
			evs = append(evs, ev)
		}
	}
	if err := p.saveAll(ctx, evs); err != nil {
		return err
	}
	for _, f := range page.Failed {
		if f.Number <= 0 {
			p.blocked(fmt.Errorf("a dossier of a page could not be read nor identified: %w", f.Err))
			continue
		}
		p.seen[f.Number] = true
		p.touched[f.Number] = true
		p.report.Seen++
		if err := p.dossierFailed(f.Number, fmt.Errorf("read dossier %d: %w", f.Number, f.Err)); err != nil {
			return err
		}
	}
	return nil
}

// prepareAll prepares dossiers with at most Options.Workers at a time.
func (p *pass) prepareAll(ctx context.Context, ds []graphql.Dossier) []prepared {
	out := make([]prepared, len(ds))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(p.s.opts.Workers, len(ds)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = p.prepare(ctx, &ds[i], false)
			}
		}()
	}
	for i := range ds {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// blocked records why the checkpoint cannot move.
func (p *pass) blocked(err error) {
	p.incomplete = append(p.incomplete, err.Error())
	p.report.fail(0, err)
	p.log.Warn().Err(err).Msg("sync pass incomplete")
}

// readDeletions marks the snapshots of deleted and binned dossiers.
func (p *pass) readDeletions(ctx context.Context, cp store.Checkpoint) error {
	del, err := p.ds().Deletions(ctx, p.dem, since(cp))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		p.blocked(fmt.Errorf("read deleted dossiers: %w", err))
		return nil
	}
	if err := p.step(StepDeletionsRead, 0); err != nil {
		return err
	}
	for _, d := range append(del.Deleted, del.Pending...) {
		if err := p.markDeleted(d); err != nil {
			return err
		}
	}
	return nil
}

// markDeleted marks one snapshot deleted and journals it, once.
func (p *pass) markDeleted(d graphql.DeletedDossier) error {
	if p.seen[d.Number] {
		return nil // visible in this pass's listing: restored since
	}
	snap, err := p.st().Snapshot(p.dem, d.Number)
	if errors.Is(err, store.ErrNotFound) || (err == nil && snap.Deleted) {
		return nil
	}
	if err != nil {
		return &fatalError{err}
	}
	p.report.Deleted = append(p.report.Deleted, d.Number)
	if p.dry {
		return nil
	}
	at := d.DateSupression
	if at.IsZero() {
		at = p.now()
	}
	if err := p.st().MarkDeleted(p.dem, d.Number, at); err != nil {
		return &fatalError{err}
	}
	p.log.Info().Int("dossier", d.Number).Str("reason", d.Reason).Msg("dossier deleted on DS")
	return p.journal(store.JournalEntry{Dossier: d.Number, Kind: "deleted", Message: "deleted on DS: " + d.Reason})
}

// journal appends entries, stamped now.
func (p *pass) journal(entries ...store.JournalEntry) error {
	for i := range entries {
		entries[i].At = p.now()
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
	if err := p.st().SetCheckpoint(p.dem, cp); err != nil {
		return &fatalError{err}
	}
	p.report.Checkpoint, p.report.CheckpointMoved = t0, true
	p.s.opts.Observer.Checkpoint(p.dem, t0)
	return p.step(StepCheckpointSet, 0)
}

// finish records the end of the pass and logs its outcome.
func (p *pass) finish(err error) (PassReport, error) {
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
