package rules

import "fmt"

// evaluation carries one call of Evaluate: the inputs, the calendar of the
// candidate's département and what has been found so far.
type evaluation struct {
	c   Candidacy
	s   Settings
	cal WorkCalendar
	f   *findings
	v   Verdict
	// rerun is set when SURVEYS_BELOW_BRONZE fires (survey_rerun_from).
	rerun bool
}

// Evaluate judges a candidacy against the rules of the guide in s. It is
// pure: c carries every input, parsed tallies and grids included, and the
// same inputs always give the same verdict. A local candidacy is judged by
// the pieces, dates, surveys, audit grid and follow-up rules; a central one
// by the CENTRAL_* rules and its grid. Both get the audit-date, refusal and
// follow-up-window rules and the deadlines.
func Evaluate(c Candidacy, s Settings) Verdict {
	e := &evaluation{c: c, s: s, cal: NewWorkCalendar(c.Departement), f: newFindings()}
	if c.isCentral() {
		e.central()
	} else {
		e.local()
	}
	e.common()
	e.v.Deadlines = e.deadlines()
	e.v.Findings = e.f.sorted()
	e.v.Complete = true
	for _, f := range e.v.Findings {
		if f.Severity == Blocking {
			e.v.Complete = false
		}
	}
	return e.v
}

// local judges a local service (§2.2.1, §3.1 to §3.9.1).
func (e *evaluation) local() {
	e.scoreLocal()
	e.checkPieces()
	e.checkLocalDates()
	e.checkSurveys()
	e.checkAuditGrid()
	e.checkFollowupEvidence()
	e.v.Level = LocalLevel(e.v.Users, e.v.Agents, e.v.Audit, e.s)
}

// common holds the rules every candidacy shares.
func (e *evaluation) common() {
	if e.c.AuditDate.IsZero() {
		e.f.add(AuditDateMissing, "La date de l'audit n'est pas renseignée : les délais du dossier ne peuvent pas être vérifiés. "+
			"Indiquez la date du premier jour d'audit sur site convenue avec l'organisme de certification.")
	}
	e.checkReapply()
	e.checkFollowupWindow()
}

// scoreLocal scores the surveys and the grid that could be read; a file that
// cannot be used raises FILE_* and leaves its score nil.
func (e *evaluation) scoreLocal() {
	c := e.c
	if e.fileUsable("fichier de l'enquête usagers", c.UsersSurvey.FileInput) && c.UsersSurvey.Tally != nil {
		u := ScoreUsers(c.UsersSurvey.Tally, c.UsersSurvey.Solicited, e.s)
		e.v.Users = &u
	}
	if e.fileUsable("fichier de l'enquête agents", c.AgentsSurvey.FileInput) && c.AgentsSurvey.Tally != nil {
		a := ScoreAgents(c.AgentsSurvey.Tally, c.AgentsSurvey.Solicited, c.AgentsSurvey.Headcount, e.s)
		e.v.Agents = &a
	}
	if e.fileUsable("fichier de la grille d'audit", c.AuditGrid.FileInput) && c.AuditGrid.Grid != nil {
		g := ScoreAudit(*c.AuditGrid.Grid, e.s)
		e.v.Audit = &g
	}
}

// fileUsable raises FILE_NOT_SAFE or FILE_UNREADABLE for a file that cannot
// be used, and reports whether it can. what is a masculine noun phrase
// without its article ("fichier de l'enquête usagers").
func (e *evaluation) fileUsable(what string, f FileInput) bool {
	name := what
	if f.File != "" {
		name += " (" + f.File + ")"
	}
	switch {
	case f.NotSafe != "":
		e.f.add(FileNotSafe, notSafeMessage(name, f.NotSafe), "file", f.File, "scan", f.NotSafe)
		return false
	case f.Unreadable != "":
		e.f.add(FileUnreadable, "Le "+name+" n'a pas pu être lu : "+f.Unreadable+
			". Corrigez le fichier et déposez-le à nouveau.", "file", f.File, "error", f.Unreadable)
		return false
	}
	return true
}

func notSafeMessage(name, state string) string {
	if state == "pending" {
		return "L'analyse antivirus du " + name + " n'est pas terminée : le fichier n'a pas été ouvert. " +
			"Il sera examiné dès que l'analyse l'aura déclaré sain ; vous n'avez rien à faire."
	}
	return "L'analyse antivirus n'a pas déclaré sain le " + name + " (état : " + state + ") : le fichier n'a pas été ouvert. " +
		"Déposez une version saine du fichier."
}

// months writes a duration in months for a message: "un mois", "6 mois".
func months(n int) string {
	if n == 1 {
		return "un mois"
	}
	return fmt.Sprintf("%d mois", n)
}

// lessThanMonths writes "moins d'un mois" or "moins de 6 mois".
func lessThanMonths(n int) string {
	if n == 1 {
		return "moins d'un mois"
	}
	return "moins de " + months(n)
}
