package sheets

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// TestParseAuditGrid reads local grids (ARCHITECTURE.md "Survey and grid
// files"; guide §3.7.1: points score 0, 0.25, 0.75 or 1; "Or" criteria).
func TestParseAuditGrid(t *testing.T) {
	want := rules.AuditGrid{Points: []rules.AuditPoint{
		{Point: "1.1", Engagement: 1, Quarters: 4},
		{Point: "1.2 Accueil", Engagement: 1, Quarters: 1},
		{Point: "8.1", Engagement: 8, Quarters: 3},
		{Point: "Or 1", Or: true, Quarters: 0},
	}}
	tests := []struct{ name, content string }{
		{"comma", "point,engagement,score\n1.1,1,1\n1.2 Accueil,1,0.25\n8.1,8,0.75\nOr 1,OR,0\n"},
		{"semicolon, decimal comma, order, case, BOM", "\xEF\xBB\xBFScore ; Engagement ; POINT\n1;1;1.1\n0,25;1;1.2 Accueil\n0,75; 8 ;8.1\n0,0;or;Or 1\n"},
		{"blank rows and spaces", "point,engagement,score\n\n 1.1 , 1 , 1.00 \n,,\n1.2 Accueil,1,\".25\"\n8.1,8,0.75\nOr 1,Or,0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAuditGrid("grid.csv", strings.NewReader(tt.content), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestAuditGridErrors checks the refusals of malformed grid rows
// (RULES.md AUDIT_GRID_INVALID: a point value outside {0, 0.25, 0.75, 1}).
func TestAuditGridErrors(t *testing.T) {
	const h = "point,engagement,score\n"
	tests := []struct{ name, content, want string }{
		{"half point", h + "1.1,1,1\n1.2,1,0.5\n", `grid.csv line 3, column "score": expected a score 0, 0.25, 0.75 or 1, got "0.5"`},
		{"two", h + "1.1,1,2\n", `grid.csv line 2, column "score": expected a score 0, 0.25, 0.75 or 1, got "2"`},
		{"engagement without points", h + "1.1,1,\n", `grid.csv line 2, column "score": expected a score 0, 0.25, 0.75 or 1, got ""`},
		{"label as score", h + "1.1,1,NC\n", `grid.csv line 2, column "score": expected a score 0, 0.25, 0.75 or 1, got "NC"`},
		{"engagement 9", h + "9.1,9,1\n", `grid.csv line 2, column "engagement": expected an engagement 1 to 8 or OR, got "9"`},
		{"engagement 0", h + "0.1,0,1\n", `grid.csv line 2, column "engagement": expected an engagement 1 to 8 or OR, got "0"`},
		{"engagement empty", h + "1.1,,1\n", `grid.csv line 2, column "engagement": expected an engagement 1 to 8 or OR, got ""`},
		{"point empty", h + ",1,1\n", `grid.csv line 2, column "point": expected the control point's label or number, got an empty cell`},
		{"unknown column", "point,engagement,score,commentaire\n", `grid.csv line 1, column "commentaire": unknown column, expected point, engagement, score`},
		{"duplicate column", "point,engagement,score,Score\n", `grid.csv line 1, column "Score": duplicate column, already given as column 3`},
		{"missing column", "point,score\n", `grid.csv line 1: missing column(s) engagement, expected point, engagement, score`},
		{"header only", h, `grid.csv: no control points after the header`},
		{"empty", "", `grid.csv: empty file, expected a header row`},
		{"stray value", h + "1.1,1,1,oops\n", `grid.csv line 2: value past the last header column, got "oops" (an unquoted decimal comma? Quote values like "0,75" or separate the cells with ";")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAuditGrid("grid.csv", strings.NewReader(tt.content), Options{})
			mustParseError(t, err, tt.want)
		})
	}
}

// TestParseCentralGrid reads central grids (guide §3.7.2: oui/non;
// ARCHITECTURE.md: also 1/0, true/false, ignoring case and accents).
func TestParseCentralGrid(t *testing.T) {
	content := "Validated;Point\noui;A\nNON;B\n1;C\n0;D\nTrue;E\nfalse;F\n"
	got, err := ParseCentralGrid("central.csv", strings.NewReader(content), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := rules.CentralGrid{Points: []rules.CentralPoint{
		{Point: "A", Validated: true}, {Point: "B", Validated: false}, {Point: "C", Validated: true}, {Point: "D", Validated: false}, {Point: "E", Validated: true}, {Point: "F", Validated: false},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// TestCentralGridErrors checks the refusals of central grids.
func TestCentralGridErrors(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"bad value", "point,validated\nA,peut-être\n", `central.csv line 2, column "validated": expected oui/non, 1/0 or true/false, got "peut-être"`},
		{"empty value", "point,validated\nA,\n", `central.csv line 2, column "validated": expected oui/non, 1/0 or true/false, got ""`},
		{"missing column", "point\nA\n", `central.csv line 1: missing column(s) validated, expected point, validated`},
		{"header only", "point,validated\n", `central.csv: no control points after the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCentralGrid("central.csv", strings.NewReader(tt.content), Options{})
			mustParseError(t, err, tt.want)
		})
	}
}
