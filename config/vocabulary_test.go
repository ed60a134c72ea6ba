package config

import (
	"slices"
	"testing"
)

func TestVocabularyConsistent(t *testing.T) {
	for name, specs := range map[string][]FieldSpec{"Fields": Fields(), "Annotations": Annotations()} {
		keys, labels := map[string]bool{}, map[string]bool{}
		for _, s := range specs {
			if keys[s.Key] || labels[NormalizeLabel(s.Label)] {
				t.Errorf("%s: %q or its label %q is listed twice", name, s.Key, s.Label)
			}
			keys[s.Key], labels[NormalizeLabel(s.Label)] = true, true
			if s.Kind == "" || s.Label == "" {
				t.Errorf("%s: %q lacks a kind or a label", name, s.Key)
			}
			if s.Parent != "" {
				if p, ok := specByKey(specs, s.Parent); !ok || p.Kind != KindRepetition {
					t.Errorf("%s: %q has parent %q, which is not a repetition", name, s.Key, s.Parent)
				}
			}
		}
	}
	if len(Fields()) != 46 || len(Annotations()) != 9 {
		t.Errorf("got %d fields and %d annotations, want 46 and 9", len(Fields()), len(Annotations()))
	}
}

func TestVocabularyIsACopy(t *testing.T) {
	f := Fields()
	f[0].Key = "changed"
	if Fields()[0].Key != FieldService {
		t.Error("Fields() returned shared state")
	}
}

func TestLookups(t *testing.T) {
	tests := []struct {
		label string
		want  string
	}{
		{"Type de service", FieldService},
		{"TYPE D’AUDIT", FieldAudit},
		{"date de l'audit", FieldAuditDate},
		{"Date de clôture de l'enquête  agents", FieldAgentsSurveyCloseDate},
		{"Nombre d'agents concernes", FieldAgentsHeadcount},
		{"Niveau obtenu", FieldLocalLevel},
		{"Le service a-t-il déjà été labellisé ?", FieldAlreadyLabelled},
	}
	for _, tt := range tests {
		got, ok := FieldByLabel(tt.label)
		if !ok || got.Key != tt.want {
			t.Errorf("FieldByLabel(%q) = %q, %v; want %q", tt.label, got.Key, ok, tt.want)
		}
	}
	if _, ok := FieldByLabel("Adresse"); ok {
		t.Error("FieldByLabel(Adresse) matched")
	}
	if a, ok := AnnotationByLabel("dossier COMPLET"); !ok || a.Kind != KindCheckbox {
		t.Errorf("AnnotationByLabel = %+v, %v", a, ok)
	}
	if f, ok := FieldByKey(FieldLocalName); !ok || f.Parent != FieldLocals {
		t.Errorf("FieldByKey(local_name) = %+v, %v", f, ok)
	}
	if _, ok := AnnotationByKey("nope"); ok {
		t.Error("AnnotationByKey(nope) found")
	}
	if !slices.Contains(specKeys(Annotations()), AnnotationProposedDecision) {
		t.Error("proposed_decision missing")
	}
}

func TestNormalizeLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Date de l’audit", "date de l'audit"},
		{"  DATE   de L‘AUDIT ", "date de l'audit"},
		{"Résultats de l'enquête", "resultats de l'enquete"},
		{"Méthode d\u02bcéchantillonnage", "methode d'echantillonnage"},
		{"Date\u00a0de\u202fclôture", "date de cloture"},
		{"Nom\t\ndu service", "nom du service"},
		{"Œuvre – Cœur", "oeuvre - coeur"},
		{"É", "e"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := NormalizeLabel(tt.in); got != tt.want {
			t.Errorf("NormalizeLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
