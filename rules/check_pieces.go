package rules

import (
	"fmt"
	"strings"
)

// checkPieces raises the MISSING_* findings of §3.5.1: a piece that is not
// attached, or whose date is not given.
func (e *evaluation) checkPieces() {
	p := e.c.Pieces
	e.missing(MissingIdentification, !p.Identification,
		"Les données d'identification du service candidat (et les certificats ou attestations de labellisation déjà obtenus) ne sont pas renseignées.",
		"Complétez la rubrique d'identification du dossier.")
	e.missing(MissingCertificationBody, !p.CertificationBody,
		"L'organisme de certification retenu pour conduire les audits n'est pas indiqué.",
		"Indiquez l'organisme de certification habilité avec lequel vous avez contractualisé.")
	e.missing(MissingOrganigram, !p.Organigram,
		"L'organigramme du service candidat n'est pas joint.", "Joignez l'organigramme à jour.")
	cur, prev := e.trainingYears()
	e.missing(MissingTrainingPlanCurrent, !p.TrainingPlanCurrent,
		"Le plan de formation de l'année en cours"+cur+" n'est pas joint.", "Joignez ce plan de formation.")
	e.missing(MissingTrainingPlanPrevious, !p.TrainingPlanPrevious,
		"Le plan de formation de l'année ayant précédé l'audit"+prev+" n'est pas joint.", "Joignez ce plan de formation.")
	e.missingParts(MissingSelfDiagnostic, "l'autodiagnostic local", "Joignez les résultats de l'autodiagnostic au format normalisé et indiquez sa date.",
		part{!p.SelfDiagnosticReport, "le rapport de résultats"}, part{e.c.SelfDiagnosticDate.IsZero(), "sa date"})
	e.missing(MissingSampleMethod, !p.SampleMethod,
		"La méthode retenue pour constituer l'échantillon représentatif des usagers interrogés n'est pas jointe.",
		"Décrivez cette méthode et joignez-la au dossier.")
	e.checkSurveyPieces()
	e.missing(MissingActionPlan, !p.ActionPlan,
		"Le plan d'actions d'amélioration de la qualité de service n'est pas joint.", "Joignez votre plan d'actions.")
	e.missingParts(MissingIndicators, "les indicateurs de qualité de service", "Joignez la liste des indicateurs en place et indiquez depuis quand ils le sont.",
		part{!p.IndicatorsList, "la liste des indicateurs"}, part{e.c.IndicatorsSince.IsZero(), "la date de leur mise en place"})
}

// checkSurveyPieces: a survey needs its report, its date and its results file.
func (e *evaluation) checkSurveyPieces() {
	c, p := e.c, e.c.Pieces
	e.missingParts(MissingUsersSurvey, "l'enquête usagers", "Joignez le rapport de résultats au format normalisé, le fichier des réponses et la date de l'enquête.",
		part{!p.UsersSurveyReport, "le rapport de résultats"}, part{c.UsersSurveyDate.IsZero(), "sa date"},
		part{noResults(c.UsersSurvey), "le fichier des réponses"})
	e.missingParts(MissingAgentsSurvey, "l'enquête agents", "Joignez la synthèse des résultats au format normalisé, le fichier des réponses et la date de l'enquête.",
		part{!p.AgentsSurveyReport, "la synthèse des résultats"}, part{c.AgentsSurveyDate.IsZero(), "sa date"},
		part{noResults(c.AgentsSurvey), "le fichier des réponses"})
}

// noResults: no parsed tally, and no reading problem either (a file that
// could not be read is FILE_* alone).
func noResults(s SurveyInput) bool { return s.Tally == nil && s.usable() }

// trainingYears names the years of decision D7 when the audit date is known.
func (e *evaluation) trainingYears() (current, previous string) {
	if e.c.AuditDate.IsZero() {
		return "", ""
	}
	y := e.c.AuditDate.Year
	return fmt.Sprintf(" (%d, année de l'audit)", y), fmt.Sprintf(" (%d)", y-1)
}

func (e *evaluation) missing(id RuleID, absent bool, what, todo string) {
	if absent {
		e.f.add(id, what+" "+requiredPiece(todo))
	}
}

// part is one element of a piece that may be missing.
type part struct {
	absent bool
	name   string
}

// missingParts raises id once, naming every missing part of the piece.
func (e *evaluation) missingParts(id RuleID, piece, todo string, parts ...part) {
	var names []string
	for _, p := range parts {
		if p.absent {
			names = append(names, p.name)
		}
	}
	if len(names) == 0 {
		return
	}
	e.f.add(id, fmt.Sprintf("Pour %s, il manque %s. %s", piece, joinFrench(names), requiredPiece(todo)),
		"missing", strings.Join(names, ", "))
}

// joinFrench joins "a", "b" and "c" as "a, b et c".
func joinFrench(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

// requiredPiece ends a "what to do" sentence with the guide's reference.
func requiredPiece(todo string) string {
	return strings.TrimSuffix(todo, ".") + " (pièce exigée au §3.5.1)."
}
