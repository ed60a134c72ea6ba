package rules

// Settings holds every number of one edition of the label guide that the
// rules use: thresholds of the levels table, survey validity bands, month
// windows, deadline day counts, question layouts and answer labels. A new
// edition of the guide is a new Settings value (a config change), not a code
// change. DefaultSettings returns the values of the current guide.
type Settings struct {
	// Edition names the guide edition these values come from, for the record.
	Edition string
	// Questionnaires are the survey layouts and answer labels (rules/sheets
	// reads files with them; the scoring follows their engagements).
	Questionnaires Questionnaires
	// Engagements is the number of engagements an audit grid must cover (§2.2.1).
	Engagements int
	// Levels lists the levels from the lowest to the highest (§2.2.1).
	Levels []LevelRule
	// Users is the validity rule of the users' survey (§3.4.1).
	Users UsersValidity
	// AgentBands are the validity bands of the agents' survey by headcount,
	// in increasing order of MaxHeadcount, the last one unbounded (§3.4.2).
	AgentBands []AgentBand
	// DeclaredTolerance is the largest gap between a score typed in the form
	// and the computed one that raises no SCORE_MISMATCH (0.01 point).
	DeclaredTolerance Ratio
	// RecentSurveyAudits are the audit kinds for which the surveys must date
	// from less than Windows.SurveyMonths (§3.4: initial; §3.10: renewal
	// "dans les mêmes conditions que l'obtention initiale").
	RecentSurveyAudits []AuditKind
	// Windows are the month windows of the date rules.
	Windows Windows
	// Deadlines are the day and month counts of the deadlines table.
	Deadlines DeadlineSettings
	// Central holds the rules of central services (§2.2.2, §3.1).
	Central CentralSettings
}

// LevelRule is one line of the levels table: every threshold is a minimum,
// inclusive, on the 0–100 scale.
type LevelRule struct {
	Level Level
	// Engagement is the minimum of every engagement of the audit.
	Engagement Ratio
	// OrCriteria is the minimum of the "Or" criteria; RequireOr false means
	// the level does not look at them.
	OrCriteria Ratio
	RequireOr  bool
	Agents     Ratio
	Users      Ratio
}

// UsersValidity is the validity rule of the users' survey: at least
// MinAdmissible admissible questionnaires and a response rate (admissible /
// solicited, in percent) of at least MinRate.
type UsersValidity struct {
	MinAdmissible int64
	MinRate       Ratio
}

// AgentBand is one band of the agents' survey validity rule: it applies when
// the headcount concerned is ≤ MaxHeadcount (0 = no upper bound).
type AgentBand struct {
	MaxHeadcount  int64
	MinRate       Ratio
	MinAdmissible int64
}

// Windows are the month windows of the date rules, all inclusive (D4).
type Windows struct {
	DepositMonths        int // deposit at the latest audit − 1 month (§3.5.1)
	SelfDiagnosticMonths int // self-diagnostic within 12 months before the audit (§3.1, §3.5.1)
	SurveyMonths         int // surveys within 6 months before an initial audit (§3.4)
	IndicatorsMonths     int // indicators in place for 6 months (§3.5.1)
	SurveyLaunchMonths   int // surveys launched 2 months before the audit (§3.4)
	ReapplyMonths        int // new candidacy 6 months after a refusal (§3.8, D10)
	// FollowupYearMonths is the length of the "year" of the yearly
	// self-diagnostics checked at a follow-up audit (§3.9.1).
	FollowupYearMonths int
	// FollowupWindowMonths is the tolerance around a follow-up target (§3.9).
	FollowupWindowMonths int
}

// Followup places the follow-up audits of one kind of service, counted from
// the decision that awarded the label.
type Followup struct {
	// TargetMonths are the theoretical dates of the follow-up audits; the
	// first one is the followup_target deadline.
	TargetMonths []int
	// PrepareMonths is when the follow-up is prepared.
	PrepareMonths int
}

// DeadlineSettings are the counts of the deadlines table of RULES.md.
type DeadlineSettings struct {
	AuditPlanWorkingDays int // plan d'audit 10 jours ouvrés avant (§3.7)
	ReportDays           int // rapport 21 jours après la visite (§3.7)
	RemarksDays          int // observations 10 jours après réception (§3.7.1)
	LabelValidityMonths  int // label valable 3 ans (§2.3)
	RenewalInviteMonths  int // invitation 9 mois avant l'échéance (§3.10)
	SurveyRerunMonths    int // nouveaux formulaires 6 mois après la clôture (§3.4)
	SuspensionMaxMonths  int // suspension de 12 mois au plus (§5.3.1)
	StopMarkUseMonths    int // cesser d'utiliser la marque sous 2 mois (§5.3.2)
	LocalFollowup        Followup
	CentralFollowup      Followup
}

// CentralSettings are the rules of central services.
type CentralSettings struct {
	// LabelledMin is the share of audited locals that must be labelled (75%).
	LabelledMin Ratio
	// GridMin is the share of validated central-grid points required (75%).
	GridMin Ratio
	// SelfDiagnosticMonths is the yearly self-diagnostic window of each local.
	SelfDiagnosticMonths int
}

// DefaultSettings returns the values of the label guide (2023 engagements,
// guide updated December 2025) and the default questionnaires.
func DefaultSettings() Settings {
	return Settings{
		Edition:        "guide du label Services Publics+ (engagements 2023)",
		Questionnaires: DefaultQuestionnaires(),
		Engagements:    8,
		Levels: []LevelRule{
			{Level: LevelBronze, Engagement: Percent(50), Agents: Percent(50), Users: Percent(70)},
			{Level: LevelArgent, Engagement: Percent(65), Agents: Percent(65), Users: Percent(80)},
			{Level: LevelOr, Engagement: Percent(80), OrCriteria: Percent(80), RequireOr: true,
				Agents: Percent(80), Users: Percent(90)},
		},
		Users: UsersValidity{MinAdmissible: 50, MinRate: Percent(5)},
		AgentBands: []AgentBand{
			{MaxHeadcount: 49, MinRate: Percent(50)},
			{MaxHeadcount: 300, MinRate: Percent(30), MinAdmissible: 30},
			{MaxHeadcount: 0, MinRate: Percent(10), MinAdmissible: 50},
		},
		DeclaredTolerance:  Ratio{Num: 1, Den: 100},
		RecentSurveyAudits: []AuditKind{AuditInitial, AuditRenewal},
		Windows: Windows{
			DepositMonths: 1, SelfDiagnosticMonths: 12, SurveyMonths: 6,
			IndicatorsMonths: 6, SurveyLaunchMonths: 2, ReapplyMonths: 6,
			FollowupYearMonths: 12, FollowupWindowMonths: 2,
		},
		Deadlines: DeadlineSettings{
			AuditPlanWorkingDays: 10, ReportDays: 21, RemarksDays: 10,
			LabelValidityMonths: 36, RenewalInviteMonths: 9, SurveyRerunMonths: 6,
			SuspensionMaxMonths: 12, StopMarkUseMonths: 2,
			LocalFollowup:   Followup{TargetMonths: []int{18}, PrepareMonths: 12},
			CentralFollowup: Followup{TargetMonths: []int{12, 24}, PrepareMonths: 9},
		},
		Central: CentralSettings{
			LabelledMin: Percent(75), GridMin: Percent(75), SelfDiagnosticMonths: 12,
		},
	}
}
