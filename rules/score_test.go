package rules

import (
	"testing"
)

// TestScoreRounding checks the display rule of D1: half away from zero, two
// decimals, shortest JSON form; French form with a comma and two decimals.
func TestScoreRounding(t *testing.T) {
	tests := []struct {
		num, den     int64
		json, french string
	}{
		{7430500, 100000, "74.31", "74,31"}, // 74.305 → 74.31 (half up)
		{-7430500, 100000, "-74.31", "-74,31"},
		{7430499, 100000, "74.3", "74,30"},
		{200, 3, "66.67", "66,67"},
		{100, 3, "33.33", "33,33"},
		{145, 2, "72.5", "72,50"},
		{80, 1, "80", "80,00"},
		{0, 1, "0", "0,00"},
		{1, 8, "0.13", "0,13"}, // 0.125 → 0.13
		{1, 800, "0", "0,00"},  // 0.00125 → 0
		{69999, 1000, "70", "70,00"},
		{20, 3, "6.67", "6,67"},
	}
	for _, tt := range tests {
		s := NewScore(tt.num, tt.den)
		if got := s.String(); got != tt.json {
			t.Errorf("%d/%d String() = %s, want %s", tt.num, tt.den, got, tt.json)
		}
		if got := s.French(); got != tt.french {
			t.Errorf("%d/%d French() = %s, want %s", tt.num, tt.den, got, tt.french)
		}
	}
	var none Score
	if none.String() != "null" || none.Known() || none.AtLeast(Percent(0)) || none.Below(Percent(0)) {
		t.Error("the zero Score must have no value")
	}
	if NewScore(1, 0).Known() {
		t.Error("a zero denominator must give no value")
	}
}

// TestScoreThresholdsAreExact checks D1: 69.999 is not 70, even though it
// displays as 70.
func TestScoreThresholdsAreExact(t *testing.T) {
	tests := []struct {
		s    Score
		t    Ratio
		want bool
	}{
		{NewScore(69999, 1000), Percent(70), false},
		{NewScore(70, 1), Percent(70), true},
		{NewScore(70001, 1000), Percent(70), true},
		{NewScore(5, 1), Ratio{Num: 5, Den: 1}, true},
		{NewScore(499, 100), Percent(5), false},
		{NewScore(1, 100), Ratio{Num: 1, Den: 0}, false}, // bad Den reads as 1
	}
	for _, tt := range tests {
		if got := tt.s.AtLeast(tt.t); got != tt.want {
			t.Errorf("%s AtLeast %s = %v, want %v", tt.s, tt.t, got, tt.want)
		}
	}
}

// TestExactMeanWhereFloatFails is the test D1 asks for: eleven agents'
// question notes whose exact mean is 65, the argent threshold (§2.2.1),
// while float64 summation gives 64.99999999999999 and would miss argent.
func TestExactMeanWhereFloatFails(t *testing.T) {
	// (sum of quarter points, number of non-NC answers) per question.
	qs := [][2]int64{{12, 3}, {4, 2}, {7, 2}, {5, 4}, {17, 5}, {8, 4}, {28, 10}, {17, 10}, {11, 4}, {9, 3}, {11, 5}}
	s := DefaultSettings()
	tally := NewSurveyTally(s.Questionnaires.Agents)
	tally.Respondents, tally.Admissible = 10, 10
	for i, q := range qs {
		tally.Counts[i] = countsForSum(t, q[0], q[1])
	}

	// What a float64 implementation computes: per-question means, summed.
	var sum float64
	for _, q := range qs {
		sum += float64(q[0]) * 0.25 / float64(q[1])
	}
	if float := sum / 11 * 100; float >= 65 {
		t.Fatalf("the example no longer defeats float64 (%v); pick another", float)
	}

	got := ScoreAgents(tally, 10, 10, s)
	if !got.Score.AtLeast(Percent(65)) || got.Score.Cmp(Percent(65)) != 0 {
		t.Errorf("exact agents score = %s, want exactly 65", got.Score)
	}
}

// countsForSum builds answer counts of n answers totalling sum quarter points.
func countsForSum(t *testing.T, sum, n int64) AnswerCounts {
	t.Helper()
	for ones := n; ones >= 0; ones-- {
		for threes := n - ones; threes >= 0; threes-- {
			rest := sum - 4*ones - 3*threes
			if rest >= 0 && ones+threes+rest <= n {
				c := AnswerCounts{One: ones, ThreeQuarters: threes, Quarter: rest, Zero: n - ones - threes - rest}
				if c.QuarterSum() == sum && c.Scored() == n {
					return c
				}
			}
		}
	}
	t.Fatalf("no counts for sum %d over %d", sum, n)
	return AnswerCounts{}
}

func TestParseScore(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"74.31", "74.31", true},
		{"74,31", "74.31", true},
		{"7.431e1", "74.31", true},
		{"-1", "-1", true},
		{"1/3", "", false},
		{"0x10", "", false},
		{"1e999", "", false},
		{"", "", false},
		{"1.", "", false},
		{"abc", "", false},
	}
	for _, tt := range tests {
		got, err := ParseScore(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got.String() != tt.want) {
			t.Errorf("ParseScore(%q) = %s, %v; want %s ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestScoreDiffersBy(t *testing.T) {
	tol := Ratio{Num: 1, Den: 100}
	tests := []struct {
		a, b Score
		want bool
	}{
		{NewScore(7431, 100), NewScore(7432, 100), false}, // exactly 0.01: not more
		{NewScore(7431, 100), NewScore(74321, 1000), true},
		{NewScore(7431, 100), Score{}, false},
	}
	for _, tt := range tests {
		if got := tt.a.DiffersBy(tt.b, tol); got != tt.want {
			t.Errorf("%s vs %s: %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
