package sandbox

import (
	"testing"
	"time"
)

func champID(stable int) string { return typedID("Champ", stable) }

func TestModifierAnnotations(t *testing.T) {
	tests := []struct {
		name      string
		id        string
		value     map[string]any
		wantErr   string
		field     string
		wantValue any
	}{
		{"text", champID(50), map[string]any{"text": "Label Or"}, "", "value", "Label Or"},
		{"checkbox", champID(51), map[string]any{"checkbox": true}, "", "value", true},
		{"date", champID(52), map[string]any{"date": "2026-03-01"}, "", "date", "2026-03-01"},
		{"datetime", champID(53), map[string]any{"datetime": "2026-03-01T10:00:00Z"}, "", "datetime", "2026-03-01T11:00:00+01:00"},
		{"integer is a BigInt string", champID(54), map[string]any{"integerNumber": 42}, "", "value", "42"},
		{"decimal", champID(55), map[string]any{"decimalNumber": 81.25}, "", "value", 81.25},
		{"drop down", champID(56), map[string]any{"dropDownList": "Or"}, "", "value", "Or"},
		{"yes no", champID(57), map[string]any{"yesNo": false}, "", "value", false},
		{"multiple", champID(58), map[string]any{"multipleDropDownList": []any{"A", "B"}}, "", "stringValue", "A, B"},
		{"wrong type", champID(50), map[string]any{"checkbox": true}, "L‘annotation \"" + champID(50) + "\" n’est pas de type attendu", "", nil},
		{"unknown", champID(999), map[string]any{"text": "x"}, "L‘annotation \"" + champID(999) + "\" n’existe pas", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.clock.Advance(time.Hour)
			p, r := h.mutate("Bearer sandbox-token", "dossierModifierAnnotations", map[string]any{
				"dossierId": d101, "instructeurId": i1,
				"annotations": []any{map[string]any{"id": tt.id, "value": tt.value}},
			}, "annotations { id __typename stringValue ... on TextChamp { value } ... on CheckboxChamp { value } ... on DateChamp { date } ... on DatetimeChamp { datetime } ... on IntegerNumberChamp { n: value } ... on DecimalNumberChamp { d: value } ... on DropDownListChamp { value } ... on YesNoChamp { value } }")
			if payloadError(p) != tt.wantErr {
				t.Fatalf("error = %q, want %q: %s", payloadError(p), tt.wantErr, r.raw)
			}
			raw := h.raw(101)
			if tt.wantErr != "" {
				if jsonString(p["annotations"]) != "[]" || raw["dateDerniereModificationAnnotations"] == formatDSTime(h.clock.Now()) {
					t.Errorf("refused annotation: annotations %s, bumped %v", jsonString(p["annotations"]), raw["dateDerniereModificationAnnotations"])
				}
				return
			}
			a := at(p, "annotations", 0)
			key := tt.field
			switch tt.name {
			case "integer is a BigInt string":
				key = "n"
			case "decimal":
				key = "d"
			}
			if got := at(a, key); jsonString(got) != jsonString(tt.wantValue) {
				t.Errorf("%s = %v, want %v (%s)", key, got, tt.wantValue, jsonString(a))
			}
			now := formatDSTime(h.clock.Now())
			if raw["dateDerniereModificationAnnotations"] != now || raw["dateDerniereModification"] != now {
				t.Errorf("annotation write must bump both dates")
			}
		})
	}
}

func TestModifierAnnotationsPartialSuccessAndRepetition(t *testing.T) {
	h := newHarness(t)
	p, r := h.mutate("Bearer sandbox-token", "dossierModifierAnnotations", map[string]any{
		"dossierId": d101, "instructeurId": i1,
		"annotations": []any{
			map[string]any{"id": champID(50), "value": map[string]any{"text": "ok"}},
			map[string]any{"id": champID(51), "value": map[string]any{"text": "wrong"}},
			map[string]any{"id": champID(59), "value": map[string]any{"repetition": 2}},
		},
	}, "annotations { id ... on RepetitionChamp { rows { id champs { id label } } } }")
	if len(at(p, "annotations").([]any)) != 2 || len(p["errors"].([]any)) != 1 {
		t.Fatalf("partial success: %s", r.raw)
	}
	rows, _ := at(p, "annotations", 1, "rows").([]any)
	if len(rows) != 2 || at(rows[0], "champs", 0, "label") != "Événement" {
		t.Errorf("rows = %s", jsonString(rows))
	}
}

func TestLegacyAnnotationMutations(t *testing.T) {
	h := newHarness(t)
	p, r := h.mutate("Bearer sandbox-token", "dossierModifierAnnotationText", map[string]any{
		"dossierId": d101, "instructeurId": i1, "annotationId": champID(50), "value": "Décision"}, "annotation { id stringValue }")
	if at(p, "annotation", "stringValue") != "Décision" {
		t.Errorf("text: %s", r.raw)
	}
	p, _ = h.mutate("Bearer sandbox-token", "dossierModifierAnnotationCheckbox", map[string]any{
		"dossierId": d101, "instructeurId": i1, "annotationId": champID(50), "value": true}, "annotation { id }")
	if payloadError(p) != "L’annotation \""+champID(50)+"\" n’existe pas" {
		t.Errorf("checkbox on a text annotation: %v", p)
	}
	p, _ = h.mutate("Bearer sandbox-token", "dossierModifierAnnotationIntegerNumber", map[string]any{
		"dossierId": d104, "instructeurId": i1, "annotationId": champID(54), "value": 3}, "annotation { id }")
	if payloadError(p) != errNoAccess {
		t.Errorf("wrong group: %v", p)
	}
}
