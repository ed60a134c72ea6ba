package rules

import (
	"cmp"
	"slices"
)

// RuleID is the stable identifier of a rule of shared/RULES.md. Findings,
// annotations, messages, logs and tests use it.
type RuleID string

// The rule IDs of RULES.md, in the order of its findings table.
const (
	MissingIdentification         RuleID = "MISSING_IDENTIFICATION"
	MissingCertificationBody      RuleID = "MISSING_CERTIFICATION_BODY"
	MissingOrganigram             RuleID = "MISSING_ORGANIGRAM"
	MissingTrainingPlanCurrent    RuleID = "MISSING_TRAINING_PLAN_CURRENT"
	MissingTrainingPlanPrevious   RuleID = "MISSING_TRAINING_PLAN_PREVIOUS"
	MissingSelfDiagnostic         RuleID = "MISSING_SELF_DIAGNOSTIC"
	MissingSampleMethod           RuleID = "MISSING_SAMPLE_METHOD"
	MissingUsersSurvey            RuleID = "MISSING_USERS_SURVEY"
	MissingAgentsSurvey           RuleID = "MISSING_AGENTS_SURVEY"
	MissingActionPlan             RuleID = "MISSING_ACTION_PLAN"
	MissingIndicators             RuleID = "MISSING_INDICATORS"
	AuditDateMissing              RuleID = "AUDIT_DATE_MISSING"
	DepositOneMonth               RuleID = "DEPOSIT_ONE_MONTH"
	SelfDiagnostic12Months        RuleID = "SELF_DIAGNOSTIC_12_MONTHS"
	UsersSurvey6Months            RuleID = "USERS_SURVEY_6_MONTHS"
	AgentsSurvey6Months           RuleID = "AGENTS_SURVEY_6_MONTHS"
	Indicators6Months             RuleID = "INDICATORS_6_MONTHS"
	UsersSurveyInvalid            RuleID = "USERS_SURVEY_INVALID"
	AgentsSurveyInvalid           RuleID = "AGENTS_SURVEY_INVALID"
	AgentsSolicitedBelowHeadcount RuleID = "AGENTS_SOLICITED_BELOW_HEADCOUNT"
	SurveyLaunch2Months           RuleID = "SURVEY_LAUNCH_2_MONTHS"
	SurveysBelowBronze            RuleID = "SURVEYS_BELOW_BRONZE"
	EmptyQuestion                 RuleID = "EMPTY_QUESTION"
	ScoreMismatch                 RuleID = "SCORE_MISMATCH"
	FileUnreadable                RuleID = "FILE_UNREADABLE"
	FileNotSafe                   RuleID = "FILE_NOT_SAFE"
	AuditGridInvalid              RuleID = "AUDIT_GRID_INVALID"
	Reapply6Months                RuleID = "REAPPLY_6_MONTHS"
	FollowupWindow                RuleID = "FOLLOWUP_WINDOW"
	FollowupSelfDiagnostics       RuleID = "FOLLOWUP_SELF_DIAGNOSTICS"
	FollowupSurveys               RuleID = "FOLLOWUP_SURVEYS"
	CentralSampleTooSmall         RuleID = "CENTRAL_SAMPLE_TOO_SMALL"
	CentralLabelled75             RuleID = "CENTRAL_LABELLED_75"
	CentralGrid75                 RuleID = "CENTRAL_GRID_75"
	CentralSelfDiagnostics        RuleID = "CENTRAL_SELF_DIAGNOSTICS"
	CentralLevelTie               RuleID = "CENTRAL_LEVEL_TIE"
)

// Severity says what a finding does to the dossier.
type Severity string

const (
	// Blocking: the dossier cannot go to audit or decision as it is.
	Blocking Severity = "blocking"
	// Warning: the candidate should act, but the dossier can go on.
	Warning Severity = "warning"
	// Info: for the record.
	Info Severity = "info"
)

func (s Severity) rank() int {
	switch s {
	case Blocking:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// RuleInfo describes one rule of RULES.md.
type RuleInfo struct {
	ID       RuleID
	Severity Severity
	// Section is the guide section(s), as RULES.md writes them; empty when
	// the rule comes from no section of the guide (FILE_*).
	Section string
}

// Rules returns every rule of RULES.md, in the order of its findings table;
// findings of one severity are sorted in this order.
func Rules() []RuleInfo {
	b, w := Blocking, Warning
	return []RuleInfo{
		{MissingIdentification, b, "3.5.1"}, {MissingCertificationBody, b, "3.5.1"},
		{MissingOrganigram, b, "3.5.1"}, {MissingTrainingPlanCurrent, b, "3.5.1"},
		{MissingTrainingPlanPrevious, b, "3.5.1"}, {MissingSelfDiagnostic, b, "3.5.1"},
		{MissingSampleMethod, b, "3.5.1"}, {MissingUsersSurvey, b, "3.5.1"},
		{MissingAgentsSurvey, b, "3.5.1"}, {MissingActionPlan, b, "3.5.1"},
		{MissingIndicators, b, "3.5.1"}, {AuditDateMissing, b, "3.5.1"},
		{DepositOneMonth, b, "3.5.1"}, {SelfDiagnostic12Months, b, "3.1, 3.5.1"},
		{UsersSurvey6Months, b, "3.4, 3.5.1"}, {AgentsSurvey6Months, b, "3.4, 3.5.1"},
		{Indicators6Months, b, "3.5.1"}, {UsersSurveyInvalid, b, "3.4.1"},
		{AgentsSurveyInvalid, b, "3.4.2"}, {AgentsSolicitedBelowHeadcount, w, "3.4.2"},
		{SurveyLaunch2Months, w, "3.4"}, {SurveysBelowBronze, w, "3.4"},
		{EmptyQuestion, w, "3.4"}, {ScoreMismatch, w, "3.4"},
		{FileUnreadable, b, ""}, {FileNotSafe, b, ""},
		{AuditGridInvalid, b, "3.7.1"}, {Reapply6Months, b, "3.8"},
		{FollowupWindow, b, "3.9.1, 3.9.2"}, {FollowupSelfDiagnostics, b, "3.9.1"},
		{FollowupSurveys, b, "3.9.1"}, {CentralSampleTooSmall, b, "3.1, 3.3"},
		{CentralLabelled75, b, "2.2.2"}, {CentralGrid75, b, "2.2.2, 3.7.2"},
		{CentralSelfDiagnostics, b, "2.2.2"}, {CentralLevelTie, w, "2.2.2"},
	}
}

// Finding is one rule that fired on a candidacy.
type Finding struct {
	Rule     RuleID   `json:"rule"`
	Severity Severity `json:"severity"`
	Section  string   `json:"section"`
	// Message is French, for the candidate: what is wrong and what to do.
	Message string `json:"message"`
	// Values are the values the rule judged (dates YYYY-MM-DD, scores
	// rounded to two decimals), keyed by input name.
	Values map[string]string `json:"values,omitempty"`
}

// findings collects the findings of one evaluation.
type findings struct {
	rules map[RuleID]RuleInfo
	list  []Finding
}

func newFindings() *findings {
	f := &findings{rules: map[RuleID]RuleInfo{}}
	for _, r := range Rules() {
		f.rules[r.ID] = r
	}
	return f
}

// add records a finding of rule id; values alternate keys and values.
func (f *findings) add(id RuleID, message string, values ...string) {
	info := f.rules[id]
	fd := Finding{Rule: id, Severity: info.Severity, Section: info.Section, Message: message}
	if len(values) > 1 {
		fd.Values = make(map[string]string, len(values)/2)
		for i := 0; i+1 < len(values); i += 2 {
			fd.Values[values[i]] = values[i+1]
		}
	}
	f.list = append(f.list, fd)
}

// sorted returns the findings blocking first, then warnings, then infos;
// within a severity in the order of RULES.md's table, then by message.
func (f *findings) sorted() []Finding {
	order := map[RuleID]int{}
	for i, r := range Rules() {
		order[r.ID] = i
	}
	out := slices.Clone(f.list)
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Severity.rank(), b.Severity.rank()),
			cmp.Compare(order[a.Rule], order[b.Rule]),
			cmp.Compare(a.Message, b.Message))
	})
	if out == nil {
		out = []Finding{}
	}
	return out
}
