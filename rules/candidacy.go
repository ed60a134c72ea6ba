package rules

// ServiceKind says whether the candidate is a local or a central service (§1.4).
type ServiceKind string

const (
	// ServiceLocal is a local public service (§1.4.2); the default.
	ServiceLocal ServiceKind = "local"
	// ServiceCentral is a central public service (§1.4.1).
	ServiceCentral ServiceKind = "central"
)

// AuditKind is the kind of audit the candidacy prepares.
type AuditKind string

const (
	// AuditInitial is the first labelling audit (§3.7); the default.
	AuditInitial AuditKind = "initial"
	// AuditFollowup is a follow-up audit within the 3-year cycle (§3.9).
	AuditFollowup AuditKind = "followup"
	// AuditRenewal is the renewal audit at the end of the cycle (§3.10).
	AuditRenewal AuditKind = "renewal"
)

// Candidacy is everything the rules judge about one dossier. The zero value
// of each field means "absent": a zero Date, a false piece, a nil tally. An
// absent input is a finding, never an error.
type Candidacy struct {
	Service ServiceKind
	Audit   AuditKind
	// AuditDate is the first day on site (D6); AuditEndDate the last one
	// (defaults to AuditDate).
	AuditDate, AuditEndDate Date
	// DepositDate is when the dossier was filed on Démarche Numérique.
	DepositDate Date
	// Departement is the candidate's département code ("57", "971", "2A"),
	// for the working-day calendar (D5).
	Departement string
	Pieces      Pieces

	SelfDiagnosticDate Date
	UsersSurveyDate    Date
	AgentsSurveyDate   Date
	// IndicatorsSince is when the quality indicators were put in place.
	IndicatorsSince Date

	UsersSurveyLaunchDate, AgentsSurveyLaunchDate Date
	UsersSurveyCloseDate, AgentsSurveyCloseDate   Date

	// InitialDecisionDate is the decision that awarded the label of the
	// current cycle (follow-up windows, expiry, renewal).
	InitialDecisionDate Date
	ReportReceivedDate  Date
	SuspensionStartDate Date
	WithdrawalDate      Date
	// LastRefusalDate is the notification of the last refusal of this service.
	LastRefusalDate Date

	// Follow-up audits (§3.9.1): see docs/rules.md.
	Followup FollowupInputs

	UsersSurvey  SurveyInput
	AgentsSurvey SurveyInput
	AuditGrid    AuditGridInput

	// Central services (§2.2.2, §3.1).
	Central CentralInputs
}

// Pieces are the pieces of the dossier listed in §3.5.1, true when attached.
type Pieces struct {
	Identification       bool
	CertificationBody    bool
	Organigram           bool
	TrainingPlanCurrent  bool
	TrainingPlanPrevious bool
	SelfDiagnosticReport bool
	SampleMethod         bool
	UsersSurveyReport    bool
	AgentsSurveyReport   bool
	ActionPlan           bool
	IndicatorsList       bool
}

// FileInput is an attached file and what happened when the caller tried to
// read it. The connector and the evaluate command fill Unreadable or NotSafe
// instead of the parsed value when the file cannot be used.
type FileInput struct {
	// File is the file's path (relative to the candidacy JSON) or name.
	File string
	// Unreadable says why the file could not be parsed, naming the file and
	// the line or cell ("users.csv line 4: ..."): FILE_UNREADABLE.
	Unreadable string
	// NotSafe is the Démarche Numérique virus-scan state of a file that is
	// not known to be safe ("pending", "infected"): FILE_NOT_SAFE. Empty when
	// the file is safe or the scan does not apply.
	NotSafe string
}

// usable reports whether the file carries no reading problem.
func (f FileInput) usable() bool { return f.Unreadable == "" && f.NotSafe == "" }

// SurveyInput is one survey of the candidacy.
type SurveyInput struct {
	FileInput
	// Solicited is the number of people asked to answer; 0 when unknown.
	Solicited int
	// Headcount is, for the agents' survey, the number of agents concerned
	// (in direct or indirect contact with users); 0 when unknown.
	Headcount int
	// DeclaredScore is the score typed in the form, if any (SCORE_MISMATCH).
	DeclaredScore Score
	// Tally is the parsed survey file; nil when there is none.
	Tally *SurveyTally
}

// AuditGridInput is the local audit grid of the candidacy.
type AuditGridInput struct {
	FileInput
	// Grid is the parsed grid; nil before the audit.
	Grid *AuditGrid
}

// CentralGridInput is the central-service audit grid.
type CentralGridInput struct {
	FileInput
	Grid *CentralGrid
}

// FollowupInputs are what a follow-up audit is checked against (§3.9.1).
type FollowupInputs struct {
	// InitialAuditDate is the first day on site of the initial audit of the
	// cycle; the yearly periods of FOLLOWUP_* are counted from it (from
	// InitialDecisionDate when it is absent).
	InitialAuditDate Date
	// SelfDiagnosticDates are the self-diagnostics carried out since the
	// initial candidacy (SelfDiagnosticDate counts too).
	SelfDiagnosticDates []Date
	// UsersSurveyDates and AgentsSurveyDates are the surveys carried out since
	// the initial audit (UsersSurveyDate / AgentsSurveyDate count too).
	UsersSurveyDates  []Date
	AgentsSurveyDates []Date
}

// CentralInputs are the inputs of a central candidacy.
type CentralInputs struct {
	// LocalServices is n, the number of local services attached (0 = unknown).
	LocalServices int
	// Locals are the local services the candidacy reports on.
	Locals []LocalService
	Grid   CentralGridInput
}

// LocalService is one local service of a central candidacy.
type LocalService struct {
	Name string
	// AuditedYear is the calendar year of its audit; 0 when not audited.
	AuditedYear int
	// Level is the level it obtained; LevelUnknown while undecided.
	Level Level
	// SelfDiagnosticDate is its last self-diagnostic.
	SelfDiagnosticDate Date
}

// CandidacyFiles lists the files a candidacy JSON refers to, so that the
// caller can parse them (rules/sheets) and put the results into the
// Candidacy. An empty string means no file was given.
type CandidacyFiles struct {
	UsersSurvey  string
	AgentsSurvey string
	AuditGrid    string
	CentralGrid  string
}

// All returns the non-empty file paths, in the order of the fields.
func (f CandidacyFiles) All() []string {
	var out []string
	for _, p := range []string{f.UsersSurvey, f.AgentsSurvey, f.AuditGrid, f.CentralGrid} {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isCentral reports whether c is judged by the central-service rules.
func (c Candidacy) isCentral() bool { return c.Service == ServiceCentral }

// auditEnd is the last day on site (D6).
func (c Candidacy) auditEnd() Date {
	if !c.AuditEndDate.IsZero() {
		return c.AuditEndDate
	}
	return c.AuditDate
}

// auditKind returns the audit kind, initial when none was given.
func (c Candidacy) auditKind() AuditKind {
	if c.Audit == "" {
		return AuditInitial
	}
	return c.Audit
}
