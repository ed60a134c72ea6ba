package rules

import (
	"fmt"
	"slices"
)

// checkLocalDates applies the date rules of §3.1, §3.4 and §3.5.1 to a
// local candidacy. Each fires only when both of its dates are present.
func (e *evaluation) checkLocalDates() {
	audit := e.c.AuditDate
	if audit.IsZero() {
		return
	}
	e.checkDeposit(audit)
	e.checkSelfDiagnostic(audit)
	if slices.Contains(e.s.RecentSurveyAudits, e.c.auditKind()) {
		e.checkSurveyDate(UsersSurvey6Months, "de l'enquête usagers", e.c.UsersSurveyDate, audit)
		e.checkSurveyDate(AgentsSurvey6Months, "de l'enquête agents", e.c.AgentsSurveyDate, audit)
	}
	e.checkIndicators(audit)
	e.checkLaunch("L'enquête usagers", "users", e.c.UsersSurveyLaunchDate, audit)
	e.checkLaunch("L'enquête agents", "agents", e.c.AgentsSurveyLaunchDate, audit)
}

// checkDeposit: DEPOSIT_ONE_MONTH, the dossier is filed at the latest one
// month before the audit (§3.5.1).
func (e *evaluation) checkDeposit(audit Date) {
	dep, n := e.c.DepositDate, e.s.Windows.DepositMonths
	if dep.IsZero() {
		return
	}
	latest := audit.AddMonths(-n)
	if dep.After(latest) {
		e.f.add(DepositOneMonth, fmt.Sprintf("Le dossier a été déposé le %s, %s avant l'audit du %s : "+
			"il devait l'être au plus tard le %s (§3.5.1). Convenez avec l'organisme de certification d'une date d'audit "+
			"au moins %s après le dépôt.", dep.French(), lessThanMonths(n), audit.French(), latest.French(), months(n)),
			"deposit_date", dep.String(), "audit_date", audit.String(), "deposit_due", latest.String())
	}
}

// checkSelfDiagnostic: SELF_DIAGNOSTIC_12_MONTHS (§3.1, §3.5.1).
func (e *evaluation) checkSelfDiagnostic(audit Date) {
	d, n := e.c.SelfDiagnosticDate, e.s.Windows.SelfDiagnosticMonths
	if d.IsZero() || d.WithinMonthsBefore(audit, n) {
		return
	}
	e.f.add(SelfDiagnostic12Months, fmt.Sprintf("L'autodiagnostic du %s n'a pas été réalisé dans les %d mois précédant "+
		"l'audit du %s (il doit dater du %s au %s, §3.1). Réalisez un nouvel autodiagnostic et joignez ses résultats "+
		"au format normalisé.", d.French(), n, audit.French(), audit.AddMonths(-n).French(), audit.French()),
		"self_diagnostic_date", d.String(), "audit_date", audit.String())
}

// checkSurveyDate: USERS_SURVEY_6_MONTHS / AGENTS_SURVEY_6_MONTHS (§3.4).
func (e *evaluation) checkSurveyDate(id RuleID, of string, d, audit Date) {
	n := e.s.Windows.SurveyMonths
	if d.IsZero() || d.WithinMonthsBefore(audit, n) {
		return
	}
	e.f.add(id, fmt.Sprintf("Les résultats %s datés du %s ne sont pas dans les %d mois précédant %s du %s "+
		"(ils doivent dater du %s au %s, §3.4). Réalisez une nouvelle enquête et joignez son rapport, "+
		"ou convenez d'une autre date d'audit.", of, d.French(), n, e.auditName(), audit.French(),
		audit.AddMonths(-n).French(), audit.French()),
		"survey_date", d.String(), "audit_date", audit.String())
}

// auditName names the audit in a message.
func (e *evaluation) auditName() string {
	switch e.c.auditKind() {
	case AuditFollowup:
		return "l'audit de suivi"
	case AuditRenewal:
		return "l'audit de renouvellement"
	}
	return "l'audit initial"
}

// checkIndicators: INDICATORS_6_MONTHS, indicators in place for at least six
// months, counted back from the audit (§3.5.1).
func (e *evaluation) checkIndicators(audit Date) {
	since, n := e.c.IndicatorsSince, e.s.Windows.IndicatorsMonths
	latest := audit.AddMonths(-n)
	if since.IsZero() || !since.After(latest) {
		return
	}
	e.f.add(Indicators6Months, fmt.Sprintf("Les indicateurs de qualité de service sont en place depuis le %s : "+
		"à la date de l'audit du %s, ils doivent l'être depuis au moins %d mois, soit depuis le %s au plus tard (§3.5.1). "+
		"Convenez d'une date d'audit plus tardive avec l'organisme de certification.",
		since.French(), audit.French(), n, latest.French()),
		"indicators_since", since.String(), "audit_date", audit.String())
}

// checkLaunch: SURVEY_LAUNCH_2_MONTHS, a survey launched later than two
// months before the audit (§3.4, a recommendation: warning).
func (e *evaluation) checkLaunch(what, survey string, launch, audit Date) {
	n := e.s.Windows.SurveyLaunchMonths
	latest := audit.AddMonths(-n)
	if launch.IsZero() || !launch.After(latest) {
		return
	}
	e.f.add(SurveyLaunch2Months, fmt.Sprintf("%s a été lancée le %s, %s avant l'audit du %s "+
		"(lancement recommandé au plus tard le %s, §3.4). Veillez à clôturer la campagne à temps pour joindre les "+
		"résultats au dossier avant l'audit.", what, launch.French(), lessThanMonths(n), audit.French(), latest.French()),
		"survey", survey, "launch_date", launch.String(), "audit_date", audit.String())
}

// checkReapply: REAPPLY_6_MONTHS, filed before refusal + 6 months (§3.8, D10).
func (e *evaluation) checkReapply() {
	refusal, dep, n := e.c.LastRefusalDate, e.c.DepositDate, e.s.Windows.ReapplyMonths
	if refusal.IsZero() || dep.IsZero() {
		return
	}
	from := refusal.AddMonths(n)
	if dep.Before(from) {
		e.f.add(Reapply6Months, fmt.Sprintf("Le dossier a été déposé le %s, %s après le refus notifié le %s : "+
			"une nouvelle candidature n'est recevable qu'à partir du %s (§3.8). Déposez-la à partir de cette date.",
			dep.French(), lessThanMonths(n), refusal.French(), from.French()),
			"deposit_date", dep.String(), "last_refusal_date", refusal.String(), "reapply_from", from.String())
	}
}
