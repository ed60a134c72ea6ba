package rules

// Verdict is the judgement of one candidacy. It marshals to the evaluate
// output of ARCHITECTURE.md, with "central" added after "deadlines".
type Verdict struct {
	// Complete is true when no finding is blocking.
	Complete bool
	// Findings are sorted: blocking first, then warnings, then infos; within
	// a severity in the order of RULES.md's findings table.
	Findings []Finding
	// Users, Agents and Audit are the local scores; nil when not computed.
	Users  *UsersScore
	Agents *AgentsScore
	Audit  *AuditScore
	// Central is the central-grid score of a central candidacy.
	Central *CentralScore
	// Level depends on the scores alone (see LocalLevel and the central rules).
	Level Level
	// Deadlines are those of RULES.md whose inputs are present.
	Deadlines Deadlines
}

// Has reports whether a finding of rule id is in v.
func (v Verdict) Has(id RuleID) bool {
	for _, f := range v.Findings {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// RuleIDs lists the rules that fired, in the findings' order, once each.
func (v Verdict) RuleIDs() []RuleID {
	out := []RuleID{}
	seen := map[RuleID]bool{}
	for _, f := range v.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			out = append(out, f.Rule)
		}
	}
	return out
}

// MarshalJSON writes {"complete","findings","users_survey","agents_survey",
// "audit","level","deadlines","central"}; absent scores are null.
func (v Verdict) MarshalJSON() ([]byte, error) {
	findings := v.Findings
	if findings == nil {
		findings = []Finding{}
	}
	o := newObject().field("complete", v.Complete).field("findings", findings)
	o.field("users_survey", nilOr(v.Users)).field("agents_survey", nilOr(v.Agents)).
		field("audit", nilOr(v.Audit)).field("level", v.Level).
		field("deadlines", v.Deadlines).field("central", nilOr(v.Central))
	return o.bytes()
}

// nilOr turns a nil pointer into an untyped nil, so that it marshals to null.
func nilOr[T any](p *T) any {
	if p == nil {
		return nil
	}
	return p
}

// Deadline is one dated deadline of RULES.md's table.
type Deadline struct {
	Name string
	Date Date
}

// The deadline names used in outputs (RULES.md, "Deadlines").
const (
	DeadlineDepositDue          = "deposit_due"
	DeadlineAuditPlanDue        = "audit_plan_due"
	DeadlineReportDue           = "report_due"
	DeadlineRemarksDue          = "remarks_due"
	DeadlineLabelExpires        = "label_expires"
	DeadlineRenewalInvite       = "renewal_invite"
	DeadlineFollowupTarget      = "followup_target"
	DeadlineFollowupWindowStart = "followup_window_start"
	DeadlineFollowupWindowEnd   = "followup_window_end"
	DeadlineFollowupPrepare     = "followup_prepare"
	DeadlineReapplyFrom         = "reapply_from"
	DeadlineSurveyRerunFrom     = "survey_rerun_from"
	DeadlineSuspensionMaxEnd    = "suspension_max_end"
	DeadlineStopMarkUse         = "stop_mark_use"
)

// Deadlines are kept in the order of RULES.md's table.
type Deadlines []Deadline

// Get returns the date of the deadline called name.
func (d Deadlines) Get(name string) (Date, bool) {
	for _, x := range d {
		if x.Name == name {
			return x.Date, true
		}
	}
	return Date{}, false
}

// MarshalJSON writes {"name":"YYYY-MM-DD",...} in the table's order.
func (d Deadlines) MarshalJSON() ([]byte, error) {
	o := newObject()
	for _, x := range d {
		o.field(x.Name, x.Date)
	}
	return o.bytes()
}
