package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spplus/spplus/rules"
)

// French labels of the survey invalidity reasons (rules.Reason* codes).
var invalidReasonText = map[string]string{
	rules.ReasonTooFewAdmissible: "trop peu de questionnaires recevables",
	rules.ReasonRateTooLow:       "taux de réponse insuffisant",
	rules.ReasonSolicitedUnknown: "nombre de personnes sollicitées inconnu",
	rules.ReasonHeadcountUnknown: "nombre d'agents concernés inconnu",
}

func writeSurveyText(w io.Writer, title, file string, r rules.SurveyResult, headcount int64) {
	fmt.Fprintf(w, "%s — %s\n", title, file)
	fmt.Fprintf(w, "  Répondants : %d   Recevables : %d   Sollicités : %s", r.Respondents, r.Admissible, countText(r.Solicited))
	if headcount > 0 {
		fmt.Fprintf(w, "   Agents concernés : %d", headcount)
	}
	fmt.Fprintf(w, "\n  Taux de réponse : %s %%\n", r.ResponseRate.French())
	if r.Valid {
		fmt.Fprintln(w, "  Validité : enquête valide")
	} else {
		reasons := make([]string, 0, len(r.InvalidReasons))
		for _, code := range r.InvalidReasons {
			if t, ok := invalidReasonText[code]; ok {
				reasons = append(reasons, t)
			} else {
				reasons = append(reasons, code)
			}
		}
		fmt.Fprintf(w, "  Validité : enquête non valide (%s)\n", strings.Join(reasons, ", "))
	}
	if len(r.Empty) > 0 {
		fmt.Fprintf(w, "  Questions sans réponse exploitable : %s\n", strings.Join(r.Empty, ", "))
	}
}

func writeEngagements(w io.Writer, notes []rules.EngagementNote) {
	fmt.Fprintf(w, "  %-22s %s\n", "Engagement", "Note /100")
	for _, e := range notes {
		fmt.Fprintf(w, "  %-22d %s\n", e.Engagement, scoreText(e.Note))
	}
}

func writeAuditText(w io.Writer, file string, r rules.AuditScore) {
	fmt.Fprintf(w, "Grille d'audit — %s (%d points de contrôle)\n", file, r.Points)
	writeEngagements(w, r.Engagements)
	fmt.Fprintf(w, "  %-22s %s\n", "Critères « Or »", scoreText(r.OrCriteria))
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  ! %s\n", p)
	}
}

func writeVerdictText(w io.Writer, file string, v rules.Verdict) {
	fmt.Fprintf(w, "Candidature — %s\n", file)
	fmt.Fprintf(w, "Dossier : %s\n", yesNo(v.Complete, "complet", "incomplet"))
	fmt.Fprintf(w, "Niveau : %s\n", levelText(v.Level))
	if v.Users != nil {
		fmt.Fprintf(w, "Enquête usagers : %s (%s)\n", scoreText(v.Users.Score), yesNo(v.Users.Valid, "valide", "non valide"))
	}
	if v.Agents != nil {
		fmt.Fprintf(w, "Enquête agents : %s (%s)\n", scoreText(v.Agents.Score), yesNo(v.Agents.Valid, "valide", "non valide"))
	}
	if v.Audit != nil {
		writeEngagements(w, v.Audit.Engagements)
		fmt.Fprintf(w, "  %-22s %s\n", "Critères « Or »", scoreText(v.Audit.OrCriteria))
	}
	if v.Central != nil {
		fmt.Fprintf(w, "Grille centrale : %d/%d points validés\n", v.Central.Validated, v.Central.Points)
	}
	if len(v.Findings) == 0 {
		fmt.Fprintln(w, "Constats : aucun")
	} else {
		fmt.Fprintln(w, "Constats :")
		for _, f := range v.Findings {
			fmt.Fprintf(w, "  [%s] %s (§%s)\n    %s\n", severityText(f.Severity), f.Rule, f.Section, f.Message)
		}
	}
	if len(v.Deadlines) > 0 {
		fmt.Fprintln(w, "Échéances :")
		for _, d := range v.Deadlines {
			fmt.Fprintf(w, "  %-24s %s\n", d.Name, d.Date.French())
		}
	}
}

func scoreText(s rules.Score) string {
	if !s.Known() {
		return "—"
	}
	return s.French()
}

func countText(n int64) string {
	if n <= 0 {
		return "inconnu"
	}
	return fmt.Sprint(n)
}

func levelText(l rules.Level) string {
	switch l {
	case rules.LevelUnknown:
		return "non déterminé (enquêtes ou grille d'audit manquantes ou non valides)"
	case rules.LevelNone:
		return "aucun (seuils du niveau bronze non atteints)"
	}
	return string(l)
}

func severityText(s rules.Severity) string {
	switch s {
	case rules.Blocking:
		return "bloquant"
	case rules.Warning:
		return "avertissement"
	}
	return "information"
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
