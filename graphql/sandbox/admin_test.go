package sandbox

import (
	"net/http"
	"testing"
	"time"
)

func TestAdminMutationLog(t *testing.T) {
	h := newHarness(t)
	h.mutate("Bearer sandbox-token", "dossierEnvoyerMessage", map[string]any{"dossierId": d101, "instructeurId": i1, "body": "Bonjour"}, "message { id }")
	h.mutate("Bearer sandbox-token", "dossierAccepter", map[string]any{"dossierId": d101, "instructeurId": i1}, "dossier { id }")
	r := h.do("GET", "/_sandbox/mutations", "", nil)
	var log []map[string]any
	if err := jsonUnmarshal(r.raw, &log); err != nil || len(log) != 2 {
		t.Fatalf("log = %s", r.raw)
	}
	if log[0]["name"] != "dossierEnvoyerMessage" || at(log[0], "input", "body") != "Bonjour" || log[0]["errors"] != nil {
		t.Errorf("entry 0 = %v", log[0])
	}
	if log[1]["name"] != "dossierAccepter" || at(log[1], "errors", 0) != "Le dossier est déjà en construction" {
		t.Errorf("entry 1 = %v", log[1])
	}
	if _, err := time.Parse(time.RFC3339, log[0]["at"].(string)); err != nil {
		t.Errorf("at: %v", err)
	}
}

func TestAdminUpsertDossier(t *testing.T) {
	h := newHarness(t)
	h.clock.Advance(time.Hour)
	now := formatDSTime(h.clock.Now())
	r := h.do("POST", "/_sandbox/dossiers", "", []byte(`{"number":101,"champs":[{"id":"Q2hhbXAtMTA=","value":"Mairie de Metz","stringValue":"Mairie de Metz"},{"id":"Q2hhbXAtOTk=","__typename":"TextChamp","label":"Nouveau","value":"x"}]}`))
	if r.status != http.StatusOK {
		t.Fatalf("upsert: %d %s", r.status, r.raw)
	}
	raw := h.raw(101)
	champs := raw["champs"].([]any)
	if at(champs, 0, "value") != "Mairie de Metz" || at(champs, 0, "label") != "Nom du service" || len(champs) != 8 {
		t.Errorf("champs merged by id: %s", jsonString(champs))
	}
	if raw["dateDerniereModification"] != now || raw["dateDerniereModificationChamps"] != now {
		t.Errorf("dates not bumped: %v %v", raw["dateDerniereModification"], raw["dateDerniereModificationChamps"])
	}
	created := h.do("POST", "/_sandbox/dossiers", "", []byte(`{"number":300,"demandeur":{"__typename":"PersonnePhysique","id":"SW5kaXZpZHVhbC0x","nom":"N","prenom":"P"}}`))
	if created.status != http.StatusCreated || created.body["state"] != "en_construction" || created.body["dateDepot"] != now {
		t.Fatalf("create: %d %s", created.status, created.raw)
	}
	q := h.gql(`{ dossier(number: 300) { state groupeInstructeur { number } messages { email } traitements { event } } }`, nil)
	if len(q.errors()) > 0 || q.data("dossier", "messages", 0, "email") != contactEmail || q.data("dossier", "traitements", 0, "event") != "depose" {
		t.Errorf("new dossier: %s", q.raw)
	}
	if bad := h.do("POST", "/_sandbox/dossiers", "", []byte(`{"champs":[]}`)); bad.status != http.StatusBadRequest {
		t.Errorf("missing number: %d", bad.status)
	}
	if bad := h.do("POST", "/_sandbox/dossiers", "", []byte(`{"number":101,"dateDepot":"hier"}`)); bad.status != http.StatusBadRequest {
		t.Errorf("bad date: %d", bad.status)
	}
}

func TestAdminDeleteAndHide(t *testing.T) {
	h := newHarness(t)
	if r := h.do("DELETE", "/_sandbox/dossiers/101", "", nil); r.status != http.StatusOK || r.body["reason"] != "user_request" {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	if r := h.do("POST", "/_sandbox/dossiers/104/hide", "", nil); r.status != http.StatusOK {
		t.Fatalf("hide: %d %s", r.status, r.raw)
	}
	r := h.gql(`{ demarche(number: 1) {
		dossiers { nodes { number } }
		deletedDossiers { nodes { id number reason dateSupression } }
		pendingDeletedDossiers { nodes { id number state } } } }`, nil)
	if got := jsonString(r.data("demarche", "dossiers", "nodes")); got != `[{"number":102},{"number":103},{"number":105}]` {
		t.Errorf("visible = %s", got)
	}
	if got := r.data("demarche", "deletedDossiers", "nodes", 1); at(got, "number") != float64(101) || at(got, "dateSupression") != formatDSTime(testStart) {
		t.Errorf("deleted = %s", jsonString(r.data("demarche", "deletedDossiers")))
	}
	if got := r.data("demarche", "pendingDeletedDossiers", "nodes", 1); at(got, "id") != typedID("DeletedDossier", 104) {
		t.Errorf("pending = %s", jsonString(r.data("demarche", "pendingDeletedDossiers")))
	}
	if nf := h.gql(`{ dossier(number: 104) { id } }`, nil); at(nf.errors()[0], "message") != "Dossier not found" {
		t.Errorf("hidden dossier must not be found: %s", nf.raw)
	}
	if raw := h.do("GET", "/_sandbox/dossiers/104", "", nil); raw.status != http.StatusOK || raw.body["number"] != float64(104) {
		t.Errorf("raw hidden dossier: %d", raw.status)
	}
	if r := h.do("DELETE", "/_sandbox/dossiers/101", "", nil); r.status != http.StatusNotFound {
		t.Errorf("second delete: %d", r.status)
	}
	if r := h.do("GET", "/_sandbox/dossiers/abc", "", nil); r.status != http.StatusBadRequest {
		t.Errorf("bad number: %d", r.status)
	}
}

func TestAdminClock(t *testing.T) {
	own, err := New(fixture(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, srv: own}
	h.ts = newTestServer(t, own)
	start := own.Now()
	r := h.do("POST", "/_sandbox/clock", "", []byte(`{"advance_seconds":86400}`))
	if r.status != http.StatusOK || !own.Now().Equal(start.Add(24*time.Hour)) {
		t.Errorf("advance: %d %s", r.status, r.raw)
	}
	ext := newHarness(t)
	if r := ext.do("POST", "/_sandbox/clock", "", []byte(`{"advance_seconds":1}`)); r.status != http.StatusConflict {
		t.Errorf("external clock: %d", r.status)
	}
	if r := ext.do("POST", "/_sandbox/clock", "", []byte(`{}`)); r.status != http.StatusBadRequest {
		t.Errorf("missing advance_seconds: %d", r.status)
	}
}

func TestDemoDataLoads(t *testing.T) {
	srv, err := New(DemoData(), Options{})
	if err != nil {
		t.Fatalf("embedded demo.json: %v", err)
	}
	if len(srv.db.demarches) == 0 || srv.db.demByNumber[1] == nil {
		t.Fatal("demo data must hold démarche 1")
	}
}
