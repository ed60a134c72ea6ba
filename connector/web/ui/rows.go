package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/spplus/spplus/connector/report"
	"github.com/spplus/spplus/connector/store"
)

// dossierRow is one line of the overview's table: the export row plus what
// only the pages show.
type dossierRow struct {
	report.Row
	GroupeNumber int
	// NextIn is the number of days to the next deadline (when there is one).
	NextIn int
	// LastAction is the newest journal entry of the dossier, if the journal
	// window read holds one.
	LastAction *store.JournalEntry
}

// levelValue is the row's level as a filter value.
func (r dossierRow) levelValue() string {
	if r.Level == nil || *r.Level == "" {
		return levelUndecided
	}
	return *r.Level
}

// matchesQuery matches a dossier number exactly or a part of the service
// name, ignoring case.
func (r dossierRow) matchesQuery(q string) bool {
	if n, err := strconv.Atoi(strings.TrimPrefix(q, "n°")); err == nil {
		return r.Number == n
	}
	return strings.Contains(strings.ToLower(r.ServiceName), strings.ToLower(q))
}

// buildRows turns visible snapshots into rows. last maps a dossier to its
// newest journal entry.
func buildRows(demarche int, snaps []store.Snapshot, today string, last map[int]store.JournalEntry) []dossierRow {
	rows := make([]dossierRow, 0, len(snaps))
	for _, s := range snaps {
		r := dossierRow{Row: report.FromSnapshot(demarche, s, today), GroupeNumber: s.GroupeNumber}
		if r.NextDeadline != nil {
			r.NextIn, _ = daysUntil(today, r.NextDeadline.Date)
		}
		if e, ok := last[s.Number]; ok {
			r.LastAction = &e
		}
		rows = append(rows, r)
	}
	return rows
}

// lastEntries keeps the newest entry of each dossier of a newest-first
// journal.
func lastEntries(journal []store.JournalEntry) map[int]store.JournalEntry {
	out := map[int]store.JournalEntry{}
	for _, e := range journal {
		if _, seen := out[e.Dossier]; !seen && e.Dossier > 0 {
			out[e.Dossier] = e
		}
	}
	return out
}

// sortRows sorts by the filter's column; ties go to the dossier number.
// Rows without a value (no deadline, no action) go last in either order.
func sortRows(rows []dossierRow, key string, desc bool) {
	// A collator per sort: it is not safe for concurrent use, and French
	// order puts "École" with the E's, whatever the case.
	words := collate.New(language.French, collate.Loose)
	slices.SortStableFunc(rows, func(a, b dossierRow) int {
		c := compareRows(a, b, key, words)
		if c == 2 || c == -2 {
			return c // missing values: last whatever the order
		}
		if desc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a.Number, b.Number)
		}
		return c
	})
}

// compareRows compares a and b on key; ±2 means one of them has no value.
func compareRows(a, b dossierRow, key string, words *collate.Collator) int {
	switch key {
	case "service":
		return words.CompareString(a.ServiceName, b.ServiceName)
	case "groupe":
		return words.CompareString(a.GroupeInstructeur, b.GroupeInstructeur)
	case "etat":
		return cmp.Compare(stateRank(a.DSState), stateRank(b.DSState))
	case "statut":
		return words.CompareString(a.Status, b.Status)
	case "complet":
		return cmp.Compare(boolRank(a.Complete), boolRank(b.Complete))
	case "bloquants":
		return cmp.Compare(a.Blocking, b.Blocking)
	case "niveau":
		return cmp.Compare(levelRank(a.levelValue()), levelRank(b.levelValue()))
	case "echeance":
		return missingLast(a.NextDeadline == nil, b.NextDeadline == nil, func() int {
			return cmp.Compare(a.NextDeadline.Date, b.NextDeadline.Date)
		})
	case "action":
		return missingLast(a.LastAction == nil, b.LastAction == nil, func() int {
			return a.LastAction.At.Compare(b.LastAction.At)
		})
	}
	return cmp.Compare(a.Number, b.Number)
}

func missingLast(aMissing, bMissing bool, compare func() int) int {
	switch {
	case aMissing && bMissing:
		return 0
	case aMissing:
		return 2
	case bMissing:
		return -2
	}
	return compare()
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// stateRank orders DS states along a dossier's life.
func stateRank(s string) int {
	for i, c := range dsStates {
		if c.Value == s {
			return i
		}
	}
	return len(dsStates)
}

// rowsOf returns the export rows of dossier rows.
func rowsOf(rows []dossierRow) []report.Row {
	out := make([]report.Row, len(rows))
	for i, r := range rows {
		out[i] = r.Row
	}
	return out
}

// evaluatedAt is the row's evaluation time, or zero.
func (r dossierRow) evaluatedAt() time.Time {
	if r.EvaluatedAt == nil {
		return time.Time{}
	}
	return *r.EvaluatedAt
}
