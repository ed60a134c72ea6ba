package attestation

import (
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

func TestValidUntil(t *testing.T) {
	tests := []struct {
		name     string
		decision rules.Date
		want     rules.Date
	}{
		// §2.3: valid three years from the decision; label_expires is
		// decision + 3 years, so the last valid day is the day before.
		{"ordinary day", rules.NewDate(2026, 7, 1), rules.NewDate(2029, 6, 30)},
		{"first of January", rules.NewDate(2026, 1, 1), rules.NewDate(2028, 12, 31)},
		{"end of month", rules.NewDate(2026, 3, 31), rules.NewDate(2029, 3, 30)},
		// D4: 29 February + 36 months clamps to 28 February.
		{"leap day", rules.NewDate(2028, 2, 29), rules.NewDate(2031, 2, 27)},
		{"day after a leap day", rules.NewDate(2028, 3, 1), rules.NewDate(2031, 2, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidUntil(tt.decision); got != tt.want {
				t.Errorf("ValidUntil(%s) = %s, want %s", tt.decision, got, tt.want)
			}
		})
	}
}

func TestRef(t *testing.T) {
	a := localFixture()
	if got := a.Ref(); got != "SP+-1-12-2026" {
		t.Errorf("default reference = %q", got)
	}
	a.Reference = "  AFNOR-2026-0042 "
	if got := a.Ref(); got != "AFNOR-2026-0042" {
		t.Errorf("given reference = %q", got)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Attestation)
		want   string // "" for valid
	}{
		{"local is valid", func(*Attestation) {}, ""},
		{"central is valid", func(a *Attestation) { *a = centralFixture(2) }, ""},
		{"no sites is valid", func(a *Attestation) { a.Sites = nil }, ""},
		{"blank name", func(a *Attestation) { a.ServiceName = " \t" }, "service name: expected"},
		{"level none", func(a *Attestation) { a.Level = rules.LevelNone }, `level: expected bronze, argent or or, got "none"`},
		{"level unknown", func(a *Attestation) { a.Level = "gold" }, `got "gold"`},
		{"no decision date", func(a *Attestation) { a.DecisionDate = rules.Date{} }, "decision date"},
		{"no body", func(a *Attestation) { a.CertificationBody = "" }, "certification body"},
		{"no dossier", func(a *Attestation) { a.Dossier = 0 }, "dossier: expected positive"},
		{"negative démarche", func(a *Attestation) { a.Demarche = -1 }, "démarche -1"},
		{"invalid UTF-8 is printed as ?", func(a *Attestation) { a.ServiceName = "Mairie \xff" }, ""},
		{"long reference", func(a *Attestation) { a.Reference = strings.Repeat("R", 41) }, "reference: expected at most 40"},
		{"central without locals", func(a *Attestation) { a.Central = true }, "got none"},
		{"local not labelled", func(a *Attestation) {
			*a = centralFixture(2)
			a.Locals[1].Level = rules.LevelNone
		}, `locals[1] "Service des impôts des particuliers n° 2": level`},
		{"local without name", func(a *Attestation) { *a = centralFixture(1); a.Locals[0].Name = "" }, "locals[0]: expected the local service's name"},
		{"local year", func(a *Attestation) { *a = centralFixture(1); a.Locals[0].Year = -2026 }, "year: expected a year"},
		{"locals of a local service are ignored", func(a *Attestation) { a.Locals = []Local{{}} }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := localFixture()
			tt.change(&a)
			err := a.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestValidateJoinsEveryProblem(t *testing.T) {
	err := Attestation{}.Validate()
	for _, want := range []string{"service name", "level", "decision date", "certification body", "dossier"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to name %q", err, want)
		}
	}
}
