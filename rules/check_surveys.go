package rules

import (
	"fmt"
	"math/big"
	"strings"
)

// checkSurveys applies the survey rules of §3.4 to the scored surveys.
func (e *evaluation) checkSurveys() {
	if u := e.v.Users; u != nil {
		if !u.Valid {
			e.f.add(UsersSurveyInvalid, e.usersInvalidMessage(u), "reasons", strings.Join(u.InvalidReasons, ","),
				"admissible", fmt.Sprint(u.Admissible), "solicited", fmt.Sprint(u.Solicited), "response_rate", u.ResponseRate.String())
		}
		e.checkEmpty("de l'enquête usagers", "users", u.SurveyResult)
		e.checkDeclared("de l'enquête usagers", "users", e.c.UsersSurvey.DeclaredScore, u.Score)
	}
	if a := e.v.Agents; a != nil {
		if !a.Valid {
			e.f.add(AgentsSurveyInvalid, e.agentsInvalidMessage(a), "reasons", strings.Join(a.InvalidReasons, ","),
				"admissible", fmt.Sprint(a.Admissible), "solicited", fmt.Sprint(a.Solicited),
				"headcount", fmt.Sprint(a.Headcount), "response_rate", a.ResponseRate.String())
		}
		e.checkEmpty("de l'enquête agents", "agents", a.SurveyResult)
		e.checkDeclared("de l'enquête agents", "agents", e.c.AgentsSurvey.DeclaredScore, a.Score)
	}
	e.checkAgentsSolicited()
	e.checkBelowBronze()
}

func (e *evaluation) usersInvalidMessage(u *UsersScore) string {
	v := e.s.Users
	var why []string
	for _, r := range u.InvalidReasons {
		switch r {
		case ReasonTooFewAdmissible:
			why = append(why, fmt.Sprintf("%d questionnaires recevables pour %d exigés au minimum", u.Admissible, v.MinAdmissible))
		case ReasonSolicitedUnknown:
			why = append(why, "le nombre d'usagers sollicités n'est pas renseigné, le taux de retour ne peut pas être calculé")
		case ReasonRateTooLow:
			why = append(why, fmt.Sprintf("un taux de retour de %s %% (%d recevables pour %d usagers sollicités) pour %s %% exigés au minimum",
				u.ResponseRate.French(), u.Admissible, u.Solicited, v.MinRate.Score().frenchShort()))
		}
	}
	return "L'enquête usagers n'est pas valide : " + joinFrench(why) + " (§3.4.1). " +
		"Prolongez la campagne ou sollicitez davantage d'usagers, puis joignez les nouveaux résultats."
}

func (e *evaluation) agentsInvalidMessage(a *AgentsScore) string {
	band, prev := e.bandOf(a.Headcount)
	var why []string
	for _, r := range a.InvalidReasons {
		switch r {
		case ReasonHeadcountUnknown:
			why = append(why, "le nombre d'agents concernés (en interaction directe ou indirecte avec les usagers) n'est pas renseigné")
		case ReasonTooFewAdmissible:
			why = append(why, fmt.Sprintf("%d questionnaires recevables pour %d exigés au minimum pour un service de %s",
				a.Admissible, band.MinAdmissible, band.describe(prev)))
		case ReasonSolicitedUnknown:
			why = append(why, "le nombre d'agents sollicités n'est pas renseigné, le taux de retour ne peut pas être calculé")
		case ReasonRateTooLow:
			why = append(why, fmt.Sprintf("un taux de retour de %s %% (%d recevables pour %d agents sollicités) pour %s %% exigés au minimum pour un service de %s",
				a.ResponseRate.French(), a.Admissible, a.Solicited, band.MinRate.Score().frenchShort(), band.describe(prev)))
		}
	}
	return "L'enquête agents n'est pas valide : " + joinFrench(why) + " (§3.4.2). " +
		"Complétez les informations manquantes ou relancez les agents, puis joignez les nouveaux résultats."
}

// bandOf returns the band of headcount and the bound of the band before it.
func (e *evaluation) bandOf(headcount int64) (AgentBand, int64) {
	prev := int64(0)
	for _, b := range e.s.AgentBands {
		if b.MaxHeadcount == 0 || headcount <= b.MaxHeadcount {
			return b, prev
		}
		prev = b.MaxHeadcount
	}
	return AgentBand{}, prev
}

// checkEmpty: EMPTY_QUESTION, once per survey, for the questions with no
// non-NC answer. A survey with no admissible questionnaire at all is
// already invalid, so its empty questions are not listed again.
func (e *evaluation) checkEmpty(of, survey string, r SurveyResult) {
	if r.Admissible == 0 || len(r.Empty) == 0 {
		return
	}
	e.f.add(EmptyQuestion, fmt.Sprintf("Dans les résultats %s, %s (§3.4). Vérifiez que le fichier joint est complet.",
		of, emptyFrench(r.Empty)), "survey", survey, "questions", strings.Join(r.Empty, ","))
}

// emptyFrench says, singular or plural, that questions had no usable answer.
func emptyFrench(codes []string) string {
	if len(codes) == 1 {
		return "la question " + codes[0] + " n'a reçu aucune réponse autre que « non concerné / ne se prononce pas » : " +
			"elle est écartée du calcul de la note"
	}
	return "les questions " + joinFrench(codes) + " n'ont reçu aucune réponse autre que « non concerné / ne se " +
		"prononce pas » : elles sont écartées du calcul de la note"
}

// checkDeclared: SCORE_MISMATCH when the score typed in the form differs
// from the computed one by more than the tolerance (0.01).
func (e *evaluation) checkDeclared(of, survey string, declared, computed Score) {
	if !declared.DiffersBy(computed, e.s.DeclaredTolerance) {
		return
	}
	e.f.add(ScoreMismatch, fmt.Sprintf("Le score %s saisi dans le formulaire (%s/100) diffère du score calculé à partir "+
		"du fichier des réponses (%s/100) (§3.4). Corrigez le score saisi ou joignez le fichier correspondant.",
		of, declared.French(), computed.French()),
		"survey", survey, "declared_score", declared.String(), "computed_score", computed.String())
}

// checkAgentsSolicited: AGENTS_SOLICITED_BELOW_HEADCOUNT (§3.4.2: the
// survey goes to every agent concerned).
func (e *evaluation) checkAgentsSolicited() {
	in := e.c.AgentsSurvey
	if in.Solicited <= 0 || in.Headcount <= 0 || in.Solicited >= in.Headcount {
		return
	}
	e.f.add(AgentsSolicitedBelowHeadcount, fmt.Sprintf("%d agents ont été sollicités pour %d agents concernés : l'enquête "+
		"agents doit être diffusée à l'ensemble des agents en interaction directe ou indirecte avec les usagers (§3.4.2). "+
		"Vérifiez l'effectif déclaré ou sollicitez les agents manquants.", in.Solicited, in.Headcount),
		"solicited", fmt.Sprint(in.Solicited), "headcount", fmt.Sprint(in.Headcount))
}

// checkBelowBronze: SURVEYS_BELOW_BRONZE when a survey score is under the
// lowest level's threshold (§3.4 note); it also opens survey_rerun_from.
func (e *evaluation) checkBelowBronze() {
	if len(e.s.Levels) == 0 {
		return
	}
	low := e.s.Levels[0]
	var why []string
	if u := e.v.Users; u != nil && u.Score.Below(low.Users) {
		why = append(why, fmt.Sprintf("l'enquête usagers obtient %s/100 pour %s/100 exigés", u.Score.French(), low.Users.Score().frenchShort()))
	}
	if a := e.v.Agents; a != nil && a.Score.Below(low.Agents) {
		why = append(why, fmt.Sprintf("l'enquête agents obtient %s/100 pour %s/100 exigés", a.Score.French(), low.Agents.Score().frenchShort()))
	}
	if len(why) == 0 {
		return
	}
	e.rerun = true
	when := fmt.Sprintf("%d mois après la clôture de la campagne", e.s.Deadlines.SurveyRerunMonths)
	if d, ok := e.rerunFrom(); ok {
		when = "à partir du " + d.French() + " (" + when + ")"
	}
	e.f.add(SurveysBelowBronze, fmt.Sprintf("Le palier %s n'est pas atteignable : %s (§3.4). Vous pourrez demander de "+
		"nouveaux formulaires d'enquête à la DITP %s, après avoir mené les actions d'amélioration identifiées.",
		low.Level.French(), joinFrench(why), when))
}

// rerunFrom is the later survey close date + 6 months (survey_rerun_from).
func (e *evaluation) rerunFrom() (Date, bool) {
	closeDate := e.c.UsersSurveyCloseDate
	if e.c.AgentsSurveyCloseDate.After(closeDate) {
		closeDate = e.c.AgentsSurveyCloseDate
	}
	if closeDate.IsZero() {
		return Date{}, false
	}
	return closeDate.AddMonths(e.s.Deadlines.SurveyRerunMonths), true
}

// checkAuditGrid: AUDIT_GRID_INVALID (§3.7.1).
func (e *evaluation) checkAuditGrid() {
	a := e.v.Audit
	if a == nil || a.Valid {
		return
	}
	e.f.add(AuditGridInvalid, "La grille d'audit n'est pas exploitable : "+strings.Join(a.Problems, " ; ")+
		" (§3.7.1). Chaque point de contrôle doit être noté 0, 0,25, 0,75 ou 1 et chaque engagement doit avoir des points. "+
		"Demandez à l'organisme de certification une grille corrigée.", "problems", fmt.Sprint(len(a.Problems)))
}

// ceilShare is the smallest k with k/total×100 ≥ min: how many of total are
// needed to reach a share (9 of 11 for 75%).
func ceilShare(total int64, min Ratio) int64 {
	if total <= 0 {
		return 0
	}
	need := new(big.Rat).Mul(min.rat(), big.NewRat(total, 100))
	q, r := new(big.Int).QuoRem(need.Num(), need.Denom(), new(big.Int))
	if r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}
