package rules

import (
	"fmt"
	"strings"
)

// followupPlan returns the follow-up settings of the candidacy's kind of
// service (§3.9.1 local, §3.9.2 central).
func (e *evaluation) followupPlan() Followup {
	if e.c.isCentral() {
		return e.s.Deadlines.CentralFollowup
	}
	return e.s.Deadlines.LocalFollowup
}

// checkFollowupWindow: FOLLOWUP_WINDOW, a follow-up audit held outside
// target ∓ 2 months, the target counted from the decision that awarded the
// label (§3.9.1: 18 months for a local service; §3.9.2: 12 months, then 24,
// for a central one).
func (e *evaluation) checkFollowupWindow() {
	audit, decision := e.c.AuditDate, e.c.InitialDecisionDate
	if e.c.auditKind() != AuditFollowup || audit.IsZero() || decision.IsZero() {
		return
	}
	w := e.s.Windows.FollowupWindowMonths
	var windows []string
	for _, m := range e.followupPlan().TargetMonths {
		target := decision.AddMonths(m)
		from, to := target.AddMonths(-w), target.AddMonths(w)
		if audit.Between(from, to) {
			return
		}
		windows = append(windows, fmt.Sprintf("entre le %s et le %s (%d mois après la décision, à %d mois près)",
			from.French(), to.French(), m, w))
	}
	section := "§3.9.1"
	if e.c.isCentral() {
		section = "§3.9.2"
	}
	e.f.add(FollowupWindow, fmt.Sprintf("L'audit de suivi du %s est en dehors de la période prévue : après la décision "+
		"d'attribution du label du %s, il doit avoir lieu %s (%s). Convenez d'une date dans cette période avec "+
		"l'organisme de certification.", audit.French(), decision.French(), strings.Join(windows, " ou "), section),
		"audit_date", audit.String(), "initial_decision_date", decision.String())
}

// followupAnchor is where the follow-up evidence is counted from: the
// initial audit, or the initial decision when the audit date is not given.
func (e *evaluation) followupAnchor() Date {
	if a := e.c.Followup.InitialAuditDate; !a.IsZero() {
		return a
	}
	return e.c.InitialDecisionDate
}

// checkFollowupEvidence applies FOLLOWUP_SELF_DIAGNOSTICS and
// FOLLOWUP_SURVEYS to a local follow-up audit (§3.9.1).
func (e *evaluation) checkFollowupEvidence() {
	audit, anchor := e.c.AuditDate, e.followupAnchor()
	if e.c.auditKind() != AuditFollowup || audit.IsZero() || anchor.IsZero() || anchor.After(audit) {
		return
	}
	e.checkYearlySelfDiagnostics(anchor, audit)
	e.checkFollowupSurveys(anchor, audit)
}

// checkYearlySelfDiagnostics: every full year since the anchor must hold a
// self-diagnostic ("réalisent chaque année un autodiagnostic"); the year in
// progress is covered by SELF_DIAGNOSTIC_12_MONTHS.
func (e *evaluation) checkYearlySelfDiagnostics(anchor, audit Date) {
	dates := append([]Date{e.c.SelfDiagnosticDate}, e.c.Followup.SelfDiagnosticDates...)
	y := e.s.Windows.FollowupYearMonths
	var gaps []string
	// 100 years bounds the loop whatever dates a dossier carries.
	for k := 1; k <= 100 && y > 0; k++ {
		from, to := anchor.AddMonths(y*(k-1)), anchor.AddMonths(y*k)
		if to.After(audit) {
			break
		}
		if !anyBetween(dates, from, to) {
			gaps = append(gaps, fmt.Sprintf("du %s au %s", from.French(), to.French()))
		}
	}
	if len(gaps) == 0 {
		return
	}
	e.f.add(FollowupSelfDiagnostics, fmt.Sprintf("Un autodiagnostic doit être réalisé chaque année depuis l'audit initial "+
		"du %s ; aucun n'est fourni pour la période %s (§3.9.1). Joignez le ou les rapports d'autodiagnostic "+
		"correspondants et leurs dates.", anchor.French(), joinFrench(gaps)),
		"since", anchor.String(), "periods", fmt.Sprint(len(gaps)))
}

// checkFollowupSurveys: the users' and agents' surveys carried out between
// the initial audit and the follow-up audit (§3.9.1).
func (e *evaluation) checkFollowupSurveys(anchor, audit Date) {
	f := e.c.Followup
	var missing []string
	if !anyBetween(append([]Date{e.c.UsersSurveyDate}, f.UsersSurveyDates...), anchor, audit) {
		missing = append(missing, "l'enquête usagers")
	}
	if !anyBetween(append([]Date{e.c.AgentsSurveyDate}, f.AgentsSurveyDates...), anchor, audit) {
		missing = append(missing, "l'enquête agents")
	}
	if len(missing) == 0 {
		return
	}
	e.f.add(FollowupSurveys, fmt.Sprintf("Aucune enquête réalisée entre l'audit initial du %s et l'audit de suivi "+
		"du %s n'est fournie pour %s (§3.9.1). Joignez les rapports de résultats des enquêtes menées sur cette période "+
		"et leurs dates.", anchor.French(), audit.French(), joinFrench(missing)),
		"since", anchor.String(), "audit_date", audit.String(), "missing", strings.Join(missing, ", "))
}

// anyBetween reports whether a non-zero date of dates lies in [from, to].
func anyBetween(dates []Date, from, to Date) bool {
	for _, d := range dates {
		if !d.IsZero() && d.Between(from, to) {
			return true
		}
	}
	return false
}
