package connector

import (
	"strings"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
	"github.com/spplus/spplus/rules/sheets"
)

// toCandidacy maps a DS dossier to the candidacy the rules judge, reading
// each input from the champ the config maps it to (by descriptor id, which
// survives the démarche's revisions). files holds the attachments already
// downloaded and parsed, by field key. It is pure: a champ that cannot be
// read is returned as a problem (FIELD_INVALID), never an error.
func toCandidacy(d *graphql.Dossier, fields map[string]string, defaultDep string, files map[string]parsedFile) (rules.Candidacy, []fieldProblem) {
	r := &champReader{champs: d.Champs, fields: fields}
	c := rules.Candidacy{
		Service:      r.service(),
		Audit:        r.audit(),
		AuditDate:    r.date(config.FieldAuditDate),
		AuditEndDate: r.date(config.FieldAuditEndDate),
		DepositDate:  dayOf(d.DateDepot),
		Departement:  firstNonEmpty(r.departement(config.FieldDepartement), r.departement(config.FieldServiceAddress), defaultDep),
		Pieces:       r.pieces(d),

		SelfDiagnosticDate:     r.date(config.FieldSelfDiagnosticDate),
		UsersSurveyDate:        r.date(config.FieldUsersSurveyDate),
		AgentsSurveyDate:       r.date(config.FieldAgentsSurveyDate),
		IndicatorsSince:        r.date(config.FieldIndicatorsSince),
		UsersSurveyLaunchDate:  r.date(config.FieldUsersSurveyLaunchDate),
		AgentsSurveyLaunchDate: r.date(config.FieldAgentsSurveyLaunchDate),
		UsersSurveyCloseDate:   r.date(config.FieldUsersSurveyCloseDate),
		AgentsSurveyCloseDate:  r.date(config.FieldAgentsSurveyCloseDate),
		InitialDecisionDate:    r.date(config.FieldInitialDecisionDate),
		ReportReceivedDate:     r.date(config.FieldReportReceivedDate),
		SuspensionStartDate:    r.date(config.FieldSuspensionStartDate),
		WithdrawalDate:         r.date(config.FieldWithdrawalDate),
		LastRefusalDate:        r.date(config.FieldLastRefusalDate),
	}
	c.UsersSurvey = rules.SurveyInput{FileInput: files[config.FieldUsersSurveyReport].input(),
		Solicited: r.integer(config.FieldUsersSolicited), DeclaredScore: r.score(config.FieldUsersDeclaredScore),
		Tally: files[config.FieldUsersSurveyReport].Tally}
	c.AgentsSurvey = rules.SurveyInput{FileInput: files[config.FieldAgentsSurveyReport].input(),
		Solicited: r.integer(config.FieldAgentsSolicited), Headcount: r.integer(config.FieldAgentsHeadcount),
		DeclaredScore: r.score(config.FieldAgentsDeclaredScore), Tally: files[config.FieldAgentsSurveyReport].Tally}
	c.AuditGrid = rules.AuditGridInput{FileInput: files[config.FieldAuditGrid].input(), Grid: files[config.FieldAuditGrid].Grid}
	c.Central = rules.CentralInputs{LocalServices: r.integer(config.FieldLocalServices), Locals: r.locals(),
		Grid: rules.CentralGridInput{FileInput: files[config.FieldCentralGrid].input(), Grid: files[config.FieldCentralGrid].Central}}
	return c, r.problems
}

// pieces reads the pieces of §3.5.1: a piece justificative champ with at
// least one file. The certification body is a piece when its champ is
// filled or when the dossier is routed to a groupe instructeur (on the
// label démarche, each groupe is a certification body).
func (r *champReader) pieces(d *graphql.Dossier) rules.Pieces {
	body := r.text(config.FieldCertificationBody) != "" || d.GroupeInstructeur.Number > 0 || d.GroupeInstructeur.Label != ""
	return rules.Pieces{
		Identification:       r.piece(config.FieldIdentification),
		CertificationBody:    body,
		Organigram:           r.piece(config.FieldOrganigram),
		TrainingPlanCurrent:  r.piece(config.FieldTrainingPlanCurrent),
		TrainingPlanPrevious: r.piece(config.FieldTrainingPlanPrevious),
		SelfDiagnosticReport: r.piece(config.FieldSelfDiagnosticReport),
		SampleMethod:         r.piece(config.FieldSampleMethod),
		UsersSurveyReport:    r.piece(config.FieldUsersSurveyReport),
		AgentsSurveyReport:   r.piece(config.FieldAgentsSurveyReport),
		ActionPlan:           r.piece(config.FieldActionPlan),
		IndicatorsList:       r.piece(config.FieldIndicatorsList),
	}
}

// service reads the kind of service: an option naming "central" or "local".
func (r *champReader) service() rules.ServiceKind {
	v := sheets.Fold(r.text(config.FieldService))
	switch {
	case v == "":
		return ""
	case strings.Contains(v, "central"):
		return rules.ServiceCentral
	case strings.Contains(v, "local"):
		return rules.ServiceLocal
	}
	c, _ := r.get(config.FieldService)
	r.bad(config.FieldService, c, "« Service local » ou « Service central »")
	return ""
}

// audit reads the kind of audit: initial, de suivi, de renouvellement.
func (r *champReader) audit() rules.AuditKind {
	v := sheets.Fold(r.text(config.FieldAudit))
	switch {
	case v == "":
		return ""
	case strings.Contains(v, "suivi") || strings.Contains(v, "followup"):
		return rules.AuditFollowup
	case strings.Contains(v, "renouvel") || strings.Contains(v, "renewal"):
		return rules.AuditRenewal
	case strings.Contains(v, "initial"):
		return rules.AuditInitial
	}
	c, _ := r.get(config.FieldAudit)
	r.bad(config.FieldAudit, c, "« Audit initial », « Audit de suivi » ou « Audit de renouvellement »")
	return ""
}

// locals reads the rows of the repetition block of a central candidacy.
func (r *champReader) locals() []rules.LocalService {
	c, ok := r.get(config.FieldLocals)
	if !ok {
		return nil
	}
	if c.Typename != "RepetitionChamp" {
		r.bad(config.FieldLocals, c, "un bloc répétable")
		return nil
	}
	var out []rules.LocalService
	for _, row := range c.Rows {
		rr := &champReader{champs: row.Champs, fields: r.fields}
		l := rules.LocalService{Name: rr.text(config.FieldLocalName), AuditedYear: rr.integer(config.FieldLocalAuditedYear),
			Level: rr.level(config.FieldLocalLevel), SelfDiagnosticDate: rr.date(config.FieldLocalSelfDiagnostic)}
		r.problems = append(r.problems, rr.problems...)
		out = append(out, l)
	}
	return out
}

// level reads a level option: Bronze, Argent, Or, or Aucun (none).
func (r *champReader) level(key string) rules.Level {
	v := sheets.Fold(r.text(key))
	switch v {
	case "":
		return rules.LevelUnknown
	case "aucun", "aucun palier", "none", "non labellise":
		return rules.LevelNone
	}
	if l, ok := rules.ParseLevel(v); ok {
		return l
	}
	c, _ := r.get(key)
	r.bad(key, c, "un niveau (Bronze, Argent, Or ou Aucun)")
	return rules.LevelUnknown
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
