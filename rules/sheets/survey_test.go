package sheets

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
	"golang.org/x/text/encoding/charmap"
)

// TestParseResponsesCSV reads the responses shape in its variants
// (ARCHITECTURE.md "Survey and grid files"; guide §3.4.1 and decision D3
// for admissibility: complete and more than half of 15 answered).
func TestParseResponsesCSV(t *testing.T) {
	full := row(",", "1")                                     // 15 answers of 1 point
	half := row(",", "NC", "1", "1", "1", "1", "1", "1", "1") // 7 answered: not admissible (D3)
	tests := []struct {
		name        string
		content     string
		respondents int64
		admissible  int64
		e11         rules.AnswerCounts
	}{
		{"comma", usersHeader(",") + "\n" + full + "\n" + half + "\n", 2, 1, counts(0, 0, 0, 1, 0)},
		{"semicolon", usersHeader(";") + "\n" + row(";", "0,25") + "\n", 1, 1, counts(0, 1, 0, 0, 0)},
		{"BOM and CRLF", "\xEF\xBB\xBF" + usersHeader(";") + "\r\n" + row(";", "0,75") + "\r\n", 1, 1, counts(0, 0, 1, 0, 0)},
		{"no final newline", usersHeader(",") + "\n" + full, 1, 1, counts(0, 0, 0, 1, 0)},
		{"headers any case, order and spaces", strings.ToLower(usersHeader(", ")) + "\n" + full + "\n", 1, 1, counts(0, 0, 0, 1, 0)},
		{"blank rows skipped", usersHeader(";") + "\n;;;\n\n" + row(";", "1") + "\n" + strings.Repeat(";", 14) + "\n", 1, 1, counts(0, 0, 0, 1, 0)},
		{"short row: missing cells are empty", usersHeader(",") + "\n1,1,1,1,1,1,1,1\n1,1,1,1,1,1,1\n", 2, 1, counts(0, 0, 0, 1, 0)},
		{"trailing empty cells past the header", usersHeader(",") + "\n" + full + ",,\n", 1, 1, counts(0, 0, 0, 1, 0)},
		{"quoted cells", usersHeader(";") + "\n" + row(";", `"1"`, `"Plutôt satisfait"`, `"NC"`) + "\n", 1, 1, counts(0, 0, 1, 0, 0)},
		{"labels and NC", usersHeader(";") + "\n" + row(";", "1", "Non concerné / Ne se prononce pas", "pas du tout satisfait") + "\n", 1, 1, counts(0, 0, 0, 0, 1)},
		{"empty answers do not count toward admissibility", usersHeader(",") + "\n" + row(",", "", "", "1", "1", "1", "1", "1", "1", "1") + "\n", 1, 0, counts(0, 0, 0, 0, 0)},
		{"eight answers: admissible (D3)", usersHeader(",") + "\n" + row(",", "", "", "1", "1", "1", "1", "1", "1", "1", "1") + "\n", 1, 1, counts(0, 0, 0, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseString("users.csv", tt.content, rules.UsersSurvey)
			if err != nil {
				t.Fatal(err)
			}
			if got.Respondents != tt.respondents || got.Admissible != tt.admissible || got.Counts[0] != tt.e11 {
				t.Errorf("got respondents %d admissible %d E1_1 %+v; want %d %d %+v",
					got.Respondents, got.Admissible, got.Counts[0], tt.respondents, tt.admissible, tt.e11)
			}
		})
	}
}

// TestCompleteColumn reads the optional "complete" column
// (ARCHITECTURE.md: oui/non, 1/0, true/false; absent = complete; D3).
func TestCompleteColumn(t *testing.T) {
	tests := []struct {
		cell       string
		admissible int64
	}{
		{"oui", 1}, {"OUI", 1}, {"1", 1}, {"true", 1}, {"Vrai", 1}, {"", 1}, {" ", 1},
		{"non", 0}, {"Non", 0}, {"0", 0}, {"FALSE", 0}, {"faux", 0},
	}
	for _, tt := range tests {
		content := "Complète;" + usersHeader(";") + "\n" + tt.cell + ";" + row(";", "1") + "\n"
		got, err := parseString("users.csv", content, rules.UsersSurvey)
		if err != nil {
			t.Fatalf("complete %q: %v", tt.cell, err)
		}
		if got.Respondents != 1 || got.Admissible != tt.admissible {
			t.Errorf("complete %q: respondents %d admissible %d, want 1 %d", tt.cell, got.Respondents, got.Admissible, tt.admissible)
		}
	}
}

// TestWindows1252 reads a file saved by an old spreadsheet: accented labels
// in Windows-1252 (ARCHITECTURE.md: "or Windows-1252").
func TestWindows1252(t *testing.T) {
	text := "complete;" + usersHeader(";") + "\n" +
		"oui;" + row(";", "Plutôt satisfait", "Non concerné / Ne se prononce pas", "Tout à fait satisfait", "1") + "\n"
	enc, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(enc, "ô") {
		t.Fatal("test file is not Windows-1252")
	}
	got, err := parseString("users.csv", enc, rules.UsersSurvey)
	if err != nil {
		t.Fatal(err)
	}
	// row's first argument fills the cells after the given ones.
	want := []rules.AnswerCounts{counts(0, 0, 0, 0, 1), counts(0, 0, 0, 1, 0), counts(0, 0, 0, 1, 0), counts(0, 0, 1, 0, 0)}
	if !reflect.DeepEqual(got.Counts[:4], want) {
		t.Errorf("counts %+v, want %+v", got.Counts[:4], want)
	}
}

// TestAgentsSurvey reads the agents' layout (guide §3.4.2: Q1..Q11).
func TestAgentsSurvey(t *testing.T) {
	content := "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10,Q11\n1,1,1,1,1,1,0,0,0,0,0\n1,1,1,1,1,NC,NC,NC,NC,NC,NC\n"
	got, err := parseString("agents.csv", content, rules.AgentsSurvey)
	if err != nil {
		t.Fatal(err)
	}
	if got.Layout.Kind != rules.AgentsSurvey || got.Respondents != 2 || got.Admissible != 1 || got.Counts[10] != counts(1, 0, 0, 0, 0) {
		t.Errorf("got %+v", got)
	}
}

// TestCustomQuestionnaires uses configured codes and labels (RULES.md:
// the labels are configuration, not code).
func TestCustomQuestionnaires(t *testing.T) {
	opt := Options{Questionnaires: rules.Questionnaires{
		Agents:       rules.SurveyLayout{Kind: rules.AgentsSurvey, Questions: []rules.Question{{Code: "A"}, {Code: "B"}}},
		AnswerLabels: []rules.AnswerLabel{{Label: "Génial", Quarters: 4}},
		NCLabels:     []string{"Sans objet"},
	}}
	got, err := ParseSurvey("a.csv", strings.NewReader("a;b\ngenial;SANS OBJET\n0,25;1\nGÉNIAL;génial\n"), rules.AgentsSurvey, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The first row has one answer of two: not admissible (D3).
	if got.Admissible != 2 || got.Counts[0] != counts(0, 1, 0, 1, 0) || got.Counts[1] != counts(0, 0, 0, 2, 0) {
		t.Errorf("got %+v", got)
	}
	// "NC" is not configured here, so it is not an answer.
	_, err = ParseSurvey("a.csv", strings.NewReader("a;b\nNC;1\n"), rules.AgentsSurvey, opt)
	mustParseError(t, err, `a.csv line 2, column "a": expected 0, 0.25, 0.75, 1, an answer label or NC, got "NC"`)
}

// TestSurveyErrors checks every refusal names the file, line and column
// and says what was expected (ARCHITECTURE.md: exit 2 on input errors).
func TestSurveyErrors(t *testing.T) {
	h := usersHeader(",")
	codes := strings.ReplaceAll(h, ",", ", ")
	tests := []struct {
		name, content, want string
	}{
		{"value off the scale", h + "\n" + row(",", "1") + "\n" + row(",", "1", "1", "1", "2") + "\n",
			`users.csv line 3, column "E2_1": expected 0, 0.25, 0.75, 1, an answer label or NC, got "2"`},
		{"half point", h + "\n" + row(",", "0.5") + "\n",
			`users.csv line 2, column "E1_1": expected 0, 0.25, 0.75, 1, an answer label or NC, got "0.5"`},
		{"unknown label", h + "\n" + row(",", "1", "Bof") + "\n",
			`users.csv line 2, column "E1_1": expected 0, 0.25, 0.75, 1, an answer label or NC, got "Bof"`},
		{"long value shortened", h + "\n" + row(",", strings.Repeat("é", 100)) + "\n",
			`users.csv line 2, column "E1_1": expected 0, 0.25, 0.75, 1, an answer label or NC, got "` + strings.Repeat("é", 30) + `"…`},
		{"unknown column", "E1_1,E1_2,FOO\n",
			`users.csv line 1, column "FOO": unknown column, expected a question code (` + codes + `) or "complete"`},
		{"duplicate column", "E1_1,E1_2,e1_1\n",
			`users.csv line 1, column "e1_1": duplicate column, already given as column 1`},
		{"duplicate complete", "complete," + h + ",Complete\n",
			`users.csv line 1, column "Complete": duplicate column, already given as column 1`},
		{"missing question column", strings.TrimSuffix(h, ",SATISFACTION") + "\n" + row(",", "1") + "\n",
			`users.csv line 1: missing question column(s) SATISFACTION`},
		{"missing columns after blank lines", "\n\n" + "E1_1\n",
			`users.csv line 3: missing question column(s) E1_2, E2_1, E2_2, E3_1, E3_2, E4_1, E4_2, E5_1, E5_2, E6_1, E7_1, E7_2, E8_1, SATISFACTION`},
		{"empty file", "", `users.csv: empty file, expected a header row`},
		{"blank file", "\n\n ; \n", `users.csv: empty file, expected a header row`},
		{"header only", h + "\n", `users.csv: no respondent rows after the header`},
		{"header and blank rows", h + "\n,,,\n", `users.csv: no respondent rows after the header`},
		{"bad complete", "complete," + h + "\npeut-être," + row(",", "1") + "\n",
			`users.csv line 2, column "complete": expected oui/non, 1/0 or true/false, got "peut-être"`},
		{"value past the header", h + "\n" + row(",", "1") + ",1\n",
			`users.csv line 2: value past the last header column, got "1" (an unquoted decimal comma? Quote values like "0,75" or separate the cells with ";")`},
		{"value under an empty header", "E1_1,," + strings.TrimPrefix(h, "E1_1,") + "\n1,x," + row(",", "1")[2:] + "\n",
			`users.csv line 2: value in a column without a header, got "x"`},
		{"bare quote", h + "\n" + `1,1"1` + "\n",
			`users.csv line 2: malformed CSV: bare " in non-quoted-field`},
		{"unterminated quote", h + "\n" + `"1,1` + "\n",
			`users.csv line 2: malformed CSV: extraneous or missing " in quoted-field`},
		{"UTF-16", "\xFF\xFEE\x001\x00", `users.csv: UTF-16 text, expected UTF-8 or Windows-1252: save the file as CSV UTF-8`},
		{"legacy xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", `users.csv: a legacy .xls workbook or an encrypted file, expected XLSX or CSV: save it as .xlsx or as CSV`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseString("users.csv", tt.content, rules.UsersSurvey)
			mustParseError(t, err, tt.want)
		})
	}
}

// TestXLSXNameWithoutZip refuses a ".xlsx" that is not a workbook.
func TestXLSXNameWithoutZip(t *testing.T) {
	_, err := parseString("users.xlsx", usersHeader(",")+"\n", rules.UsersSurvey)
	mustParseError(t, err, `users.xlsx: named like an XLSX workbook but not one (no zip signature)`)
}

// TestSurveyKindAndLayout refuses an unknown kind and a broken layout.
func TestSurveyKindAndLayout(t *testing.T) {
	_, err := parseString("x.csv", "Q1\n1\n", "citizens")
	if errText(err) != `survey kind "citizens": expected "users" or "agents"` {
		t.Errorf("got %q", errText(err))
	}
	opt := Options{Questionnaires: rules.Questionnaires{Agents: rules.SurveyLayout{Questions: []rules.Question{{Code: "Q1"}, {Code: "q1"}}}}}
	_, err = ParseSurvey("x.csv", strings.NewReader("Q1\n1\n"), rules.AgentsSurvey, opt)
	if errText(err) != `questionnaires: agents question code "q1" is empty, reserved or repeated` {
		t.Errorf("got %q", errText(err))
	}
	opt.Questionnaires.Agents.Questions = nil
	opt.Questionnaires.NCLabels = []string{"NC"}
	_, err = ParseSurvey("x.csv", strings.NewReader("Q1\n1\n"), rules.AgentsSurvey, opt)
	if errText(err) != `questionnaires: the agents layout has no questions` {
		t.Errorf("got %q", errText(err))
	}
}
