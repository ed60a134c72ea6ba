package rules

import (
	"slices"
	"testing"
)

// TestUsersValidity checks §3.4.1: ≥ 50 admissible AND admissible/solicited ≥ 5%.
func TestUsersValidity(t *testing.T) {
	s := DefaultSettings()
	tests := []struct {
		name                  string
		admissible, solicited int
		want                  []string
	}{
		{"50 admissible, 10%", 50, 500, []string{}},
		{"49 admissible", 49, 490, []string{ReasonTooFewAdmissible}},
		{"exactly 5%", 50, 1000, []string{}},
		{"just under 5%", 50, 1001, []string{ReasonRateTooLow}},
		{"both fail", 49, 1000, []string{ReasonTooFewAdmissible, ReasonRateTooLow}},
		{"solicited unknown", 60, 0, []string{ReasonSolicitedUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := ScoreUsers(uniformTally(s.Questionnaires.Users, int64(tt.admissible), 4), tt.solicited, s)
			if !slices.Equal(u.InvalidReasons, tt.want) || u.Valid != (len(tt.want) == 0) {
				t.Errorf("reasons = %v valid = %v, want %v", u.InvalidReasons, u.Valid, tt.want)
			}
		})
	}
}

// TestAgentsValidity checks the bands of §3.4.2 at headcounts 49, 50, 300
// and 301, on and just under each rate and minimum.
func TestAgentsValidity(t *testing.T) {
	s := DefaultSettings()
	tests := []struct {
		name                             string
		admissible, solicited, headcount int
		want                             []string
	}{
		{"H=49: 50% exactly", 10, 20, 49, []string{}},
		{"H=49: just under 50%", 9, 19, 49, []string{ReasonRateTooLow}},
		{"H=49: no minimum count", 1, 2, 49, []string{}},
		{"H=50: 30% and 30 admissible", 30, 100, 50, []string{}},
		{"H=50: 29 admissible", 29, 90, 50, []string{ReasonTooFewAdmissible}},
		{"H=50: just under 30%", 30, 101, 50, []string{ReasonRateTooLow}},
		{"H=300: 30% exactly", 90, 300, 300, []string{}},
		{"H=300: under 30%", 89, 300, 300, []string{ReasonRateTooLow}},
		{"H=301: 10% and 50 admissible", 50, 500, 301, []string{}},
		{"H=301: 49 admissible", 49, 301, 301, []string{ReasonTooFewAdmissible}},
		{"H=301: just under 10%", 50, 501, 301, []string{ReasonRateTooLow}},
		{"headcount unknown", 50, 100, 0, []string{ReasonHeadcountUnknown}},
		{"solicited unknown", 50, 0, 100, []string{ReasonSolicitedUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ScoreAgents(uniformTally(s.Questionnaires.Agents, int64(tt.admissible), 4), tt.solicited, tt.headcount, s)
			if !slices.Equal(a.InvalidReasons, tt.want) || a.Valid != (len(tt.want) == 0) {
				t.Errorf("reasons = %v valid = %v, want %v", a.InvalidReasons, a.Valid, tt.want)
			}
		})
	}
}

// TestAdmissibleAtHalf checks D3: strictly more than half of the scored
// questions answered with a non-NC answer (8 of 15, 6 of 11).
func TestAdmissibleAtHalf(t *testing.T) {
	answers := func(points, nc int) []Answer {
		var out []Answer
		for range points {
			out = append(out, Answer{Kind: AnswerPoints, Quarters: 4})
		}
		for range nc {
			out = append(out, Answer{Kind: AnswerNC})
		}
		return out
	}
	tests := []struct {
		name          string
		points, nc, n int
		want          bool
	}{
		{"users 7 of 15", 7, 8, 15, false},
		{"users 8 of 15", 8, 0, 15, true},
		{"agents 5 of 11", 5, 6, 11, false},
		{"agents 6 of 11", 6, 0, 11, true},
		{"even total: exactly half is not more", 5, 0, 10, false},
	}
	for _, tt := range tests {
		if got := Admissible(answers(tt.points, tt.nc), tt.n); got != tt.want {
			t.Errorf("%s: Admissible = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestUsersScoreIsMeanOfNineNotes checks D2 and §3.4.1: engagement notes
// are means of their questions, the score the mean of 8 engagements +
// satisfaction, not the mean of the 15 questions.
func TestUsersScoreIsMeanOfNineNotes(t *testing.T) {
	s := DefaultSettings()
	tally := uniformTally(s.Questionnaires.Users, 60, 4)
	tally.Counts[1] = AnswerCounts{Zero: 60} // E1_2 = 0 → engagement 1 = 50
	u := ScoreUsers(tally, 1000, s)
	if got := u.Score; got.Cmp(Ratio{Num: 850, Den: 9}) != 0 {
		t.Errorf("score = %s, want 850/9 (94.44)", got)
	}
	if got := u.Engagements[0].Note; got.Cmp(Percent(50)) != 0 {
		t.Errorf("engagement 1 = %s, want 50", got)
	}
	if got := u.Satisfaction; got.Cmp(Percent(100)) != 0 {
		t.Errorf("satisfaction = %s, want 100", got)
	}
}

// TestEmptyQuestionLeftOut checks D2: a question with only NC answers has no
// note and is left out of the means (EMPTY_QUESTION).
func TestEmptyQuestionLeftOut(t *testing.T) {
	s := DefaultSettings()
	tally := uniformTally(s.Questionnaires.Users, 60, 4)
	tally.Counts[10] = AnswerCounts{NC: 60} // E6_1, engagement 6's only question
	tally.Counts[0] = AnswerCounts{Zero: 60}
	u := ScoreUsers(tally, 1000, s)
	if u.Questions[10].Note.Known() || u.Engagements[5].Note.Known() {
		t.Errorf("E6_1 / engagement 6 should have no note: %s / %s", u.Questions[10].Note, u.Engagements[5].Note)
	}
	if !slices.Equal(u.Empty, []string{"E6_1"}) {
		t.Errorf("Empty = %v", u.Empty)
	}
	// 8 notes: engagement 1 = 50, six engagements at 100, satisfaction 100.
	if got := u.Score; got.Cmp(Ratio{Num: 750, Den: 8}) != 0 {
		t.Errorf("score = %s, want 93.75", got)
	}
}

func TestScoreNilTally(t *testing.T) {
	s := DefaultSettings()
	u := ScoreUsers(nil, 100, s)
	if u.Score.Known() || u.Valid || len(u.Questions) != 15 || u.ResponseRate.Cmp(Percent(0)) != 0 {
		t.Errorf("nil users tally: %+v", u)
	}
	a := ScoreAgents(nil, 0, 0, s)
	if a.Score.Known() || a.Valid || len(a.Questions) != 11 || a.ResponseRate.Known() {
		t.Errorf("nil agents tally: %+v", a)
	}
}

func TestAgentBandFor(t *testing.T) {
	bands := DefaultSettings().AgentBands
	for _, tt := range []struct {
		h       int64
		wantMin int64
	}{{1, 0}, {49, 0}, {50, 30}, {300, 30}, {301, 50}, {100000, 50}} {
		b, ok := AgentBandFor(tt.h, bands)
		if !ok || b.MinAdmissible != tt.wantMin {
			t.Errorf("band for %d = %+v, %v", tt.h, b, ok)
		}
	}
	if _, ok := AgentBandFor(10, []AgentBand{{MaxHeadcount: 5}}); ok {
		t.Error("no band should fit")
	}
}
