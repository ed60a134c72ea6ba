package sheets

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
	"github.com/xuri/excelize/v2"
)

// usersRow returns the 15 users' cells: given ones first, then fill.
func usersRow(fill any, cells ...any) []any {
	for len(cells) < 15 {
		cells = append(cells, fill)
	}
	return cells
}

func usersHeaderCells(extra ...any) []any {
	var h []any
	h = append(h, extra...)
	for _, c := range questionCodes(rules.DefaultQuestionnaires().Users) {
		h = append(h, c)
	}
	return h
}

// TestParseResponsesXLSX reads a workbook built with excelize: numbers
// stored as numbers, labels, NC, empty cells, booleans, a gap of empty rows
// (ARCHITECTURE.md "Survey and grid files": XLSX, first sheet).
func TestParseResponsesXLSX(t *testing.T) {
	data := buildXLSX(t, "Réponses", [][]any{
		usersHeaderCells("complete"),
		append([]any{true}, usersRow(1, 0.25, 0.75, "0,25", "NC", "Plutôt satisfait", nil, 0)...),
		{},
		append([]any{"non"}, usersRow(1)...),
		append([]any{false}, usersRow(1)...),
		append([]any{nil}, usersRow("Tout à fait satisfait", "Non concerné / Ne se prononce pas")...),
	})
	got, err := ParseSurvey("users.xlsx", bytes.NewReader(data), rules.UsersSurvey, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Respondents != 4 || got.Admissible != 2 {
		t.Fatalf("respondents %d admissible %d, want 4 2", got.Respondents, got.Admissible)
	}
	want := []rules.AnswerCounts{counts(0, 1, 0, 0, 1), counts(0, 0, 1, 1, 0), counts(0, 1, 0, 1, 0), counts(0, 0, 0, 1, 1),
		counts(0, 0, 1, 1, 0), counts(0, 0, 0, 1, 0), counts(1, 0, 0, 1, 0)}
	if !reflect.DeepEqual(got.Counts[:7], want) {
		t.Errorf("counts %+v\nwant %+v", got.Counts[:7], want)
	}
}

// TestXLSXShapes reads the distribution shape and both grids from workbooks.
func TestXLSXShapes(t *testing.T) {
	dist := [][]any{{"question", "n_0", "n_025", "n_075", "n_1", "n_nc"}, {"admissible", 10}}
	for _, c := range questionCodes(rules.DefaultQuestionnaires().Users) {
		dist = append(dist, []any{c, 1, 2, 3, 4, 0})
	}
	tally, err := ParseSurvey("d.xlsx", bytes.NewReader(buildXLSX(t, "Sheet1", dist)), rules.UsersSurvey, Options{})
	if err != nil || tally.Admissible != 10 || tally.Counts[3] != counts(1, 2, 3, 4, 0) {
		t.Errorf("distribution: %+v, %v", tally, err)
	}

	grid := buildXLSX(t, "Grille", [][]any{{"point", "engagement", "score"}, {"1.1", 1, 1}, {"1.2", 1, 0.75}, {"Or 1", "OR", 0.25}})
	g, err := ParseAuditGrid("grid.xlsx", bytes.NewReader(grid), Options{})
	wantGrid := rules.AuditGrid{Points: []rules.AuditPoint{{Point: "1.1", Engagement: 1, Quarters: 4}, {Point: "1.2", Engagement: 1, Quarters: 3}, {Point: "Or 1", Or: true, Quarters: 1}}}
	if err != nil || !reflect.DeepEqual(g, wantGrid) {
		t.Errorf("audit grid: %+v, %v", g, err)
	}

	central := buildXLSX(t, "Sheet1", [][]any{{"Point", "Validated"}, {"A", true}, {"B", "non"}, {"C", 1}})
	c, err := ParseCentralGrid("central.xlsx", bytes.NewReader(central), Options{})
	wantCentral := rules.CentralGrid{Points: []rules.CentralPoint{{Point: "A", Validated: true}, {Point: "B", Validated: false}, {Point: "C", Validated: true}}}
	if err != nil || !reflect.DeepEqual(c, wantCentral) {
		t.Errorf("central grid: %+v, %v", c, err)
	}
}

// TestXLSXFirstSheet reads the first sheet only.
func TestXLSXFirstSheet(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	mustDo(t, f.SetSheetRow("Sheet1", "A1", &[]any{"point", "validated"}))
	mustDo(t, f.SetSheetRow("Sheet1", "A2", &[]any{"A", "oui"}))
	if _, err := f.NewSheet("Autre"); err != nil {
		t.Fatal(err)
	}
	mustDo(t, f.SetSheetRow("Autre", "A1", &[]any{"garbage"}))
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := ParseCentralGrid("c.xlsx", &buf, Options{})
	if err != nil || len(g.Points) != 1 {
		t.Errorf("got %+v, %v", g, err)
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestXLSXErrors checks that errors name the sheet and the cell.
func TestXLSXErrors(t *testing.T) {
	tests := []struct {
		name string
		rows [][]any
		grid bool
		want string
	}{
		{"value off the scale", [][]any{usersHeaderCells(), usersRow(1), {}, usersRow(1, 1, 1, 1, 2)},
			false, `users.xlsx sheet "Réponses" cell D4, column "E2_2": expected 0, 0.25, 0.75, 1, an answer label or NC, got "2"`},
		{"unknown column", [][]any{{"E1_1", "Nom"}},
			false, `users.xlsx sheet "Réponses" cell B1, column "Nom": unknown column, expected a question code (` +
				strings.ReplaceAll(usersHeader(","), ",", ", ") + `) or "complete"`},
		{"missing column", [][]any{{}, {"E1_1"}},
			false, `users.xlsx sheet "Réponses" row 2: missing question column(s) E1_2, E2_1, E2_2, E3_1, E3_2, E4_1, E4_2, E5_1, E5_2, E6_1, E7_1, E7_2, E8_1, SATISFACTION`},
		{"header only", [][]any{usersHeaderCells()}, false, `users.xlsx: no respondent rows after the header`},
		{"value past the header", [][]any{usersHeaderCells(), append(usersRow(1), "x")},
			false, `users.xlsx sheet "Réponses" cell P2: value past the last header column, got "x"`},
		{"empty sheet", nil, false, `users.xlsx: empty file, expected a header row`},
		{"half point in a grid", [][]any{{"point", "engagement", "score"}, {"1.1", 1, 0.5}},
			true, `users.xlsx sheet "Réponses" cell C2, column "score": expected a score 0, 0.25, 0.75 or 1, got "0.5"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.NewReader(buildXLSX(t, "Réponses", tt.rows))
			var err error
			if tt.grid {
				_, err = ParseAuditGrid("users.xlsx", data, Options{})
			} else {
				_, err = ParseSurvey("users.xlsx", data, rules.UsersSurvey, Options{})
			}
			mustParseError(t, err, tt.want)
		})
	}
}

// TestXLSXContentWins reads a workbook whatever its name says.
func TestXLSXContentWins(t *testing.T) {
	data := buildXLSX(t, "Sheet1", [][]any{{"point", "validated"}, {"A", "oui"}})
	if _, err := ParseCentralGrid("central.csv", bytes.NewReader(data), Options{}); err != nil {
		t.Error(err)
	}
}
