package rules

import "testing"

// scoresAt builds valid scores for LocalLevel: users, agents, every
// engagement and the "Or" criteria, as exact values (num/den).
func scoresAt(users, agents, eng, or Ratio) (*UsersScore, *AgentsScore, *AuditScore) {
	u := &UsersScore{SurveyResult: SurveyResult{Valid: true, Score: NewScore(users.Num, users.Den)}}
	a := &AgentsScore{SurveyResult: SurveyResult{Valid: true, Score: NewScore(agents.Num, agents.Den)}}
	g := &AuditScore{Valid: true, OrCriteria: NewScore(or.Num, or.Den)}
	for e := 1; e <= 8; e++ {
		g.Engagements = append(g.Engagements, EngagementNote{Engagement: e, Note: NewScore(eng.Num, eng.Den)})
	}
	return u, a, g
}

// just returns x − 1/1000: just under a threshold.
func just(x int64) Ratio { return Ratio{Num: x*1000 - 1, Den: 1000} }

// TestLocalLevel checks the levels table of §2.2.1 on and just under every
// threshold (D1: inclusive, exact).
func TestLocalLevel(t *testing.T) {
	s := DefaultSettings()
	p := Percent
	tests := []struct {
		name                    string
		users, agents, eng, orc Ratio
		want                    Level
	}{
		{"bronze exactly", p(70), p(50), p(50), p(0), LevelBronze},
		{"users just under 70", just(70), p(50), p(50), p(0), LevelNone},
		{"agents just under 50", p(70), just(50), p(50), p(0), LevelNone},
		{"engagement just under 50", p(70), p(50), just(50), p(0), LevelNone},
		{"argent exactly", p(80), p(65), p(65), p(0), LevelArgent},
		{"users just under 80", just(80), p(65), p(65), p(0), LevelBronze},
		{"agents just under 65", p(80), just(65), p(65), p(0), LevelBronze},
		{"engagement just under 65", p(80), p(65), just(65), p(0), LevelBronze},
		{"or exactly", p(90), p(80), p(80), p(80), LevelOr},
		{"users just under 90", just(90), p(80), p(80), p(80), LevelArgent},
		{"agents just under 80", p(90), just(80), p(80), p(80), LevelArgent},
		{"engagement just under 80", p(90), p(80), just(80), p(80), LevelArgent},
		{"or criteria just under 80", p(90), p(80), p(80), just(80), LevelArgent},
		{"all 100", p(100), p(100), p(100), p(100), LevelOr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, a, g := scoresAt(tt.users, tt.agents, tt.eng, tt.orc)
			if got := LocalLevel(u, a, g, s); got != tt.want {
				t.Errorf("level = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLocalLevelUndecided: no level while a survey or the grid is missing or
// invalid (ARCHITECTURE.md, "level").
func TestLocalLevelUndecided(t *testing.T) {
	s := DefaultSettings()
	u, a, g := scoresAt(Percent(100), Percent(100), Percent(100), Percent(100))
	if LocalLevel(nil, a, g, s) != LevelUnknown || LocalLevel(u, nil, g, s) != LevelUnknown || LocalLevel(u, a, nil, s) != LevelUnknown {
		t.Error("a missing input must leave the level undecided")
	}
	u.Valid = false
	if LocalLevel(u, a, g, s) != LevelUnknown {
		t.Error("an invalid survey must leave the level undecided")
	}
	u.Valid, g.Valid = true, false
	if LocalLevel(u, a, g, s) != LevelUnknown {
		t.Error("an invalid grid must leave the level undecided")
	}
}
