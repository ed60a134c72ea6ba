// Package report turns what the store knows about dossiers into the rows
// people read: the status and export commands, and the status pages' exports.
// It reads values only; it never calls DS nor writes the store.
package report

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/spplus/spplus/connector/store"
)

// Row is one dossier as exported. Its JSON keys are a public contract
// (ARCHITECTURE.md, "export --json"): add keys, never rename them.
type Row struct {
	Demarche          int               `json:"demarche"`
	Number            int               `json:"number"`
	ServiceName       string            `json:"service_name"`
	GroupeInstructeur string            `json:"groupe_instructeur"`
	DSState           string            `json:"ds_state"`
	Status            string            `json:"status"`
	Complete          bool              `json:"complete"`
	Level             *string           `json:"level"`
	Findings          []string          `json:"findings"`
	Blocking          int               `json:"blocking_findings"`
	Deadlines         map[string]string `json:"deadlines"`
	NextDeadline      *Deadline         `json:"next_deadline"`
	EvaluatedAt       *time.Time        `json:"evaluated_at"`
	Quarantined       bool              `json:"quarantined"`
	LastError         string            `json:"last_error,omitempty"`
	Deleted           bool              `json:"deleted"`
}

// Deadline is a named date (YYYY-MM-DD).
type Deadline struct {
	Name string `json:"name"`
	Date string `json:"date"`
}

// FromSnapshot builds the row of one dossier; today (YYYY-MM-DD) picks the
// next deadline: the earliest one on or after today.
func FromSnapshot(demarche int, s store.Snapshot, today string) Row {
	r := Row{
		Demarche: demarche, Number: s.Number, ServiceName: s.ServiceName,
		GroupeInstructeur: s.GroupeInstructeur, DSState: s.State, Status: s.Status,
		Complete: s.Complete, Findings: s.Findings, Deadlines: s.Deadlines,
		Quarantined: s.Quarantined, LastError: s.LastError, Deleted: s.Deleted,
		Blocking: blockingCount(s.Verdict),
	}
	if r.Findings == nil {
		r.Findings = []string{}
	}
	if r.Deadlines == nil {
		r.Deadlines = map[string]string{}
	}
	if s.Level != "" {
		level := s.Level
		r.Level = &level
	}
	if !s.EvaluatedAt.IsZero() {
		at := s.EvaluatedAt
		r.EvaluatedAt = &at
	}
	r.NextDeadline = nextDeadline(s.Deadlines, today)
	return r
}

// FromSnapshots builds the rows of a démarche, ordered by dossier number.
func FromSnapshots(demarche int, snaps []store.Snapshot, today string) []Row {
	rows := make([]Row, 0, len(snaps))
	for _, s := range snaps {
		rows = append(rows, FromSnapshot(demarche, s, today))
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Demarche != rows[j].Demarche {
			return rows[i].Demarche < rows[j].Demarche
		}
		return rows[i].Number < rows[j].Number
	})
	return rows
}

// nextDeadline is the earliest deadline on or after today (ISO dates sort
// as strings); ties go to the name first in alphabetical order.
func nextDeadline(deadlines map[string]string, today string) *Deadline {
	var best *Deadline
	for name, date := range deadlines {
		if date < today {
			continue
		}
		if best == nil || date < best.Date || date == best.Date && name < best.Name {
			best = &Deadline{Name: name, Date: date}
		}
	}
	return best
}

// blockingCount counts the blocking findings of a stored verdict.
func blockingCount(verdict json.RawMessage) int {
	if len(verdict) == 0 {
		return 0
	}
	var v struct {
		Findings []struct {
			Severity string `json:"severity"`
		} `json:"findings"`
	}
	if json.Unmarshal(verdict, &v) != nil {
		return 0
	}
	n := 0
	for _, f := range v.Findings {
		if f.Severity == "blocking" {
			n++
		}
	}
	return n
}
