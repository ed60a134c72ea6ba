package config

// Kind is the type of value a mapped champ or annotation holds.
type Kind string

// Kinds of champs and annotations.
const (
	KindDate        Kind = "date"
	KindDatetime    Kind = "datetime"
	KindInteger     Kind = "integer"
	KindDecimal     Kind = "decimal"
	KindText        Kind = "text"
	KindChoice      Kind = "choice"
	KindFile        Kind = "file"
	KindRepetition  Kind = "repetition"
	KindDepartement Kind = "departement"
	KindYesNo       Kind = "yesno"
	KindCheckbox    Kind = "checkbox"
	KindAddress     Kind = "address"
)

// FieldSpec describes one key of the mapping vocabulary.
type FieldSpec struct {
	// Key is the mapping key used in the config file.
	Key string
	// Kind is the type of value expected.
	Kind Kind
	// Label is the usual French label of the champ on the label démarche,
	// used by "spplus init" to map descriptors by label (see NormalizeLabel).
	Label string
	// Required marks the inputs a local candidacy cannot be fully judged
	// without (its pieces, dates, survey counts and grid); "spplus init"
	// warns when one is not mapped. Mapping is never enforced: a missing
	// input becomes a finding at evaluation time.
	Required bool
	// Parent is the key of the repetition block holding this field, if any.
	Parent string
}

// Keys of the champs a candidacy is read from (the Fields vocabulary).
const (
	FieldService                = "service"
	FieldAudit                  = "audit"
	FieldServiceName            = "service_name"
	FieldDepartement            = "departement"
	FieldServiceAddress         = "service_address"
	FieldAlreadyLabelled        = "already_labelled"
	FieldCertificationBody      = "certification_body"
	FieldAuditDate              = "audit_date"
	FieldAuditEndDate           = "audit_end_date"
	FieldAuditPlanFiledAt       = "audit_plan_filed_at"
	FieldReportReceivedDate     = "report_received_date"
	FieldSuspensionStartDate    = "suspension_start_date"
	FieldWithdrawalDate         = "withdrawal_date"
	FieldIdentification         = "identification"
	FieldOrganigram             = "organigram"
	FieldTrainingPlanCurrent    = "training_plan_current"
	FieldTrainingPlanPrevious   = "training_plan_previous"
	FieldSelfDiagnosticReport   = "self_diagnostic_report"
	FieldSampleMethod           = "sample_method"
	FieldUsersSurveyReport      = "users_survey_report"
	FieldAgentsSurveyReport     = "agents_survey_report"
	FieldActionPlan             = "action_plan"
	FieldIndicatorsList         = "indicators_list"
	FieldAuditGrid              = "audit_grid"
	FieldSelfDiagnosticDate     = "self_diagnostic_date"
	FieldUsersSurveyDate        = "users_survey_date"
	FieldAgentsSurveyDate       = "agents_survey_date"
	FieldUsersSurveyLaunchDate  = "users_survey_launch_date"
	FieldAgentsSurveyLaunchDate = "agents_survey_launch_date"
	FieldUsersSurveyCloseDate   = "users_survey_close_date"
	FieldAgentsSurveyCloseDate  = "agents_survey_close_date"
	FieldIndicatorsSince        = "indicators_since"
	FieldLastRefusalDate        = "last_refusal_date"
	FieldInitialDecisionDate    = "initial_decision_date"
	FieldUsersSolicited         = "users_solicited"
	FieldAgentsSolicited        = "agents_solicited"
	FieldAgentsHeadcount        = "agents_headcount"
	FieldUsersDeclaredScore     = "users_declared_score"
	FieldAgentsDeclaredScore    = "agents_declared_score"
	FieldLocalServices          = "local_services"
	FieldLocals                 = "locals"
	FieldLocalName              = "local_name"
	FieldLocalAuditedYear       = "local_audited_year"
	FieldLocalLevel             = "local_level"
	FieldLocalSelfDiagnostic    = "local_self_diagnostic_date"
	FieldCentralGrid            = "central_grid"
)

// Keys of the private annotations the connector writes (the Annotations vocabulary).
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

// Fields returns the champs a candidacy is read from, in the order of the
// label démarche. Each call returns a fresh slice.
func Fields() []FieldSpec {
	return []FieldSpec{
		{FieldService, KindChoice, "Type de service", true, ""},
		{FieldAudit, KindChoice, "Type d'audit", true, ""},
		{FieldServiceName, KindText, "Nom du service", false, ""},
		{FieldDepartement, KindDepartement, "Département du service", false, ""},
		// The address is where the département comes from when the form has
		// no département champ (decision D5).
		{FieldServiceAddress, KindAddress, "Adresse du service", false, ""},
		{FieldAlreadyLabelled, KindYesNo, "Le service a-t-il déjà été labellisé ?", false, ""},
		{FieldCertificationBody, KindText, "Organisme certificateur", true, ""},
		{FieldAuditDate, KindDate, "Date de l'audit", true, ""},
		{FieldAuditEndDate, KindDate, "Date de fin de l'audit", false, ""},
		{FieldAuditPlanFiledAt, KindDatetime, "Date et heure de dépôt du plan d'audit", false, ""},
		{FieldReportReceivedDate, KindDate, "Date de réception du rapport d'audit", false, ""},
		{FieldSuspensionStartDate, KindDate, "Date de début de la suspension", false, ""},
		{FieldWithdrawalDate, KindDate, "Date du retrait du label", false, ""},
		{FieldIdentification, KindFile, "Fiche d'identification du service", true, ""},
		{FieldOrganigram, KindFile, "Organigramme du service", true, ""},
		{FieldTrainingPlanCurrent, KindFile, "Plan de formation de l'année en cours", true, ""},
		{FieldTrainingPlanPrevious, KindFile, "Plan de formation de l'année précédente", true, ""},
		{FieldSelfDiagnosticReport, KindFile, "Rapport d'autodiagnostic", true, ""},
		{FieldSampleMethod, KindFile, "Méthode d'échantillonnage", true, ""},
		{FieldUsersSurveyReport, KindFile, "Résultats de l'enquête usagers", true, ""},
		{FieldAgentsSurveyReport, KindFile, "Résultats de l'enquête agents", true, ""},
		{FieldActionPlan, KindFile, "Plan d'actions", true, ""},
		{FieldIndicatorsList, KindFile, "Liste des indicateurs", true, ""},
		{FieldAuditGrid, KindFile, "Grille d'audit", true, ""},
		{FieldSelfDiagnosticDate, KindDate, "Date de l'autodiagnostic", true, ""},
		{FieldUsersSurveyDate, KindDate, "Date de l'enquête usagers", true, ""},
		{FieldAgentsSurveyDate, KindDate, "Date de l'enquête agents", true, ""},
		{FieldUsersSurveyLaunchDate, KindDate, "Date de lancement de l'enquête usagers", false, ""},
		{FieldAgentsSurveyLaunchDate, KindDate, "Date de lancement de l'enquête agents", false, ""},
		{FieldUsersSurveyCloseDate, KindDate, "Date de clôture de l'enquête usagers", false, ""},
		{FieldAgentsSurveyCloseDate, KindDate, "Date de clôture de l'enquête agents", false, ""},
		{FieldIndicatorsSince, KindDate, "Indicateurs publiés depuis le", true, ""},
		{FieldLastRefusalDate, KindDate, "Date du dernier refus", false, ""},
		{FieldInitialDecisionDate, KindDate, "Date de la décision initiale de labellisation", false, ""},
		{FieldUsersSolicited, KindInteger, "Nombre d'usagers sollicités", true, ""},
		{FieldAgentsSolicited, KindInteger, "Nombre d'agents sollicités", true, ""},
		{FieldAgentsHeadcount, KindInteger, "Nombre d'agents concernés", true, ""},
		{FieldUsersDeclaredScore, KindDecimal, "Score déclaré de l'enquête usagers", false, ""},
		{FieldAgentsDeclaredScore, KindDecimal, "Score déclaré de l'enquête agents", false, ""},
		{FieldLocalServices, KindInteger, "Nombre de services locaux", false, ""},
		{FieldLocals, KindRepetition, "Services locaux labellisés", false, ""},
		{FieldLocalName, KindText, "Nom du service local", false, FieldLocals},
		{FieldLocalAuditedYear, KindInteger, "Année de l'audit", false, FieldLocals},
		{FieldLocalLevel, KindChoice, "Niveau obtenu", false, FieldLocals},
		{FieldLocalSelfDiagnostic, KindDate, "Date de l'autodiagnostic du service local", false, FieldLocals},
		{FieldCentralGrid, KindFile, "Grille d'audit du service central", false, ""},
	}
}

// Annotations returns the private annotations the connector writes. Each
// call returns a fresh slice.
func Annotations() []FieldSpec {
	return []FieldSpec{
		{AnnotationStatus, KindText, "Statut SP+", false, ""},
		{AnnotationUsersScore, KindDecimal, "Score enquête usagers (calculé)", false, ""},
		{AnnotationAgentsScore, KindDecimal, "Score enquête agents (calculé)", false, ""},
		{AnnotationLevel, KindText, "Niveau SP+", false, ""},
		{AnnotationBlockingFindings, KindText, "Constats bloquants", false, ""},
		{AnnotationNextDeadline, KindDate, "Prochaine échéance", false, ""},
		{AnnotationEvaluatedAt, KindText, "Dernière évaluation SP+", false, ""},
		{AnnotationProposedDecision, KindText, "Décision proposée", false, ""},
		{AnnotationComplete, KindCheckbox, "Dossier complet", false, ""},
	}
}

// FieldByKey returns the spec of a Fields key.
func FieldByKey(key string) (FieldSpec, bool) { return specByKey(Fields(), key) }

// AnnotationByKey returns the spec of an Annotations key.
func AnnotationByKey(key string) (FieldSpec, bool) { return specByKey(Annotations(), key) }

// FieldByLabel returns the Fields spec whose usual label matches label,
// ignoring case, accents, apostrophe variants and spacing.
func FieldByLabel(label string) (FieldSpec, bool) { return specByLabel(Fields(), label) }

// AnnotationByLabel returns the Annotations spec whose usual label matches
// label, like FieldByLabel.
func AnnotationByLabel(label string) (FieldSpec, bool) { return specByLabel(Annotations(), label) }

func specByKey(specs []FieldSpec, key string) (FieldSpec, bool) {
	for _, s := range specs {
		if s.Key == key {
			return s, true
		}
	}
	return FieldSpec{}, false
}

func specByLabel(specs []FieldSpec, label string) (FieldSpec, bool) {
	want := NormalizeLabel(label)
	for _, s := range specs {
		if NormalizeLabel(s.Label) == want {
			return s, true
		}
	}
	return FieldSpec{}, false
}

func specKeys(specs []FieldSpec) []string {
	keys := make([]string, len(specs))
	for i, s := range specs {
		keys[i] = s.Key
	}
	return keys
}
