package sandbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewRejectsBadData(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"not json", `{`, "decode sandbox data"},
		{"demarche without number", `{"demarches":[{"title":"x"}]}`, `demarches[0]: field "number": expected an integer`},
		{"dossier without dateDepot", `{"demarches":[{"number":1,"dossiers":[{"number":5,"dateDerniereModification":"2026-01-01T00:00:00+01:00"}]}]}`,
			`demarche 1: dossiers[0]: dossier 5: field "dateDepot": expected an ISO 8601 time, got null`},
		{"bad date", `{"demarches":[{"number":1,"dossiers":[{"number":5,"dateDepot":"hier","dateDerniereModification":"hier"}]}]}`,
			`field "dateDepot": "hier" is not a valid ISO 8601 datetime`},
		{"duplicate dossier", `{"demarches":[{"number":1,"dossiers":[{"number":5,"dateDepot":"2026-01-01","dateDerniereModification":"2026-01-01"},{"number":5,"dateDepot":"2026-01-01","dateDerniereModification":"2026-01-01"}]}]}`,
			"dossier 5: duplicate number"},
		{"bad blob", `{"demarches":[],"blobs":{"k":{"content_base64":"***"}}}`, `blob "k": content_base64`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New([]byte(tt.data), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadDataFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.json")
	if err := os.WriteFile(path, fixture(t), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := LoadDataFile(path)
	if err != nil || len(b) == 0 {
		t.Fatalf("LoadDataFile: %v", err)
	}
	if _, err := LoadDataFile(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file error must name the file: %v", err)
	}
}

func TestDeprecatedOrderAndRevisionFilter(t *testing.T) {
	h := newBigHarness(t, 30)
	r := h.gql(`{ demarche(number: 1) { dossiers(order: DESC, first: 3) { pageInfo { hasNextPage hasPreviousPage } nodes { number } } } }`, nil)
	if got := jsonString(r.data("demarche", "dossiers", "nodes")); got != `[{"number":30},{"number":29},{"number":28}]` {
		t.Errorf("order DESC = %s", got)
	}
	if at(r.data("demarche", "dossiers", "pageInfo"), "hasNextPage") != true {
		t.Errorf("pageInfo = %v", r.data("demarche", "dossiers", "pageInfo"))
	}
	bad := h.gql(`{ demarche(number: 1) { dossiers(order: DESC, last: 3) { nodes { number } } } }`, nil)
	if at(bad.errors()[0], "message") != `Argument "last" is not supported with order "desc"` {
		t.Errorf("last with DESC: %s", bad.raw)
	}
	f := newHarness(t)
	rev := typedID("ProcedureRevision", 1)
	r = f.gql(`query Q($rev: ID) { demarche(number: 1) { dossiers(revision: $rev) { nodes { number } } } }`, map[string]any{"rev": rev})
	if n := len(r.data("demarche", "dossiers", "nodes").([]any)); n != 5 {
		t.Errorf("revision filter kept %d dossiers, want 5", n)
	}
	r = f.gql(`query Q($rev: ID) { demarche(number: 1) { dossiers(revision: $rev) { nodes { number } } } }`, map[string]any{"rev": "other"})
	if n := len(r.data("demarche", "dossiers", "nodes").([]any)); n != 0 {
		t.Errorf("unknown revision kept %d dossiers", n)
	}
}

func TestVariableCoercionErrors(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		want        string
	}{
		{"bad enum", `query Q($s: DossierState) { demarche(number: 1) { dossiers(state: $s) { nodes { id } } } }`,
			map[string]any{"s": "brouillon"}, `Variable $s of type DossierState was provided invalid value`},
		{"string for int", `query Q($n: Int!) { dossier(number: $n) { id } }`, map[string]any{"n": "101"}, `Variable $n of type Int! was provided invalid value`},
		{"bad datetime", `query Q($d: ISO8601DateTime) { demarche(number: 1) { dossiers(updatedSince: $d) { nodes { id } } } }`,
			map[string]any{"d": "demain"}, `Variable $d of type ISO8601DateTime was provided invalid value`},
		{"unknown input field", `mutation M($input: DossierArchiverInput!) { dossierArchiver(input: $input) { errors { message } } }`,
			map[string]any{"input": map[string]any{"dossierId": "x", "instructeurId": "y", "nope": 1}},
			`Variable $input of type DossierArchiverInput! was provided invalid value for nope (Field is not defined on DossierArchiverInput)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.gql(tt.query, tt.vars)
			if got, _ := at(r.errors(), 0, "message").(string); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if at(r.errors(), 0, "extensions", "problems") == nil {
				t.Errorf("extensions.problems missing: %s", r.raw)
			}
		})
	}
}

func TestWebhookEventsRecorded(t *testing.T) {
	h := newHarness(t)
	h.mutate("Bearer sandbox-token", "dossierPasserEnInstruction", map[string]any{"dossierId": d101, "instructeurId": i1}, "dossier { id }")
	ev := h.srv.WebhookEvents()
	if len(ev) != 1 || ev[0].DossierNumber != 101 || ev[0].State != "en_instruction" || ev[0].DemarcheNumber != 1 {
		t.Errorf("webhook events = %+v", ev)
	}
}
