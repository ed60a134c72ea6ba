package connector

import (
	"context"
	"errors"
	"fmt"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
)

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
	if p.seen(d.Number) {
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
