package connector

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/rules"
)

// Results of an action in reports.
const (
	ResultPlanned = "planned" // DryRun and Check: computed, not made
	ResultDone    = "done"
	ResultSkipped = "skipped" // already in effect (marker found, state already changed) or moot
	ResultFailed  = "failed"  // will be retried
	ResultParked  = "parked"  // failed too often: waits for a human
)

// PassReport is what a pass found and did; the demo and --dry-run commands
// print it. Dossiers lists only the dossiers the pass evaluated, acted on
// or failed on: an unchanged dossier is counted, not listed, and so is an
// evaluation with nothing to do past the first MaxQuietListed lines.
type PassReport struct {
	Demarche int       `json:"demarche"`
	Trigger  string    `json:"trigger"`
	DryRun   bool      `json:"dry_run"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	// Outcome is store.OutcomeSuccess, OutcomePartial or OutcomeFailed.
	Outcome string `json:"outcome"`
	// Checkpoint is the démarche's checkpoint after the pass.
	Checkpoint      time.Time `json:"checkpoint,omitzero"`
	CheckpointMoved bool      `json:"checkpoint_moved"`
	// Seen counts the dossiers read; Evaluated those judged again.
	Seen        int   `json:"seen"`
	Evaluated   int   `json:"evaluated"`
	Unchanged   int   `json:"unchanged"`
	Deleted     []int `json:"deleted"`
	Quarantined []int `json:"quarantined"`
	// Action counts by result.
	Planned int `json:"planned"`
	Done    int `json:"done"`
	Skipped int `json:"skipped"`
	Failed  int `json:"failed"`
	Parked  int `json:"parked"`
	// Dossiers are in the order they were met. Past the first
	// MaxQuietListed, a dossier that was only evaluated (nothing planned,
	// no error) is counted in Unlisted instead: a first pass over a big
	// démarche would otherwise hold and print a line per dossier, which
	// spplus export already gives. Such a dossier is still listed if an
	// action an earlier pass left pending is run for it, without its
	// evaluation (Evaluated false).
	Dossiers []DossierReport `json:"dossiers"`
	Unlisted int             `json:"unlisted"`
	Errors   []string        `json:"errors"`

	// index finds a dossier's report; a pass runs on one goroutine.
	index map[int]int
}

// DossierReport is what a pass found on one dossier and did about it.
type DossierReport struct {
	Number    int    `json:"number"`
	State     string `json:"state,omitempty"`
	Evaluated bool   `json:"evaluated"`
	Complete  bool   `json:"complete"`
	// Level is "", none, bronze, argent or or.
	Level string `json:"level,omitempty"`
	// Findings are the rule IDs, blocking first.
	Findings    []string       `json:"findings"`
	Actions     []ActionReport `json:"actions"`
	Error       string         `json:"error,omitempty"`
	Quarantined bool           `json:"quarantined,omitempty"`
}

// ActionReport is one planned or executed action.
type ActionReport struct {
	Key     string `json:"key"`
	Kind    string `json:"kind"`
	Summary string `json:"summary"`
	Result  string `json:"result"`
	Error   string `json:"error,omitempty"`
}

// CheckReport is the evaluation of one dossier by Check: its verdict (with
// the FIELD_INVALID findings of champs that could not be read) and the
// actions a pass would plan. Nothing was written.
type CheckReport struct {
	Demarche int           `json:"demarche"`
	Number   int           `json:"number"`
	State    string        `json:"state"`
	Verdict  rules.Verdict `json:"verdict"`
	// Changed tells whether a pass would evaluate the dossier again.
	Changed bool           `json:"changed"`
	Actions []ActionReport `json:"actions"`
}

// MaxQuietListed is how many dossiers a PassReport lists before it only
// counts the dossiers that were evaluated with nothing to do.
const MaxQuietListed = 1000

// dossier returns the report of dossier n, creating it.
func (r *PassReport) dossier(n int) *DossierReport {
	if r.index == nil {
		r.index = map[int]int{}
	}
	i, ok := r.index[n]
	if !ok {
		r.Dossiers = append(r.Dossiers, DossierReport{Number: n, Findings: []string{}, Actions: []ActionReport{}})
		i = len(r.Dossiers) - 1
		r.index[n] = i
	}
	return &r.Dossiers[i]
}

// action records an action's result on its dossier and in the counts.
func (r *PassReport) action(a store.Action, result string, err error) {
	ar := ActionReport{Key: a.Key, Kind: a.Kind, Summary: summarize(a), Result: result}
	if err != nil {
		ar.Error = err.Error()
	}
	d := r.dossier(a.Dossier)
	d.Actions = append(d.Actions, ar)
	switch result {
	case ResultPlanned:
		r.Planned++
	case ResultDone:
		r.Done++
	case ResultSkipped:
		r.Skipped++
	case ResultFailed:
		r.Failed++
	case ResultParked:
		r.Parked++
	}
}

// fail records an error of the pass, or of one dossier when n > 0.
func (r *PassReport) fail(n int, err error) {
	if n > 0 {
		d := r.dossier(n)
		d.Error = err.Error()
	}
	r.Errors = append(r.Errors, err.Error())
}

// evaluated records an evaluation; planned counts the actions it planned.
func (r *PassReport) evaluated(n int, state string, o outcome, planned int) {
	if _, listed := r.index[n]; !listed && planned == 0 && len(r.Dossiers) >= MaxQuietListed {
		r.Unlisted++
		r.Evaluated++
		return
	}
	d := r.dossier(n)
	d.State, d.Evaluated, d.Complete, d.Level, d.Findings = state, true, o.Complete, string(o.Level), o.ruleIDs()
	r.Evaluated++
}

// summarize describes an action in a few words for reports and logs.
func summarize(a store.Action) string {
	switch a.Kind {
	case store.KindAnnotations:
		var p annotationsPayload
		if decodePayload(a, &p) == nil {
			return "annotations: " + valueKeys(p.Values)
		}
	case store.KindMessage:
		var p messagePayload
		if decodePayload(a, &p) == nil {
			return messageSummary(p)
		}
	case store.KindState:
		var p statePayload
		if decodePayload(a, &p) == nil {
			return fmt.Sprintf("%s (from %s)", p.Transition, p.From)
		}
	}
	return a.Kind
}

func messageSummary(p messagePayload) string {
	switch {
	case p.Correction:
		return "correction request " + p.Marker
	case p.Index > 0:
		return fmt.Sprintf("reminder %d %s", p.Index, p.Marker)
	}
	return "message " + p.Marker
}

// decodePayload reads an action's payload.
func decodePayload(a store.Action, v any) error {
	if err := json.Unmarshal(a.Payload, v); err != nil {
		return fmt.Errorf("action %s: payload: %w", a.Key, err)
	}
	return nil
}

// String renders the report for a terminal: one line per dossier.
func (r *PassReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "démarche %d (%s): %s, %d seen, %d evaluated, %d unchanged, actions %d planned %d done %d skipped %d failed %d parked\n",
		r.Demarche, r.Trigger, r.Outcome, r.Seen, r.Evaluated, r.Unchanged, r.Planned, r.Done, r.Skipped, r.Failed, r.Parked)
	for _, d := range r.Dossiers {
		if d.Evaluated {
			fmt.Fprintf(&b, "  dossier %d %s: complete=%t level=%q findings=%s", d.Number, d.State, d.Complete, d.Level, strings.Join(d.Findings, ","))
		} else {
			fmt.Fprintf(&b, "  dossier %d: not evaluated by this pass", d.Number)
		}
		if d.Quarantined {
			b.WriteString(" (quarantined)")
		}
		for _, a := range d.Actions {
			fmt.Fprintf(&b, "\n    %s %s", a.Result, a.Summary)
		}
		if d.Error != "" {
			fmt.Fprintf(&b, "\n    error: %s", d.Error)
		}
		b.WriteByte('\n')
	}
	if r.Unlisted > 0 {
		fmt.Fprintf(&b, "  and %d more dossiers evaluated with nothing to do (spplus export lists every dossier)\n", r.Unlisted)
	}
	return b.String()
}
