package attestation

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

func localRecord() Record {
	return Record{Demarche: 1, Dossier: 12, ServiceName: "Caisse d'allocations familiales de la Moselle",
		GroupeInstructeur: "AFNOR Certification", Level: "argent", DecisionDate: rules.NewDate(2026, 7, 1),
		Sites: []string{"Metz, 4 rue du Pont", "Thionville, 1 place de la Gare"}}
}

func TestFromRecordLocal(t *testing.T) {
	tests := []struct {
		name      string
		candidacy string
	}{
		{"no candidacy", ""},
		{"null", "null"},
		{"evaluate spelling", `{"service":"local","audit":"initial"}`},
		{"Go spelling", `{"Service":"local","Central":{"LocalServices":0,"Locals":null}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := localRecord()
			r.Candidacy = []byte(tt.candidacy)
			got, err := FromRecord(r)
			if err != nil {
				t.Fatal(err)
			}
			if want := localFixture(); !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestFromRecordCentral(t *testing.T) {
	want := []Local{{Name: "SIP Metz", Level: rules.LevelOr, Year: 2026}, {Name: "SIP Nancy", Level: rules.LevelBronze, Year: 2025}}
	tests := []struct {
		name      string
		candidacy string
	}{
		// Go's default encoding of rules.Candidacy (Level marshals to null
		// when undecided).
		{"Go spelling", `{"Service":"central","Central":{"LocalServices":4,"Locals":[
			{"Name":"SIP Metz","AuditedYear":2026,"Level":"or","SelfDiagnosticDate":"2026-01-10"},
			{"Name":"SIP Thionville","AuditedYear":2026,"Level":"none","SelfDiagnosticDate":null},
			{"Name":"SIP Nancy","AuditedYear":2025,"Level":"bronze","SelfDiagnosticDate":null},
			{"Name":"SIP Épinal","AuditedYear":0,"Level":null,"SelfDiagnosticDate":null}],"Grid":{}}}`},
		// The candidacy JSON of the evaluate command.
		{"evaluate spelling", `{"service":"central","local_services":4,"locals":[
			{"name":"SIP Metz","audited_year":2026,"level":"or"},
			{"name":"SIP Thionville","audited_year":2026,"level":"none"},
			{"name":"SIP Nancy","audited_year":2025,"level":"bronze"},
			{"name":"SIP Épinal"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := localRecord()
			r.Sites, r.Candidacy = nil, []byte(tt.candidacy)
			got, err := FromRecord(r)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Central || !reflect.DeepEqual(got.Locals, want) {
				t.Errorf("central %t, locals %+v, want %+v", got.Central, got.Locals, want)
			}
		})
	}
}

func TestFromRecordLevelFromVerdict(t *testing.T) {
	r := localRecord()
	r.Level, r.Verdict = "", []byte(`{"complete":true,"findings":[],"level":"or"}`)
	a, err := FromRecord(r)
	if err != nil || a.Level != rules.LevelOr {
		t.Errorf("level %q, err %v; want or", a.Level, err)
	}
}

func TestFromRecordErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Record)
		want   string
	}{
		{"not labelled", func(r *Record) { r.Level = "none" }, `dossier 12: level "none": no attestation, the service is not labelled`},
		{"undecided", func(r *Record) { r.Level = "" }, `level "": no attestation`},
		{"undecided verdict", func(r *Record) { r.Level, r.Verdict = "", []byte(`{"level":null}`) }, `level "": no attestation`},
		{"broken verdict", func(r *Record) { r.Level, r.Verdict = "", []byte(`[`) }, "stored verdict"},
		{"broken candidacy", func(r *Record) { r.Candidacy = []byte(`{"service":`) }, "dossier 12: stored candidacy"},
		{"unknown service", func(r *Record) { r.Candidacy = []byte(`{"service":"regional"}`) }, `service: expected local or central, got "regional"`},
		{"bad local level", func(r *Record) { r.Candidacy = []byte(`{"service":"central","locals":[{"name":"L","level":"gold"}]}`) }, `locals[0]: level: expected none, bronze, argent or or, got "gold"`},
		{"central with no labelled local", func(r *Record) { r.Candidacy = []byte(`{"service":"central","locals":[{"name":"L","level":"none"}]}`) }, "got none"},
		{"no service name", func(r *Record) { r.ServiceName = "" }, "service name"},
		{"no decision date", func(r *Record) { r.DecisionDate = rules.Date{} }, "decision date"},
		{"no groupe instructeur", func(r *Record) { r.GroupeInstructeur = "" }, "certification body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := localRecord()
			tt.change(&r)
			_, err := FromRecord(r)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLocalsOf(t *testing.T) {
	c := rules.Candidacy{Service: rules.ServiceCentral, Central: rules.CentralInputs{Locals: []rules.LocalService{
		{Name: "A", AuditedYear: 2026, Level: rules.LevelArgent},
		{Name: "B", AuditedYear: 2026, Level: rules.LevelNone},
		{Name: "C", Level: rules.LevelUnknown},
		{Name: "D", AuditedYear: 2025, Level: rules.LevelOr},
	}}}
	want := []Local{{Name: "A", Level: rules.LevelArgent, Year: 2026}, {Name: "D", Level: rules.LevelOr, Year: 2025}}
	if got := LocalsOf(c); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
