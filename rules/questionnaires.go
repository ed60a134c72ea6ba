package rules

import "fmt"

// DefaultQuestionnaires returns the 2023 questionnaires of the guide: 15 scored
// users' questions (engagements 1, 2, 3, 4, 5 and 7 have two, 6 and 8 one,
// plus global satisfaction — §3.4.1) and 11 agents' questions (§3.4.2).
//
// The answer labels below are the usual four-step scales; the programme does
// not publish its questionnaires' wording, so a deployment overrides them in
// its configuration (see docs/rules.md).
func DefaultQuestionnaires() Questionnaires {
	users := SurveyLayout{Kind: UsersSurvey}
	perEngagement := []int{2, 2, 2, 2, 2, 1, 2, 1}
	for e, n := range perEngagement {
		for q := 1; q <= n; q++ {
			users.Questions = append(users.Questions, Question{
				Code:       fmt.Sprintf("E%d_%d", e+1, q),
				Engagement: e + 1,
			})
		}
	}
	users.Questions = append(users.Questions, Question{Code: "SATISFACTION", Satisfaction: true})

	agents := SurveyLayout{Kind: AgentsSurvey}
	for q := 1; q <= 11; q++ {
		agents.Questions = append(agents.Questions, Question{Code: fmt.Sprintf("Q%d", q)})
	}
	return Questionnaires{
		Users:  users,
		Agents: agents,
		AnswerLabels: []AnswerLabel{
			{Label: "Tout à fait satisfait", Quarters: 4},
			{Label: "Plutôt satisfait", Quarters: 3},
			{Label: "Plutôt pas satisfait", Quarters: 1},
			{Label: "Pas du tout satisfait", Quarters: 0},
			{Label: "Tout à fait d'accord", Quarters: 4},
			{Label: "Plutôt d'accord", Quarters: 3},
			{Label: "Plutôt pas d'accord", Quarters: 1},
			{Label: "Pas du tout d'accord", Quarters: 0},
		},
		NCLabels: []string{
			"NC", "NSP", "Non concerné", "Ne se prononce pas",
			"Non concerné / Ne se prononce pas", "Non concerné/Ne se prononce pas",
		},
	}
}
