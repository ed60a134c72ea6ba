package sandbox

import "testing"

func TestChampTypingDependsOnQueryText(t *testing.T) {
	h := newHarness(t)
	const base = `champs { __typename ... on DateChamp { date value } ... on CheckboxChamp { checked: value } ... on TextChamp { value } %s }`
	tests := []struct {
		name      string
		fragments string
		index     int
		wantType  string
		field     string
		want      any
	}{
		{"datetime as DateChamp", "", 2, "DateChamp", "value", "2026-03-02T14:30:00+01:00"},
		{"datetime as DateChamp date", "", 2, "DateChamp", "date", "2026-03-02"},
		{"datetime mentioned", "... on DatetimeChamp { datetime }", 2, "DatetimeChamp", "datetime", "2026-03-02T14:30:00+01:00"},
		{"yes_no as CheckboxChamp", "", 3, "CheckboxChamp", "checked", false},
		{"yes_no mentioned", "... on YesNoChamp { yn: value }", 3, "YesNoChamp", "yn", nil},
		{"drop down as TextChamp", "", 4, "TextChamp", "value", "Argent"},
		{"drop down mentioned", "... on DropDownListChamp { choice: value }", 4, "DropDownListChamp", "choice", "Argent"},
		{"address as TextChamp", "", 6, "TextChamp", "value", "1 place de la Mairie 57000 Metz"},
		{"address mentioned", "... on AddressChamp { address { label } }", 6, "AddressChamp", "__typename", "AddressChamp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := "{ dossier(number: 101) { " + sprintf(base, tt.fragments) + " } }"
			r := h.gql(q, nil)
			if len(r.errors()) > 0 {
				t.Fatalf("errors: %s", r.raw)
			}
			c := r.data("dossier", "champs", tt.index)
			if got := at(c, "__typename"); got != tt.wantType {
				t.Errorf("__typename = %v, want %s", got, tt.wantType)
			}
			if got := at(c, tt.field); got != tt.want {
				t.Errorf("%s = %#v, want %#v", tt.field, got, tt.want)
			}
		})
	}
}

func TestNamedFragmentCountsAsMention(t *testing.T) {
	h := newHarness(t)
	r := h.gql(`query { dossier(number: 101) { champs { ...D } annotations { ...D } } } fragment D on DatetimeChamp { datetime }`, nil)
	if got := r.data("dossier", "champs", 2, "datetime"); got != "2026-03-02T14:30:00+01:00" {
		t.Errorf("datetime = %v: %s", got, r.raw)
	}
}

func TestInfectedFilesAreHidden(t *testing.T) {
	h := newHarness(t)
	r := h.gql(`{ dossier(number: 101) { champs { ... on PieceJustificativeChamp { files { filename checksum byteSizeBigInt } } } } }`, nil)
	files, _ := r.data("dossier", "champs", 5, "files").([]any)
	if len(files) != 1 || at(files[0], "filename") != "enquete.csv" || at(files[0], "byteSizeBigInt") != "17" {
		t.Errorf("files = %s", jsonString(files))
	}
}
