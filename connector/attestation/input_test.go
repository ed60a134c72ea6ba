package attestation

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// docExample is the JSON document of the package doc.
const docExample = `{
  "service_name": "Caisse d'allocations familiales de la Moselle",
  "sites": ["Metz, 4 rue du Pont", "Thionville, 1 place de la Gare"],
  "level": "argent",
  "decision_date": "2026-07-01",
  "certification_body": "AFNOR Certification",
  "demarche": 1,
  "dossier": 12,
  "central": false,
  "central_service": "",
  "locals": [{"name": "CAF de Metz", "level": "or", "year": 2026}],
  "reference": ""
}`

func TestDecodeInput(t *testing.T) {
	got, err := DecodeInput(strings.NewReader(docExample))
	if err != nil {
		t.Fatal(err)
	}
	want := localFixture()
	want.Locals = []Local{{Name: "CAF de Metz", Level: rules.LevelOr, Year: 2026}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestDecodeInputCentral(t *testing.T) {
	in := `{"service_name":"DGFiP","level":"or","decision_date":"2026-12-15","certification_body":"Bureau Veritas Certification",
	"demarche":3,"dossier":7,"central":true,"locals":[{"name":"SIP Metz","level":"or","year":2026},{"name":"SIP Nancy","level":"bronze"}]}`
	a, err := DecodeInput(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if !a.Central || len(a.Locals) != 2 || a.Locals[1].Year != 0 || a.Ref() != "SP+-3-7-2026" {
		t.Errorf("got %+v", a)
	}
}

func TestDecodeInputErrors(t *testing.T) {
	valid := `"service_name":"S","level":"or","decision_date":"2026-07-01","certification_body":"B","demarche":1,"dossier":2`
	tests := []struct {
		name, in, want string
	}{
		{"empty", ``, "expected a JSON object, got nothing"},
		{"not an object", `[1]`, "attestation input"},
		{"syntax", `{"service_name":`, "attestation input"},
		{"unknown key", `{` + valid + `,"palier":"or"}`, `unknown field "palier"`},
		{"wrong type", `{"service_name":"S","dossier":"12"}`, `key "dossier": expected int`},
		{"bad date", `{"service_name":"S","decision_date":"01/07/2026"}`, `key "decision_date": expected a date YYYY-MM-DD, got "01/07/2026"`},
		{"no such day", `{"decision_date":"2026-02-30"}`, "no such day"},
		{"missing level", `{"service_name":"S","decision_date":"2026-07-01","certification_body":"B","demarche":1,"dossier":2}`, `level: expected bronze, argent or or, got ""`},
		{"level none", `{` + valid[:strings.Index(valid, `"level"`)] + `"level":"none","decision_date":"2026-07-01","certification_body":"B","demarche":1,"dossier":2}`, `got "none"`},
		{"two objects", `{` + valid + `} {}`, "found data after it"},
		{"central without locals", `{` + valid + `,"central":true}`, "got none"},
		{"bad local level", `{` + valid + `,"central":true,"locals":[{"name":"L","level":"platine","year":2026}]}`, `locals[0] "L": level`},
		{"too large", `{"service_name":"` + strings.Repeat("a", maxInputBytes) + `"}`, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeInput(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
