package gen

// Filler says who fills a champ or an annotation.
type Filler string

const (
	// FilledByCandidate marks a public champ the candidate service fills.
	FilledByCandidate Filler = "candidat"
	// FilledByCertifier marks a private annotation of the certification body
	// (written by spplus on its behalf).
	FilledByCertifier Filler = "organisme certificateur"
)

// Descriptor describes one champ or annotation of the generated démarche.
type Descriptor struct {
	// Key is the candidacy input (or the annotation) the champ feeds, in the
	// vocabulary of the configuration's field mapping (e.g. "audit_date").
	Key string
	// StableID is DS's stable id: the descriptor id is base64("Champ-<StableID>").
	StableID int
	// Label is the French label shown on the form.
	Label string
	// Typename is the GraphQL descriptor type, e.g. "DateChampDescriptor".
	Typename string
	// Type is the deprecated TypeDeChamp value DS still returns, e.g. "date".
	Type string
	// Description is the help text under the champ.
	Description string
	// Required tells whether DS requires the champ before deposit.
	Required bool
	// Options are the choices of a drop-down list.
	Options []string
	// Parent is the Key of the repetition block holding this champ, or "".
	Parent string
	// Annotation marks a private annotation (instructeurs only).
	Annotation bool
	// Filler says who fills it.
	Filler Filler
}

// ID returns the descriptor's GraphQL id, base64("Champ-<StableID>").
func (d Descriptor) ID() string { return ChampID(d.StableID) }

// Candidacy input keys, one per champ that feeds the rules. They match the
// configuration's field-mapping keys.
const (
	KeyService                = "service"
	KeyAudit                  = "audit"
	KeyServiceName            = "service_name"
	KeyDepartement            = "departement"
	KeyServiceAddress         = "service_address"
	KeyCertificationBody      = "certification_body"
	KeyAuditDate              = "audit_date"
	KeyAuditEndDate           = "audit_end_date"
	KeyAuditPlanFiledAt       = "audit_plan_filed_at"
	KeyReportReceivedDate     = "report_received_date"
	KeySuspensionStartDate    = "suspension_start_date"
	KeyWithdrawalDate         = "withdrawal_date"
	KeyAlreadyLabelled        = "already_labelled"
	KeyInitialDecisionDate    = "initial_decision_date"
	KeyLastRefusalDate        = "last_refusal_date"
	KeyIdentification         = "identification"
	KeyOrganigram             = "organigram"
	KeyTrainingPlanCurrent    = "training_plan_current"
	KeyTrainingPlanPrevious   = "training_plan_previous"
	KeySelfDiagnosticReport   = "self_diagnostic_report"
	KeySelfDiagnosticDate     = "self_diagnostic_date"
	KeySampleMethod           = "sample_method"
	KeyUsersSurveyReport      = "users_survey_report"
	KeyUsersSurveyDate        = "users_survey_date"
	KeyUsersSurveyLaunchDate  = "users_survey_launch_date"
	KeyUsersSurveyCloseDate   = "users_survey_close_date"
	KeyUsersSolicited         = "users_solicited"
	KeyUsersDeclaredScore     = "users_declared_score"
	KeyAgentsSurveyReport     = "agents_survey_report"
	KeyAgentsSurveyDate       = "agents_survey_date"
	KeyAgentsSurveyLaunchDate = "agents_survey_launch_date"
	KeyAgentsSurveyCloseDate  = "agents_survey_close_date"
	KeyAgentsSolicited        = "agents_solicited"
	KeyAgentsHeadcount        = "agents_headcount"
	KeyAgentsDeclaredScore    = "agents_declared_score"
	KeyActionPlan             = "action_plan"
	KeyIndicatorsList         = "indicators_list"
	KeyIndicatorsSince        = "indicators_since"
	KeyAuditGrid              = "audit_grid"
	KeyLocalServices          = "local_services"
	KeyLocals                 = "locals"
	KeyLocalName              = "local_name"
	KeyLocalAuditedYear       = "local_audited_year"
	KeyLocalLevel             = "local_level"
	KeyLocalSelfDiagnostic    = "local_self_diagnostic_date"
	KeyCentralGrid            = "central_grid"
)

// Annotation keys: what spplus writes back, in the configuration's vocabulary.
const (
	AnnotationStatus           = "status"
	AnnotationUsersScore       = "users_score"
	AnnotationAgentsScore      = "agents_score"
	AnnotationLevel            = "level"
	AnnotationBlockingFindings = "blocking_findings"
	AnnotationNextDeadline     = "next_deadline"
	AnnotationEvaluatedAt      = "evaluated_at"
	AnnotationProposedDecision = "proposed_decision"
	AnnotationComplete         = "complete"
)

// Options of the drop-down lists, exactly as the form offers them.
const (
	OptionServiceLocal   = "Service local"
	OptionServiceCentral = "Service central"
	OptionAuditInitial   = "Audit initial"
	OptionAuditFollowup  = "Audit de suivi"
	OptionAuditRenewal   = "Audit de renouvellement"
	OptionLevelBronze    = "Bronze"
	OptionLevelArgent    = "Argent"
	OptionLevelOr        = "Or"
	OptionLevelNone      = "Aucun"
)

// Descriptors returns every champ and annotation of the generated démarche in
// form order: champs first (repetition children right after their block),
// then annotations. The slice is new on every call.
func Descriptors() []Descriptor {
	all := append(champDescriptors(), annotationDescriptors()...)
	return all
}

// DescriptorByKey returns the descriptor that feeds key, if any.
func DescriptorByKey(key string) (Descriptor, bool) {
	for _, d := range Descriptors() {
		if d.Key == key {
			return d, true
		}
	}
	return Descriptor{}, false
}

// CertificationBodies returns the two certification bodies of the generated
// démarche, which are also its two groupes instructeurs.
func CertificationBodies() []string {
	return []string{"AFNOR Certification", "Bureau Veritas Certification"}
}
