package rules

import (
	"strings"
	"testing"
)

func TestDefaultSettingsValid(t *testing.T) {
	if err := DefaultSettings().Validate(); err != nil {
		t.Fatalf("DefaultSettings().Validate() = %v", err)
	}
}

// TestSettingsValidate: errors name the setting and what was expected.
func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s *Settings)
		want   string
	}{
		{"zero denominator", func(s *Settings) { s.Users.MinRate = Ratio{Num: 5} }, "settings: users.min_rate: expected a non-negative value with a positive denominator"},
		{"levels out of order", func(s *Settings) { s.Levels[0], s.Levels[1] = s.Levels[1], s.Levels[0] }, "levels[1].level: expected levels from the lowest to the highest"},
		{"unknown level", func(s *Settings) { s.Levels[0].Level = "gold" }, `levels[0].level: expected bronze, argent or or, got "gold"`},
		{"no levels", func(s *Settings) { s.Levels = nil }, "levels: expected at least one level"},
		{"bounded last band", func(s *Settings) { s.AgentBands[2].MaxHeadcount = 1000 }, "agent_bands[2].max_headcount: expected 0"},
		{"bands out of order", func(s *Settings) { s.AgentBands[1].MaxHeadcount = 10 }, "agent_bands[1].max_headcount: expected bands in increasing order"},
		{"negative window", func(s *Settings) { s.Windows.SurveyMonths = -6 }, "windows.survey_months: expected a count between 0 and 1200, got -6"},
		{"no follow-up target", func(s *Settings) { s.Deadlines.LocalFollowup.TargetMonths = nil }, "deadlines.local_followup.target_months"},
		{"duplicate code", func(s *Settings) { s.Questionnaires.Agents.Questions[1].Code = "Q1" }, `questionnaires.agents.questions[1].code: duplicate code "Q1"`},
		{"engagement 9", func(s *Settings) { s.Questionnaires.Users.Questions[0].Engagement = 9 }, "questionnaires.users.questions[0].engagement: expected 0..8, got 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.mutate(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestSettingsAreConfig: a new edition of the guide is a settings change.
func TestSettingsAreConfig(t *testing.T) {
	s := DefaultSettings()
	s.Users.MinAdmissible = 40
	s.Levels[0].Users = Ratio{Num: 675, Den: 10} // 67.5
	c := baseCandidacy()
	c.UsersSurvey.Tally = uniformTally(s.Questionnaires.Users, 45, 3) // 75 on 45 admissible
	c.UsersSurvey.Solicited = 500
	v := Evaluate(c, s)
	if v.Has(UsersSurveyInvalid) || v.Level != LevelBronze {
		t.Errorf("findings %v level %q", ruleIDs(v), v.Level)
	}
}

func BenchmarkEvaluate(b *testing.B) {
	s, c := DefaultSettings(), baseCandidacy()
	for b.Loop() {
		Evaluate(c, s)
	}
}

func BenchmarkScoreUsers(b *testing.B) {
	s := DefaultSettings()
	tally := mixedUsersTally(s)
	for b.Loop() {
		ScoreUsers(tally, 1500, s)
	}
}
