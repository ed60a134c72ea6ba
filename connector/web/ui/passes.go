package ui

import (
	"time"

	"github.com/spplus/spplus/connector/store"
)

// passHistory is the run history as one viewer may see it.
//
// The DITP sees every pass with its counts for the whole démarche. A
// certification body sees the same passes (when they ran, how long, how
// they ended: the connector's health concerns everyone), but never the
// démarche-wide counts, which would tell it how many dossiers the other
// bodies have, nor the number of a one-dossier pass of another body's
// dossier, nor a pass's error text (it may name any dossier). Its counts
// are those of its own dossiers, taken from the journal: dossiers
// evaluated, actions done and failures during the pass.
type passHistory struct {
	Scoped bool
	Rows   []passRow
}

// passRow is one pass as shown.
type passRow struct {
	Start, Duration, Trigger, Outcome string
	OutcomeKind                       string // success, warning, error or info (badge colour)
	Dossier                           string // "" for a full pass
	Seen, Evaluated, Actions, Errors  int
	Error                             string
}

func (h *Handler) passHistory(passes []store.Pass, v viewer, journal []store.JournalEntry, mine map[int]bool) passHistory {
	ph := passHistory{Scoped: !v.IsDITP()}
	for _, p := range passes {
		row := passRow{
			Start: h.clock.dateTime(p.Start), Duration: duration(p.Duration()),
			Trigger: orDefault(passTriggers, p.Trigger), Outcome: orDefault(passOutcomes, p.Outcome),
			OutcomeKind: outcomeKind(p.Outcome),
		}
		if ph.Scoped {
			row.Evaluated, row.Actions, row.Errors = scopedCounts(p, journal, mine, h.opts.Now())
			if p.Dossier > 0 && mine[p.Dossier] {
				row.Dossier = itoa(p.Dossier)
			} else if p.Dossier > 0 {
				row.Dossier = "un autre dossier"
			}
		} else {
			row.Seen, row.Evaluated, row.Actions, row.Errors = p.Seen, p.Evaluated, p.Actions, p.Errors
			row.Error = h.red.clean(p.Error)
			if p.Dossier > 0 {
				row.Dossier = itoa(p.Dossier)
			}
		}
		ph.Rows = append(ph.Rows, row)
	}
	return ph
}

// scopedCounts counts the journal entries of the viewer's dossiers written
// during pass p (a running pass lasts until now).
func scopedCounts(p store.Pass, journal []store.JournalEntry, mine map[int]bool, now time.Time) (evaluated, actions, errs int) {
	end := p.End
	if end.IsZero() {
		end = now
	}
	for _, e := range journal {
		if !mine[e.Dossier] || e.At.Before(p.Start) || e.At.After(end) {
			continue
		}
		switch e.Kind {
		case "evaluated":
			evaluated++
		case "done":
			actions++
		case "failed", "quarantined":
			errs++
		}
	}
	return evaluated, actions, errs
}

func outcomeKind(o string) string {
	switch o {
	case store.OutcomeSuccess:
		return "success"
	case store.OutcomePartial, store.OutcomeInterrupted:
		return "warning"
	case store.OutcomeFailed:
		return "error"
	}
	return "info"
}
