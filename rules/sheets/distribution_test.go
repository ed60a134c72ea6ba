package sheets

import (
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// distRows is a distribution body: every users' question with the same counts.
func distRows(sep, counts string) string {
	var b strings.Builder
	for _, code := range questionCodes(rules.DefaultQuestionnaires().Users) {
		b.WriteString(code + sep + counts + "\n")
	}
	return b.String()
}

const distHeader = "question,n_0,n_025,n_075,n_1,n_nc\n"

// TestParseDistribution reads the distribution shape (ARCHITECTURE.md
// "Survey and grid files" and "Details fixed for the score output":
// admissible as a row "admissible,120" or as an option).
func TestParseDistribution(t *testing.T) {
	tests := []struct {
		name       string
		content    string
		admissible int
		want       int64
		e11        rules.AnswerCounts
	}{
		{"admissible row", distHeader + "admissible,120\n" + distRows(",", "10,20,30,50,10"), 0, 120, counts(10, 20, 30, 50, 10)},
		{"admissible row with empty cells", distHeader + distRows(",", "10,20,30,50,10") + "admissible,120,,,,\n", 0, 120, counts(10, 20, 30, 50, 10)},
		{"admissible option", distHeader + distRows(",", "1,2,3,4,5"), 15, 15, counts(1, 2, 3, 4, 5)},
		{"row and option agree", distHeader + "Admissible,15\n" + distRows(",", "1,2,3,4,5"), 15, 15, counts(1, 2, 3, 4, 5)},
		{"semicolon, case, column order", "Question;N_NC;n_1;n_075;n_025;n_0\n" + distRows(";", "5;4;3;2;1"), 15, 15, counts(1, 2, 3, 4, 5)},
		{"empty counts are 0", distHeader + distRows(",", ",,,7,") + "admissible,7\n", 0, 7, counts(0, 0, 0, 7, 0)},
		{"admissible 0", distHeader + distRows(",", "0,0,0,0,0") + "admissible,0\n", 0, 0, counts(0, 0, 0, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSurvey("dist.csv", strings.NewReader(tt.content), rules.UsersSurvey, Options{Admissible: tt.admissible})
			if err != nil {
				t.Fatal(err)
			}
			// In the distribution shape, respondents = admissible (package doc).
			if got.Respondents != tt.want || got.Admissible != tt.want || got.Counts[0] != tt.e11 || got.Counts[14] != tt.e11 {
				t.Errorf("got %+v", got)
			}
		})
	}
}

// TestDistributionErrors checks the refusals of the distribution shape.
func TestDistributionErrors(t *testing.T) {
	body := distRows(",", "1,2,3,4,5")
	codes := strings.Join(questionCodes(rules.DefaultQuestionnaires().Users), ", ")
	tests := []struct {
		name, content string
		admissible    int
		want          string
	}{
		{"no admissible count", distHeader + body, 0,
			`dist.csv: no admissible count: add a row "admissible,N" or give it as an option (--admissible N)`},
		{"row and option differ", distHeader + "admissible,120\n" + body, 100,
			`dist.csv line 2: admissible count 120 differs from the one given as an option (100)`},
		{"more answers than admissible", distHeader + "admissible,14\n" + body, 0,
			`dist.csv line 3, column "question": question E1_1 has 15 answers, more than the 14 admissible respondents`},
		{"admissible twice", distHeader + "admissible,120\nadmissible,120\n", 0,
			`dist.csv line 3, column "question": admissible count given twice`},
		{"admissible not a count", distHeader + "admissible,beaucoup\n", 0,
			`dist.csv line 2, column "n_0": expected the admissible count (a whole number, 0 or more), got "beaucoup"`},
		{"admissible missing", distHeader + "admissible\n", 0,
			`dist.csv line 2, column "n_0": expected the admissible count (a whole number, 0 or more), got ""`},
		{"admissible row with more", distHeader + "admissible,12,3\n", 0,
			`dist.csv line 2, column "n_025": expected an empty cell on the admissible row, got "3"`},
		{"bad count", distHeader + "E1_1,1,2,x,4,5\n", 15,
			`dist.csv line 2, column "n_075": expected a count (a whole number, 0 or more), got "x"`},
		{"negative count", distHeader + "E1_1,1,2,-3,4,5\n", 15,
			`dist.csv line 2, column "n_075": expected a count (a whole number, 0 or more), got "-3"`},
		{"unknown question", distHeader + "E9_1,1,2,3,4,5\n", 15,
			`dist.csv line 2, column "question": unknown question "E9_1", expected ` + codes + ` or "admissible"`},
		{"question twice", distHeader + "E1_1,1,2,3,4,5\ne1_1,1,2,3,4,5\n", 15,
			`dist.csv line 3, column "question": question "e1_1" given twice`},
		{"missing question rows", distHeader + strings.SplitAfterN(body, "\n", 2)[1], 15,
			`dist.csv: missing question row(s) E1_1`},
		{"missing column", "question,n_0,n_025,n_075,n_1\n", 15,
			`dist.csv line 1: missing column(s) n_nc`},
		{"unknown column", "question,n_0,n_025,n_05,n_075,n_1,n_nc\n", 15,
			`dist.csv line 1, column "n_05": unknown column, expected n_0, n_025, n_075, n_1 or n_nc after question`},
		{"header only", distHeader, 15, `dist.csv: missing question row(s) ` + codes},
		{"stray cell", distHeader + "E1_1,1,2,3,4,5,6\n", 15,
			`dist.csv line 2: value past the last header column, got "6" (an unquoted decimal comma? Quote values like "0,75" or separate the cells with ";")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSurvey("dist.csv", strings.NewReader(tt.content), rules.UsersSurvey, Options{Admissible: tt.admissible})
			mustParseError(t, err, tt.want)
		})
	}
	_, err := ParseSurvey("dist.csv", strings.NewReader(distHeader+body), rules.UsersSurvey, Options{Admissible: -1})
	if errText(err) != "admissible option -1: expected a count, 0 or more" {
		t.Errorf("negative option: got %q", errText(err))
	}
}
