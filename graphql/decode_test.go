package graphql

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestDecodeNodeReadsEveryChampType(t *testing.T) {
	d, number, err := decodeNode(json.RawMessage(dossierJSON(42)), t0)
	if err != nil {
		t.Fatalf("decodeNode: %v", err)
	}
	if number != 42 || d.Number != 42 || d.ID == "" {
		t.Fatalf("number = %d / %d, id %q", number, d.Number, d.ID)
	}
	byType := map[string]Champ{}
	for _, c := range d.Champs {
		byType[c.Typename] = c
	}
	paris := time.FixedZone("", 2*3600)
	tests := []struct {
		typename string
		check    func(Champ) bool
	}{
		{"TextChamp", func(c Champ) bool { return c.Text != nil && *c.Text == "Mairie" && c.StringValue == "Mairie" }},
		{"DropDownListChamp", func(c Champ) bool { return c.Text != nil && *c.Text == "local" }},
		{"CheckboxChamp", func(c Champ) bool { return c.Checked != nil && *c.Checked }},
		{"YesNoChamp", func(c Champ) bool { return c.Checked != nil && !*c.Checked }},
		{"DateChamp", func(c Champ) bool { return c.Date != nil && c.Date.Equal(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)) }},
		{"DatetimeChamp", func(c Champ) bool {
			return c.Datetime != nil && c.Datetime.Equal(time.Date(2026, 6, 15, 14, 30, 0, 0, paris))
		}},
		{"IntegerNumberChamp", func(c Champ) bool { return c.Integer != nil && *c.Integer == 85 }},
		{"DecimalNumberChamp", func(c Champ) bool { return c.Decimal != nil && *c.Decimal == 6.67 }},
		{"MultipleDropDownListChamp", func(c Champ) bool { return len(c.Values) == 2 && c.Values[1] == "téléphone" }},
		{"PieceJustificativeChamp", func(c Champ) bool {
			return len(c.Files) == 1 && c.Files[0].ByteSize == 2712286911 && c.Files[0].FetchedAt.Equal(t0) &&
				c.Files[0].VirusScanResult == VirusScanSafe && c.StringValue == ""
		}},
		{"AddressChamp", func(c Champ) bool { return c.Address != nil && c.Address.DepartmentCode == "57" }},
		{"DepartementChamp", func(c Champ) bool { return c.Departement != nil && c.Departement.Code == "57" }},
		{"RepetitionChamp", func(c Champ) bool {
			return len(c.Rows) == 1 && len(c.Rows[0].Champs) == 1 && *c.Rows[0].Champs[0].Text == "Annexe"
		}},
	}
	for _, tt := range tests {
		c, ok := byType[tt.typename]
		if !ok {
			t.Errorf("%s: missing", tt.typename)
			continue
		}
		if !tt.check(c) {
			t.Errorf("%s: unexpected values %+v", tt.typename, c)
		}
	}
	if a, ok := d.Annotation("Q2hhbXAtMjA="); !ok || a.Checked != nil {
		t.Errorf("blank yes/no annotation = %+v, %v; want present with nil Checked", a, ok)
	}
	if d.DatePassageEnInstruction.IsZero() != true || d.Demandeur.Siret != "21570463700019" || d.FetchedAt != t0 {
		t.Errorf("dossier fields: %+v", d)
	}
	if len(d.Messages) != 1 || d.Messages[0].CreatedAt.IsZero() || len(d.Traitements) != 1 {
		t.Errorf("messages/traitements: %+v %+v", d.Messages, d.Traitements)
	}
}

func TestDecodeNodeErrorsNameTheDossier(t *testing.T) {
	tests := []struct {
		name       string
		raw        string
		wantNumber int
	}{
		{"null node", `null`, 0},
		{"bad bigint", `{"number":7,"champs":[{"__typename":"IntegerNumberChamp","integerNumber":"x"}]}`, 7},
		{"bad date", `{"number":8,"dateDepot":"hier"}`, 8},
		{"bad file size", `{"number":9,"champs":[{"__typename":"PieceJustificativeChamp","files":[{"byteSizeBigInt":null}]}]}`, 9},
		{"wrong json type", `{"number":10,"archived":"yes"}`, 10},
		{"not json", `{"number":11,`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, number, err := decodeNode(json.RawMessage(tt.raw), t0)
			if err == nil {
				t.Fatal("no error")
			}
			if number != tt.wantNumber {
				t.Errorf("number = %d, want %d (err %v)", number, tt.wantNumber, err)
			}
			var de *DecodeError
			if tt.raw != "null" && !errors.As(err, &de) {
				t.Errorf("error %v is not a *DecodeError", err)
			}
		})
	}
}

func TestBigIntAcceptsStringsAndNumbers(t *testing.T) {
	tests := []struct {
		in    string
		want  int64
		valid bool
		err   bool
	}{
		{`"42"`, 42, true, false},
		{`42`, 42, true, false},
		{`"9007199254740993"`, 9007199254740993, true, false},
		{`null`, 0, false, false},
		{`"4.2"`, 0, false, true},
		{`"abc"`, 0, false, true},
	}
	for _, tt := range tests {
		var b bigInt
		err := json.Unmarshal([]byte(tt.in), &b)
		if (err != nil) != tt.err || b.v != tt.want || b.valid != tt.valid {
			t.Errorf("%s: got %+v, err %v", tt.in, b, err)
		}
	}
}
