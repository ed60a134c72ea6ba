package attestation

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

func TestRenderText(t *testing.T) {
	withCentral := localFixture()
	withCentral.CentralService = "Direction générale des finances publiques"
	tests := []struct {
		name  string
		a     Attestation
		pages int
		want  []string // on the first page
	}{
		{"local", localFixture(), 1, []string{
			"Attestation de labellisation Services Publics +",
			"Service public local",
			"Caisse d'allocations familiales de la Moselle",
			"a obtenu le label « Services Publics + » au palier Argent",
			"Date de la décision 01/07/2026",
			"du 01/07/2026 au 30/06/2029 inclus",
			"Organisme de certification AFNOR Certification",
			"Sites couverts • Metz, 4 rue du Pont • Thionville, 1 place de la Gare",
			"n° 12 de la démarche n° 1",
			"Référence SP+-1-12-2026",
			"présidée par la DITP", "règlement d'usage",
			"Page 1 / 1",
		}},
		{"local under a central service", withCentral, 1, []string{
			"Démarche portée par Direction générale des finances publiques (service public central)",
		}},
		{"local without sites", func() Attestation { a := localFixture(); a.Sites = nil; return a }(), 1, []string{
			"Site couvert le site du service public désigné ci-dessus",
		}},
		{"long reference", func() Attestation { a := localFixture(); a.Reference = strings.Repeat("W", 40); return a }(), 1, []string{
			"Réf. " + strings.Repeat("W", 40) + " Attestation de labellisation",
			"Référence WWWW",
			strings.Repeat("W", 40) + " — dossier n° 12 Page 1 / 1",
		}},
		{"central", centralFixture(3), 1, []string{
			"Service public central",
			"Services publics locaux labellisés (3)",
			"Service public local Palier Année",
			"Service des impôts des particuliers n° 1 Bronze 2024",
			"Service des impôts des particuliers n° 3 Or 2026",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := pdfText(t, render(t, tt.a, strings.ReplaceAll(tt.name, " ", "-")))
			if len(pages) != tt.pages {
				t.Fatalf("%d pages, want %d", len(pages), tt.pages)
			}
			for _, w := range tt.want {
				if !strings.Contains(pages[0], w) {
					t.Errorf("page 1 lacks %q:\n%s", w, pages[0])
				}
			}
		})
	}
}

// TestRenderCentralManyLocals lists 60 local services over several pages:
// every one is printed once, the column heads repeat on each page, and the
// closing is on the last page.
func TestRenderCentralManyLocals(t *testing.T) {
	a := centralFixture(60)
	pages := pdfText(t, render(t, a, "central-60"))
	if len(pages) < 3 {
		t.Fatalf("%d pages, want at least 3 for 60 local services", len(pages))
	}
	all := strings.Join(pages, " ")
	for i, l := range a.Locals {
		row := fmt.Sprintf("%s %s %d ", l.Name, l.Level.French(), l.Year)
		if n := strings.Count(all, row); n != 1 {
			t.Errorf("local %d %q printed %d times", i+1, row, n)
		}
	}
	for i, p := range pages {
		if !strings.Contains(p, "Service public local Palier Année") && i < len(pages)-1 {
			t.Errorf("page %d has no column heads", i+1)
		}
		if want := fmt.Sprintf("Page %d / %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if i > 0 && !strings.Contains(p, "(suite)") {
			t.Errorf("page %d does not say it continues the attestation", i+1)
		}
	}
	if last := pages[len(pages)-1]; !strings.Contains(last, "Fait le 01/07/2026") {
		t.Errorf("last page lacks the closing: %s", last)
	}
}

// TestRenderAccents checks that French letters and guillemets survive the
// Windows-1252 fonts, and what becomes of runes outside it.
func TestRenderAccents(t *testing.T) {
	a := localFixture()
	a.ServiceName = "Œuvre « sociale » : élève, à, ç, ù, ê, ï, ÿ, Ÿ, æ, € — Łódź ő 日本"
	pages := pdfText(t, render(t, a, "accents"))
	want := "Œuvre « sociale » : élève, à, ç, ù, ê, ï, ÿ, Ÿ, æ, € — Lódz o ??"
	if !strings.Contains(pages[0], want) {
		t.Errorf("page 1 lacks %q:\n%s", want, pages[0])
	}
}

// TestRenderHostile renders names that try to break the PDF syntax or the
// layout: parentheses and backslashes (PDF string delimiters), control
// characters, a very long name without spaces.
func TestRenderHostile(t *testing.T) {
	long := strings.Repeat(`A(b)\c`, 400)
	tests := []struct {
		name, service, want string
	}{
		{"pdf string delimiters", `Mairie (annexe) \ service) ( \\ \(`, `Mairie (annexe) \ service) ( \\ \(`},
		{"control characters", "Mairie\x00 de\r\nMetz\t\x1b[31m\u202e", "Mairie de Metz [31m"},
		{"very long", long, strings.Repeat(`A(b)\c`, 10)},
		{"unbalanced", `))))((((\\\\`, `))))((((\\\\`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := centralFixture(2)
			a.ServiceName, a.CertificationBody = tt.service, tt.service
			a.Sites = []string{tt.service}
			a.Locals[0].Name = tt.service
			pdf := render(t, a, "hostile-"+strings.ReplaceAll(tt.name, " ", "-"))
			all := strings.Join(pdfText(t, pdf), " ")
			if !strings.Contains(all, tt.want) {
				t.Errorf("text lacks %q:\n%s", tt.want, all)
			}
			if !strings.Contains(all, "Fait le 01/07/2026") {
				t.Errorf("the closing is missing: the layout broke")
			}
		})
	}
}

func TestRenderDeterministic(t *testing.T) {
	for _, a := range []Attestation{localFixture(), centralFixture(60)} {
		var one, two bytes.Buffer
		if err := Render(a, &one); err != nil {
			t.Fatal(err)
		}
		if err := Render(a, &two); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one.Bytes(), two.Bytes()) {
			t.Errorf("dossier %d: two renders differ", a.Dossier)
		}
		if !bytes.Contains(one.Bytes(), []byte("/CreationDate (D:20260701")) {
			t.Errorf("dossier %d: the creation date is not the decision date", a.Dossier)
		}
	}
}

func TestRenderRefusesInvalid(t *testing.T) {
	a := localFixture()
	a.Level = rules.LevelNone
	var buf bytes.Buffer
	err := Render(a, &buf)
	if err == nil || !strings.Contains(err.Error(), "level") {
		t.Fatalf("err = %v, want a level error", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written for an invalid attestation", buf.Len())
	}
}

func BenchmarkRenderCentral60(b *testing.B) {
	a := centralFixture(60)
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(a, &buf); err != nil {
			b.Fatal(err)
		}
	}
}
