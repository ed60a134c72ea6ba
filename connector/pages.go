package connector

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
)

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
	read, seen := 0, 0
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
		read, seen = read+1, seen+len(pr.page.Dossiers)
		if p.s.opts.Progress != nil {
			p.s.opts.Progress(p.dem, read, seen)
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
	// Unbuffered: the goroutine reads page N+1 while the caller works on
	// page N, and waits there. A buffer would let it start on N+2 and hold
	// a third page of 100 dossiers in memory for no gain in time.
	ch := make(chan pageResult)
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
		p.markTouched(f.Number)
		p.report.Seen++
		if err := p.dossierFailed(f.Number, fmt.Errorf("read dossier %d: %w", f.Number, f.Err)); err != nil {
			return err
		}
	}
	return nil
}

// prepareAll prepares dossiers with at most Options.Workers at a time. It
// sheds each dossier once prepared.
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
				shed(&ds[i])
				if fresh := out[i].ev.dossier; fresh != nil && fresh != &ds[i] {
					shed(fresh) // read again for fresh file URLs
				}
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

// shed drops what a prepared dossier no longer needs: its champs,
// annotations and messages, nearly all of a page's memory. What follows
// (settle, save, execute) reads only its number and state, and the page,
// held until all of it is saved, would otherwise keep every champ while
// the next page is read.
func shed(d *graphql.Dossier) {
	d.Champs, d.Annotations, d.Messages, d.Traitements = nil, nil, nil, nil
	d.Instructeurs, d.Labels, d.GroupeInstructeur.Instructeurs = nil, nil, nil
}
