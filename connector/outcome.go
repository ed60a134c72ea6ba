package connector

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/rules"
)

// outcome is a verdict as the connector keeps it in the snapshot: what the
// planning, the reminders and the reports need, in a form that survives a
// JSON round trip (rules.Verdict only marshals).
type outcome struct {
	Complete bool            `json:"complete"`
	Level    rules.Level     `json:"level,omitempty"`
	Findings []rules.Finding `json:"findings"`
	// Deadlines are YYYY-MM-DD dates by name, in RULES.md's order.
	Deadlines   []deadline `json:"deadlines,omitempty"`
	UsersScore  string     `json:"users_score,omitempty"` // rounded, "" when not computed
	AgentsScore string     `json:"agents_score,omitempty"`
	AuditDate   rules.Date `json:"audit_date,omitzero"`
	ServiceName string     `json:"service_name,omitempty"`
	// Failed lists, in French, the bronze thresholds the scores miss (the
	// motivation of a refusal).
	Failed []string `json:"failed,omitempty"`
}

type deadline struct {
	Name string     `json:"name"`
	Date rules.Date `json:"date"`
}

// newOutcome merges the rules' verdict with the champs that could not be
// read: each is a blocking FIELD_INVALID finding, listed first.
func newOutcome(v rules.Verdict, problems []fieldProblem, c rules.Candidacy, serviceName string, s rules.Settings) outcome {
	o := outcome{Complete: v.Complete && len(problems) == 0, Level: v.Level, AuditDate: c.AuditDate, ServiceName: serviceName}
	for _, p := range problems {
		o.Findings = append(o.Findings, p.finding())
	}
	o.Findings = append(o.Findings, v.Findings...)
	for _, d := range v.Deadlines {
		o.Deadlines = append(o.Deadlines, deadline{Name: d.Name, Date: d.Date})
	}
	if v.Users != nil && v.Users.Score.Known() {
		o.UsersScore = v.Users.Score.String()
	}
	if v.Agents != nil && v.Agents.Score.Known() {
		o.AgentsScore = v.Agents.Score.String()
	}
	if v.Level == rules.LevelNone {
		o.Failed = failedThresholds(v, s)
	}
	return o
}

// blocking returns the blocking findings.
func (o outcome) blocking() []rules.Finding {
	var out []rules.Finding
	for _, f := range o.Findings {
		if f.Severity == rules.Blocking {
			out = append(out, f)
		}
	}
	return out
}

// blockingIDs returns the sorted, distinct rule IDs of the blocking findings.
func (o outcome) blockingIDs() []string {
	var ids []string
	for _, f := range o.blocking() {
		ids = append(ids, string(f.Rule))
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// ruleIDs returns the rule IDs of every finding, in order, once each.
func (o outcome) ruleIDs() []string {
	out := []string{}
	for _, f := range o.Findings {
		if !slices.Contains(out, string(f.Rule)) {
			out = append(out, string(f.Rule))
		}
	}
	return out
}

// deadline returns the date of the deadline called name.
func (o outcome) deadline(name string) (rules.Date, bool) {
	for _, d := range o.Deadlines {
		if d.Name == name {
			return d.Date, true
		}
	}
	return rules.Date{}, false
}

// failedThresholds lists the bronze thresholds (the lowest level) that the
// scores miss, compared on the exact values.
func failedThresholds(v rules.Verdict, s rules.Settings) []string {
	if len(s.Levels) == 0 {
		return nil
	}
	b := s.Levels[0]
	var out []string
	if v.Users != nil && v.Users.Score.Below(b.Users) {
		out = append(out, fmt.Sprintf("score de l'enquête usagers %s/100 (minimum %s)", v.Users.Score.French(), b.Users.Score().French()))
	}
	if v.Agents != nil && v.Agents.Score.Below(b.Agents) {
		out = append(out, fmt.Sprintf("score de l'enquête agents %s/100 (minimum %s)", v.Agents.Score.French(), b.Agents.Score().French()))
	}
	if v.Audit != nil {
		for _, e := range v.Audit.Engagements {
			if e.Note.Below(b.Engagement) {
				out = append(out, fmt.Sprintf("engagement %d de l'audit %s/100 (minimum %s)", e.Engagement, e.Note.French(), b.Engagement.Score().French()))
			}
		}
	}
	return out
}

// extra is what the connector keeps in Snapshot.Extra, besides what the
// snapshot's own fields and its verdict hold (see outcomeOf).
type extra struct {
	// AuditDate is the audit date of the last evaluation (for messages).
	AuditDate rules.Date `json:"audit_date,omitzero"`
	// Files are the parsed attachments, by field key, reused while their
	// checksum does not change.
	Files map[string]parsedFile `json:"files,omitempty"`
	// MessageSet identifies the blocking findings the last message was
	// about; Snapshot.Reminders counts the reminders sent about them.
	MessageSet string `json:"message_set,omitempty"`
	// CorrectionSet is the MessageSet a correction was requested for.
	CorrectionSet string `json:"correction_set,omitempty"`
}

// readExtra decodes the connector's part of a snapshot. A snapshot written
// by another version that cannot be read is treated as empty: the dossier
// is then evaluated again, which is always safe.
func readExtra(snap store.Snapshot) (extra, error) {
	var x extra
	if len(snap.Extra) == 0 {
		return x, nil
	}
	if err := json.Unmarshal(snap.Extra, &x); err != nil {
		return extra{}, fmt.Errorf("dossier %d: snapshot extra: %w", snap.Number, err)
	}
	return x, nil
}

// outcomeOf rebuilds the outcome of the last evaluation from the snapshot:
// its verdict JSON (the evaluate output of ARCHITECTURE.md, a public
// contract, with the FIELD_INVALID findings merged), its service name and
// the audit date kept in extra. Scores and failed thresholds are not
// needed after the evaluation, so they are not rebuilt.
func outcomeOf(snap store.Snapshot, x extra) (outcome, error) {
	var v struct {
		Complete  bool              `json:"complete"`
		Findings  []rules.Finding   `json:"findings"`
		Level     *string           `json:"level"`
		Deadlines map[string]string `json:"deadlines"`
	}
	if len(snap.Verdict) == 0 {
		return outcome{}, fmt.Errorf("dossier %d: no verdict in the snapshot", snap.Number)
	}
	if err := json.Unmarshal(snap.Verdict, &v); err != nil {
		return outcome{}, fmt.Errorf("dossier %d: snapshot verdict: %w", snap.Number, err)
	}
	o := outcome{Complete: v.Complete, Findings: v.Findings, ServiceName: snap.ServiceName, AuditDate: x.AuditDate}
	if v.Level != nil {
		o.Level = rules.Level(*v.Level)
	}
	for _, name := range deadlineNames() {
		if s, ok := v.Deadlines[name]; ok {
			if d, err := rules.ParseDate(s); err == nil {
				o.Deadlines = append(o.Deadlines, deadline{Name: name, Date: d})
			}
		}
	}
	return o, nil
}

// deadlineNames are RULES.md's deadlines, in its order.
func deadlineNames() []string {
	return []string{rules.DeadlineDepositDue, rules.DeadlineAuditPlanDue, rules.DeadlineReportDue, rules.DeadlineRemarksDue,
		rules.DeadlineLabelExpires, rules.DeadlineRenewalInvite, rules.DeadlineFollowupTarget, rules.DeadlineFollowupWindowStart,
		rules.DeadlineFollowupWindowEnd, rules.DeadlineFollowupPrepare, rules.DeadlineReapplyFrom, rules.DeadlineSurveyRerunFrom,
		rules.DeadlineSuspensionMaxEnd, rules.DeadlineStopMarkUse}
}

// encode returns x as JSON for Snapshot.Extra.
func (x extra) encode() (json.RawMessage, error) {
	b, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("encode snapshot extra: %w", err)
	}
	return b, nil
}

// scoreValue reads a rounded score back as a number for an annotation.
func scoreValue(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
