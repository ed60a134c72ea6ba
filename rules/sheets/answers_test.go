package sheets

import (
	"testing"

	"github.com/spplus/spplus/rules"
)

// TestDecodeAnswer covers every spelling of a survey cell
// (ARCHITECTURE.md "Survey and grid files"; guide §3.4: 0, 0.25, 0.75, 1, NC).
func TestDecodeAnswer(t *testing.T) {
	dec, err := newAnswerDecoder(rules.DefaultQuestionnaires())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cell string
		want rules.Answer
		ok   bool
	}{
		{"", empty, true},                                  // no answer
		{"   ", empty, true},                               // spaces only: no answer
		{"0", pts(0), true},                                // §3.4 scale
		{"0.25", pts(1), true},                             // point decimal
		{"0,25", pts(1), true},                             // comma decimal (French spreadsheets)
		{"0.75", pts(3), true},                             //
		{"0,75", pts(3), true},                             //
		{"1", pts(4), true},                                //
		{"0.0", pts(0), true},                              // trailing zeros
		{"1.00", pts(4), true},                             //
		{"1,0", pts(4), true},                              //
		{" 1 ", pts(4), true},                              // trimmed
		{"\u00a00,25\u00a0", pts(1), true},                 // non-breaking spaces trimmed
		{".75", pts(3), true},                              // no leading zero
		{"0.250", pts(1), true},                            //
		{"NC", nc, true},                                   // NC label
		{"nc", nc, true},                                   // case
		{" Nc ", nc, true},                                 //
		{"NSP", nc, true},                                  //
		{"Non concerné / Ne se prononce pas", nc, true},    // the guide's wording
		{"non concerne/ne se prononce pas", nc, true},      // accents, spaces around /
		{"NON CONCERNÉ  /   NE SE PRONONCE PAS", nc, true}, //
		{"Non concerné /Ne se prononce pas", nc, true},     //
		{"Ne se prononce pas", nc, true},                   //
		{"Plutôt satisfait", pts(3), true},                 // answer label
		{"PLUTOT SATISFAIT", pts(3), true},                 // case and accents
		{"plutôt   satisfait", pts(3), true},               // repeated spaces
		{"Tout à fait satisfait", pts(4), true},            //
		{"Tout à fait d’accord", pts(4), true},             // typographic apostrophe
		{"Pas du tout d'accord", pts(0), true},             //
		{"Plutôt pas satisfait", pts(1), true},             //
		{"2", empty, false},                                // off the scale
		{"0.5", empty, false},                              // not a survey score
		{"0,5", empty, false},                              //
		{"1.5", empty, false},                              //
		{"-1", empty, false},                               // no sign
		{"+1", empty, false},                               //
		{"1e0", empty, false},                              // no exponent
		{"0.3", empty, false},                              //
		{"1000000000000", empty, false},                    // huge
		{"satisfait", empty, false},                        // unknown label
		{"0.25.1", empty, false},                           //
		{".", empty, false},                                //
	}
	for _, tt := range tests {
		for range 2 { // the second round hits the cache
			got, ok := dec.decode(tt.cell)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("decode(%q) = %+v, %v; want %+v, %v", tt.cell, got, ok, tt.want, tt.ok)
			}
		}
	}
}

// TestAnswerDecoderConfig refuses ambiguous configured labels
// (RULES.md: the labels are configuration).
func TestAnswerDecoderConfig(t *testing.T) {
	tests := []struct {
		name string
		q    rules.Questionnaires
		want string
	}{
		{"bad quarters", rules.Questionnaires{AnswerLabels: []rules.AnswerLabel{{Label: "Bof", Quarters: 2}}},
			`questionnaires: answer label "Bof": quarters 2, expected 0, 1, 3 or 4`},
		{"two meanings", rules.Questionnaires{AnswerLabels: []rules.AnswerLabel{{Label: "Oui", Quarters: 4}}, NCLabels: []string{"OUI"}},
			`questionnaires: label "OUI" is given two different meanings`},
		{"number", rules.Questionnaires{NCLabels: []string{"0,5"}},
			`questionnaires: label "0,5" reads as a number`},
		{"empty", rules.Questionnaires{NCLabels: []string{" "}},
			`questionnaires: empty answer or NC label`},
	}
	for _, tt := range tests {
		_, err := newAnswerDecoder(tt.q)
		if errText(err) != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, errText(err), tt.want)
		}
	}
}

// TestAnswerCacheBounded checks the cache of spellings stays bounded.
func TestAnswerCacheBounded(t *testing.T) {
	dec, err := newAnswerDecoder(rules.DefaultQuestionnaires())
	if err != nil {
		t.Fatal(err)
	}
	pad := ""
	for i := 0; i < maxCached+100; i++ {
		pad += " "
		if _, ok := dec.decode(pad + "1"); !ok {
			t.Fatalf("decode(%q) failed", pad+"1")
		}
	}
	if len(dec.cache) > maxCached {
		t.Errorf("cache holds %d spellings, bound %d", len(dec.cache), maxCached)
	}
}

// TestParseBool covers the "complete" and "validated" cells
// (ARCHITECTURE.md: oui/non, 1/0, true/false, ignoring case and accents).
func TestParseBool(t *testing.T) {
	tests := []struct {
		cell      string
		value, ok bool
	}{
		{"oui", true, true}, {"OUI", true, true}, {" Oui ", true, true}, {"1", true, true},
		{"true", true, true}, {"TRUE", true, true}, {"Vrai", true, true}, {"vrAI", true, true},
		{"non", false, true}, {"NON", false, true}, {"0", false, true}, {"false", false, true},
		{"FAUX", false, true}, {"fAlse", false, true}, {"ouï", true, true},
		{"", false, false}, {"peut-être", false, false}, {"yes", false, false}, {"2", false, false},
	}
	for _, tt := range tests {
		v, ok := parseBool(tt.cell)
		if v != tt.value || ok != tt.ok {
			t.Errorf("parseBool(%q) = %v, %v; want %v, %v", tt.cell, v, ok, tt.value, tt.ok)
		}
	}
}

// TestFold checks the matching key of labels and headers.
func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"E1_1", "e1_1"},
		{"  Complète ", "complete"},
		{"Non concerné  /  Ne se prononce pas", "non concerne/ne se prononce pas"},
		{"Tout\u00a0à fait d’accord", "tout a fait d'accord"},
		{"\ufeffquestion", "question"},
		{"ÉLÈVE", "eleve"},
		{"a / b / c", "a/b/c"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShortTable checks the usual spellings take the fast path, so the
// benchmark measures what real files cost.
func TestShortTable(t *testing.T) {
	dec, err := newAnswerDecoder(rules.DefaultQuestionnaires())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"0", "1", "0,25", "0.25", "0,75", "0.75", "NC"} {
		if _, ok := dec.exact(s); !ok {
			t.Errorf("%q misses the short table", s)
		}
	}
	for _, s := range []string{"2", "0;25", "0,5", "nc", "N", "10"} {
		if _, ok := dec.exact(s); ok {
			t.Errorf("%q hits the short table", s)
		}
	}
}
