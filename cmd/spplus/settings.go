package main

import (
	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/rules"
)

// rulesSettings is the guide's settings with the questionnaire overrides of
// the configuration's rules section.
func rulesSettings(cr config.Rules) rules.Settings {
	s := rules.DefaultSettings()
	q := &s.Questionnaires
	if len(cr.AnswerLabels) > 0 {
		q.AnswerLabels = q.AnswerLabels[:0:0]
		for _, l := range cr.AnswerLabels {
			q.AnswerLabels = append(q.AnswerLabels, rules.AnswerLabel{Label: l.Label, Quarters: l.Quarters()})
		}
	}
	if len(cr.NCLabels) > 0 {
		q.NCLabels = append([]string(nil), cr.NCLabels...)
	}
	if len(cr.UsersQuestions) > 0 {
		q.Users.Questions = questions(cr.UsersQuestions)
	}
	if len(cr.AgentsQuestions) > 0 {
		q.Agents.Questions = questions(cr.AgentsQuestions)
	}
	return s
}

func questions(in []config.Question) []rules.Question {
	out := make([]rules.Question, len(in))
	for i, q := range in {
		out[i] = rules.Question{Code: q.Code, Engagement: q.Engagement, Satisfaction: q.Satisfaction}
	}
	return out
}
