package gen

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// TestSurveyPools checks every pooled survey: its score is in the band it
// promises (RULES.md "Levels", §3.4.1), and the file, read back without the
// generator's code, gives the same admissible count and score the form
// will declare.
func TestSurveyPools(t *testing.T) {
	p := newPools(7, newBlobStore())
	formats := map[string]int{}
	for _, kind := range []rules.SurveyKind{rules.UsersSurvey, rules.AgentsSurvey} {
		layout := p.q.Users
		if kind == rules.AgentsSurvey {
			layout = p.q.Agents
		}
		for band := range bandFew + 1 {
			for variant := range poolVariants {
				name := fmt.Sprintf("%s/band%d/%d", kind, band, variant)
				a, err := p.survey(kind, band, variant, defectNone)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				formats[formatName(p.blobs.blobs[a.ref.key].Content)]++
				checkSurveyAsset(t, name, p, a, kind, band, layout)
			}
		}
	}
	for _, f := range []string{"xlsx", "distribution", "bom", "cp1252", "comma"} {
		if formats[f] == 0 {
			t.Errorf("no %s survey file among %v", f, formats)
		}
	}
}

func checkSurveyAsset(t *testing.T, name string, p *pools, a asset, kind rules.SurveyKind, band int, layout rules.SurveyLayout) {
	t.Helper()
	st := a.stats
	if !inBand(kind, band, st) {
		t.Errorf("%s: score %.2f (admissible %d) outside its band", name, st.Score, st.Admissible)
	}
	if band == bandFew && st.Admissible > fewAdmissible(kind) {
		t.Errorf("%s: %d admissible, want at most %d", name, st.Admissible, fewAdmissible(kind))
	}
	if kind == rules.UsersSurvey && band != bandFew && (st.Respondents < 60 || st.Respondents > 400) {
		t.Errorf("%s: %d respondents, want 60–400", name, st.Respondents)
	}
	adm, counts, err := readSurvey(p.blobs.blobs[a.ref.key].Content, layout, p.q)
	if err != nil {
		t.Fatalf("%s: read back: %v", name, err)
	}
	got, _ := score(layout, counts)
	if adm != st.Admissible || math.Abs(got-st.Score) > 1e-9 {
		t.Errorf("%s: file says %d admissible, score %.4f; generator says %d, %.4f", name, adm, got, st.Admissible, st.Score)
	}
}

func formatName(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK")):
		return "xlsx"
	case bytes.HasPrefix(data, []byte("question,")):
		return "distribution"
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return "bom"
	case bytes.Contains(data, []byte("\r\n")):
		return "cp1252"
	default:
		return "comma"
	}
}

// TestFlawedSurveys checks the bad files are bad the way scenarios say:
// an export title above the header, or a "5" outside the scale.
func TestFlawedSurveys(t *testing.T) {
	p := newPools(3, newBlobStore())
	for variant := range flawVariants {
		a, err := p.survey(rules.UsersSurvey, int(levelArgent), variant, defectTitleLine)
		if err != nil {
			t.Fatal(err)
		}
		data := p.blobs.blobs[a.ref.key].Content
		if !bytes.HasPrefix(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), []byte("Résultats")) {
			t.Errorf("title-line variant %d starts with %q", variant, data[:20])
		}
		if _, _, err := readSurvey(data, p.q.Users, p.q); err == nil {
			t.Errorf("title-line variant %d reads as a valid survey", variant)
		}
		a, err = p.survey(rules.AgentsSurvey, int(levelBronze), variant, defectOutOfScale)
		if err != nil {
			t.Fatal(err)
		}
		data = p.blobs.blobs[a.ref.key].Content
		if _, _, err := readSurvey(data, p.q.Agents, p.q); err == nil || !strings.Contains(err.Error(), `"5"`) {
			t.Errorf("out-of-scale variant %d: read back error = %v, want a cell \"5\"", variant, err)
		}
	}
}

// TestLocalGrids checks each grid level (RULES.md "Levels", §3.7.1):
// every engagement meets the level's minimum, "Or" criteria too for or;
// below bronze has one engagement under 50; a half-point grid has a 0.5.
func TestLocalGrids(t *testing.T) {
	p := newPools(11, newBlobStore())
	for l := levelBelow; l <= levelOr; l++ {
		for variant := range poolVariants {
			a, err := p.localGrid(l, variant, false)
			if err != nil {
				t.Fatal(err)
			}
			notes, err := gridNotes(p.blobs.blobs[a.ref.key].Content)
			if err != nil {
				t.Fatalf("%s/%d: %v", l.name(), variant, err)
			}
			checkGridNotes(t, fmt.Sprintf("%s/%d", l.name(), variant), l, notes)
		}
		a, err := p.localGrid(l, 0, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := gridNotes(p.blobs.blobs[a.ref.key].Content); err == nil {
			t.Errorf("%s half-point grid reads as valid", l.name())
		}
	}
}

func checkGridNotes(t *testing.T, name string, l level, notes [9]float64) {
	t.Helper()
	lowest := 1.0
	for e := 1; e <= 8; e++ {
		lowest = math.Min(lowest, notes[e])
	}
	switch {
	case l == levelBelow && lowest >= 0.5:
		t.Errorf("%s: every engagement ≥ 50 (%v)", name, notes)
	case l > levelBelow && lowest < gridMinimum(l):
		t.Errorf("%s: an engagement below %v (%v)", name, gridMinimum(l), notes)
	case l == levelOr && notes[0] < 0.8:
		t.Errorf("%s: \"Or\" criteria at %v", name, notes[0])
	}
}

// TestCentralGrids checks the 75 % rule of §3.7.2 both ways.
func TestCentralGrids(t *testing.T) {
	p := newPools(5, newBlobStore())
	for _, pass := range []bool{true, false} {
		for variant := range poolVariants {
			a, err := p.centralGrid(pass, variant)
			if err != nil {
				t.Fatal(err)
			}
			v, n, err := centralShare(p.blobs.blobs[a.ref.key].Content)
			if err != nil {
				t.Fatal(err)
			}
			if got := 4*v >= 3*n; got != pass {
				t.Errorf("pass=%v variant %d: %d/%d validated", pass, variant, v, n)
			}
		}
	}
}

// TestMinimalPDF checks the piece placeholder is a well-formed PDF whose
// xref offsets point at its objects.
func TestMinimalPDF(t *testing.T) {
	pdf := minimalPDF("Plan d'actions (2026) – test")
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4\n")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
		t.Fatalf("not a PDF: %q", pdf)
	}
	for i := 1; i <= 5; i++ {
		if !bytes.Contains(pdf, []byte(fmt.Sprintf("%d 0 obj", i))) {
			t.Errorf("object %d missing", i)
		}
	}
	var xref int
	tail := pdf[bytes.LastIndex(pdf, []byte("startxref\n"))+len("startxref\n"):]
	if _, err := fmt.Sscanf(string(tail), "%d", &xref); err != nil || !bytes.HasPrefix(pdf[xref:], []byte("xref")) {
		t.Errorf("startxref %d does not point at the xref table", xref)
	}
	if !bytes.Contains(pdf, []byte(`\(2026\)`)) {
		t.Error("parentheses are not escaped")
	}
}
