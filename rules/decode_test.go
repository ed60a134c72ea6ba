package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecodeCandidacyExample(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "candidacy_local.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, files, err := DecodeCandidacy(f)
	if err != nil {
		t.Fatal(err)
	}
	if c.Service != ServiceLocal || c.Audit != AuditInitial || c.AuditDate != md("2026-06-15") ||
		!c.Pieces.IndicatorsList || c.UsersSurvey.Solicited != 1500 || c.AgentsSurvey.Headcount != 85 ||
		!c.LastRefusalDate.IsZero() {
		t.Errorf("decoded %+v", c)
	}
	want := CandidacyFiles{UsersSurvey: "users.csv", AgentsSurvey: "agents.csv", AuditGrid: "grid.csv"}
	if files != want || len(files.All()) != 3 {
		t.Errorf("files = %+v", files)
	}
}

func TestDecodeCandidacyFullAndCentral(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "candidacy_full.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := DecodeCandidacy(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if c.Departement != "57" || c.Followup.InitialAuditDate != md("2024-12-01") ||
		len(c.Followup.SelfDiagnosticDates) != 2 || len(c.Followup.AgentsSurveyDates) != 0 ||
		c.UsersSurvey.DeclaredScore.String() != "74.31" || c.AuditEndDate != md("2026-06-16") {
		t.Errorf("decoded %+v", c)
	}
	b, err = os.ReadFile(filepath.Join("testdata", "candidacy_central.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, files, err := DecodeCandidacy(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if c.Service != ServiceCentral || c.Central.LocalServices != 100 || len(c.Central.Locals) != 3 ||
		c.Central.Locals[0].Level != LevelArgent || c.Central.Locals[1].Level != LevelUnknown ||
		files.CentralGrid != "central.csv" {
		t.Errorf("decoded %+v / %+v", c.Central, files)
	}
}

// TestDecodeCandidacyErrors: strict about types, errors name the key and
// what was expected; missing keys are fine.
func TestDecodeCandidacyErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = no error
	}{
		{`{}`, ""},
		{`{"audit_date":null}`, ""},
		{`{"audit_date":"15/06/2026"}`, `candidacy: key "audit_date": expected a date YYYY-MM-DD, got "15/06/2026"`},
		{`{"audit_date":20260615}`, `key "audit_date": expected a date YYYY-MM-DD, got 20260615`},
		{`{"audit_date":"2026-02-30"}`, `no such day`},
		{`{"service":"regional"}`, `key "service": expected "local" or "central", got "regional"`},
		{`{"audit":"suivi"}`, `key "audit": expected "initial" or "followup" or "renewal"`},
		{`{"pieces":{"organigram":"yes"}}`, `key "pieces.organigram": expected true or false, got "yes"`},
		{`{"pieces":[]}`, `key "pieces": expected an object`},
		{`{"pieces":{"organigramme":true}}`, `key "pieces.organigramme": unknown key`},
		{`{"audit_dat":"2026-06-15"}`, `key "audit_dat": unknown key`},
		{`{"users_survey":{"solicited":"1500"}}`, `key "users_survey.solicited": expected a whole number, got "1500"`},
		{`{"users_survey":{"solicited":1500.5}}`, `key "users_survey.solicited": expected a whole number from 0`},
		{`{"users_survey":{"solicited":-1}}`, `key "users_survey.solicited": expected a whole number from 0`},
		{`{"users_survey":{"headcount":10}}`, `key "users_survey.headcount": unknown key`},
		{`{"users_survey":{"declared_score":"74,3"}}`, `key "users_survey.declared_score": expected a number`},
		{`{"users_survey":{"declared_score":1e999}}`, `key "users_survey.declared_score": expected a decimal number`},
		{`{"users_survey":{"file":3}}`, `key "users_survey.file": expected a string, got 3`},
		{`{"departement":"99"}`, `key "departement": expected a département code`},
		{`{"departement":" 2a"}`, ""},
		{`{"self_diagnostic_dates":["2025-01-01","x"]}`, `key "self_diagnostic_dates[1]": expected a date`},
		{`{"self_diagnostic_dates":"2025-01-01"}`, `key "self_diagnostic_dates": expected an array`},
		{`{"locals":[{"name":"A","level":"gold"}]}`, `key "locals[0].level": expected "none" or "bronze" or "argent" or "or", got "gold"`},
		{`{"locals":[{"name":"A","extra":1}]}`, `key "locals[0].extra": unknown key`},
		{`{"locals":[3]}`, `key "locals[0]": expected an object, got 3`},
		{`{"local_services":-5}`, `key "local_services": expected a whole number`},
		{`[]`, `candidacy: expected a JSON object, got []`},
		{`null`, `candidacy: expected a JSON object`},
		{`{} {}`, `found data after it`},
		{`{"audit_date":`, `candidacy: invalid JSON`},
		{``, `candidacy: invalid JSON`},
	}
	for _, tt := range tests {
		_, _, err := DecodeCandidacy(strings.NewReader(tt.in))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.in, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestDecodedCandidacyEvaluates: a missing input is a finding, never a crash.
func TestDecodedCandidacyEvaluates(t *testing.T) {
	c, _, err := DecodeCandidacy(strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	v := Evaluate(c, DefaultSettings())
	if v.Complete || !v.Has(AuditDateMissing) || !v.Has(MissingUsersSurvey) || v.Level != LevelUnknown {
		t.Errorf("empty candidacy: %v", ruleIDs(v))
	}
}

// FuzzDecodeCandidacy: decoding (and evaluating) outside JSON never panics.
func FuzzDecodeCandidacy(f *testing.F) {
	for _, name := range []string{"candidacy_local.json", "candidacy_full.json", "candidacy_central.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"audit_date":"2026-02-29","locals":[{}],"users_survey":{"declared_score":1e99}}`))
	f.Add([]byte(`{"self_diagnostic_dates":[null,"0001-01-01"],"departement":"978"}`))
	f.Add([]byte(`[1,2,{"a":`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, files, err := DecodeCandidacy(bytes.NewReader(b))
		if err != nil {
			if c.AuditDate != (Date{}) || files != (CandidacyFiles{}) {
				t.Errorf("error %v but a candidacy came back", err)
			}
			return
		}
		Evaluate(c, DefaultSettings())
	})
}
