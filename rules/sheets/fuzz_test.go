package sheets

import (
	"bytes"
	"errors"
	"testing"

	"github.com/spplus/spplus/rules"
)

// fuzzOptions keeps the fuzzed parsers' limits small, so that a run
// explores inputs instead of inflating them.
func fuzzOptions() Options {
	return Options{Admissible: 10, MaxBytes: 1 << 20, MaxRows: 10_000, MaxUnzipBytes: 4 << 20, MaxLineBytes: 16 << 10, MaxCellBytes: 1 << 10}
}

// checkFuzzError checks that a refusal is a *ParseError naming the file.
func checkFuzzError(t *testing.T, name string, err error) {
	if err == nil {
		return
	}
	pe, ok := errors.AsType[*ParseError](err)
	if !ok || pe.File != name || pe.Msg == "" {
		t.Fatalf("error %q (%T) is not a *ParseError naming %s", err, err, name)
	}
}

// FuzzParseSurveyCSV feeds arbitrary bytes to the survey parser: it must
// return a tally or a *ParseError, never panic, and keep its counts sane.
func FuzzParseSurveyCSV(f *testing.F) {
	f.Add([]byte(usersHeader(",") + "\n" + row(",", "1", "0,25", "NC", "Plutôt satisfait") + "\n"))
	f.Add([]byte("\xEF\xBB\xBFcomplete;" + usersHeader(";") + "\r\nnon;" + row(";", "0,75") + "\r\n"))
	f.Add([]byte("Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10,Q11\n1,0,1,0,1,\"0,25\",1,1,1,1,1\n"))
	f.Add([]byte("complete;" + usersHeader(";") + "\noui;Plut\xF4t satisfait\n"))
	f.Add([]byte(distHeader + "admissible,12\n" + distRows(",", "1,2,3,4,0")))
	f.Add([]byte("question;n_0;n_025;n_075;n_1;n_nc\nE1_1;;;;3;\n"))
	f.Add([]byte("\"E1_1\nx\",\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []rules.SurveyKind{rules.UsersSurvey, rules.AgentsSurvey} {
			tally, err := ParseSurvey("f.csv", bytes.NewReader(data), kind, fuzzOptions())
			checkFuzzError(t, "f.csv", err)
			if err == nil && (tally.Admissible > tally.Respondents || len(tally.Counts) != len(tally.Layout.Questions)) {
				t.Fatalf("inconsistent tally %+v", tally)
			}
		}
	})
}

// FuzzParseAuditGrid feeds arbitrary bytes to the local grid parser.
func FuzzParseAuditGrid(f *testing.F) {
	f.Add([]byte("point,engagement,score\n1.1,1,1\n1.2,2,0.25\nOr 1,OR,\"0,75\"\n"))
	f.Add([]byte("Score;Engagement;Point\n0,25;8;8.1\n"))
	f.Add([]byte("point,engagement,score\n1.1,9,0.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseAuditGrid("g.csv", bytes.NewReader(data), fuzzOptions())
		checkFuzzError(t, "g.csv", err)
		for _, p := range g.Points {
			if !rules.ValidQuarters(int(p.Quarters)) || p.Engagement < 0 || p.Engagement > 8 || p.Or != (p.Engagement == 0) {
				t.Fatalf("invalid point %+v accepted", p)
			}
		}
	})
}

// FuzzParseCentralGrid feeds arbitrary bytes to the central grid parser.
func FuzzParseCentralGrid(f *testing.F) {
	f.Add([]byte("point,validated\nA,oui\nB,non\nC,1\nD,FALSE\n"))
	f.Add([]byte("Validated;Point\nVRAI;A\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseCentralGrid("c.csv", bytes.NewReader(data), fuzzOptions())
		checkFuzzError(t, "c.csv", err)
		if err == nil && len(g.Points) == 0 {
			t.Fatal("an empty grid was accepted")
		}
	})
}

// FuzzParseSurveyXLSX mutates small workbooks: excelize must not take the
// parser down, whatever the archive holds.
func FuzzParseSurveyXLSX(f *testing.F) {
	f.Add(buildXLSX(f, "Sheet1", [][]any{usersHeaderCells("complete"), append([]any{true}, usersRow(1, 0.25, "NC")...)}))
	f.Add(buildXLSX(f, "Sheet1", [][]any{{"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11"}, {1, 1, 1, 1, 1, 1, 0, 0, 0, 0.75, "Plutôt d'accord"}}))
	f.Add(buildXLSX(f, "Sheet1", [][]any{{"question", "n_0", "n_025", "n_075", "n_1", "n_nc"}, {"admissible", 3}, {"Q1", 1, 1, 1, 0, 0}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []rules.SurveyKind{rules.UsersSurvey, rules.AgentsSurvey} {
			_, err := ParseSurvey("f.xlsx", bytes.NewReader(data), kind, fuzzOptions())
			checkFuzzError(t, "f.xlsx", err)
		}
	})
}
