package sandbox

import (
	"strings"
	"testing"
	"time"
)

var (
	d101 = typedID("Dossier", 101)
	d102 = typedID("Dossier", 102)
	d103 = typedID("Dossier", 103)
	d104 = typedID("Dossier", 104)
	i1   = typedID("Instructeur", 1)
	i2   = typedID("Instructeur", 2)
)

// mutate runs one mutation with its input as a variable and returns the payload.
func (h *harness) mutate(auth, name string, input map[string]any, selection string) (map[string]any, response) {
	h.t.Helper()
	typ := strings.ToUpper(name[:1]) + name[1:] + "Input"
	q := "mutation M($input: " + typ + "!) { " + name + "(input: $input) { errors { message } " + selection + " } }"
	if name == "createDirectUpload" {
		q = "mutation M($input: " + typ + "!) { " + name + "(input: $input) { " + selection + " } }"
	}
	r := h.gqlAs(auth, q, map[string]any{"input": input})
	payload, _ := r.data(name).(map[string]any)
	return payload, r
}

func payloadError(p map[string]any) string {
	s, _ := at(p, "errors", 0, "message").(string)
	return s
}

func (h *harness) raw(n int) map[string]any {
	h.t.Helper()
	r := h.do("GET", "/_sandbox/dossiers/"+itoa(n), "", nil)
	return r.body
}

func TestStateMutations(t *testing.T) {
	const sel = "dossier { number state motivation dateTraitement datePassageEnInstruction }"
	tests := []struct {
		name, mutation string
		input          map[string]any
		wantErr        string
		wantState      string
		wantSystemMsg  bool
	}{
		{"passer en instruction", "dossierPasserEnInstruction", map[string]any{"dossierId": d101, "instructeurId": i1}, "", "en_instruction", true},
		{"passer: already en instruction", "dossierPasserEnInstruction", map[string]any{"dossierId": d102, "instructeurId": i1}, "Le dossier est déjà en instruction", "", false},
		{"passer: wrong group", "dossierPasserEnInstruction", map[string]any{"dossierId": d104, "instructeurId": i1}, "L’instructeur n’a pas les droits d’accès à ce dossier", "", false},
		{"accepter", "dossierAccepter", map[string]any{"dossierId": d102, "instructeurId": i1, "motivation": "Parce que"}, "", "accepte", true},
		{"accepter: en construction", "dossierAccepter", map[string]any{"dossierId": d101, "instructeurId": i1}, "Le dossier est déjà en construction", "", false},
		{"accepter: already refused? accepted", "dossierAccepter", map[string]any{"dossierId": d103, "instructeurId": i1}, "Le dossier est déjà accepté", "", false},
		{"refuser", "dossierRefuser", map[string]any{"dossierId": d102, "instructeurId": i1, "motivation": "Incomplet"}, "", "refuse", true},
		{"classer sans suite", "dossierClasserSansSuite", map[string]any{"dossierId": d102, "instructeurId": i1, "motivation": "Doublon"}, "", "sans_suite", true},
		{"repasser en instruction", "dossierRepasserEnInstruction", map[string]any{"dossierId": d103, "instructeurId": i1}, "", "en_instruction", true},
		{"repasser en instruction: not terminé", "dossierRepasserEnInstruction", map[string]any{"dossierId": d101, "instructeurId": i1}, "Le dossier est déjà en construction", "", false},
		{"repasser en construction", "dossierRepasserEnConstruction", map[string]any{"dossierId": d102, "instructeurId": i1}, "", "en_construction", false},
		{"repasser en construction: accepted", "dossierRepasserEnConstruction", map[string]any{"dossierId": d103, "instructeurId": i1}, "Le dossier est déjà accepté", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			before := h.raw(dossierNumber(tt.input["dossierId"].(string)))
			h.clock.Advance(time.Hour)
			p, r := h.mutate("Bearer sandbox-token", tt.mutation, tt.input, sel)
			if got := payloadError(p); got != tt.wantErr {
				t.Fatalf("error = %q, want %q: %s", got, tt.wantErr, r.raw)
			}
			after := h.raw(dossierNumber(tt.input["dossierId"].(string)))
			if tt.wantErr != "" {
				if p["dossier"] != nil || jsonString(before) != jsonString(after) {
					t.Errorf("a refused mutation must change nothing and return dossier null")
				}
				return
			}
			if got := at(p, "dossier", "state"); got != tt.wantState {
				t.Errorf("state = %v, want %s", got, tt.wantState)
			}
			now := formatDSTime(h.clock.Now())
			if after["dateDerniereModification"] != now {
				t.Errorf("dateDerniereModification = %v, want %s", after["dateDerniereModification"], now)
			}
			trs, _ := after["traitements"].([]any)
			if at(trs[len(trs)-1], "dateTraitement") != now || at(trs[len(trs)-1], "emailAgentTraitant") != "instructeur1@sp-plus.example.fr" {
				t.Errorf("last traitement = %s", jsonString(trs[len(trs)-1]))
			}
			msgs, _ := after["messages"].([]any)
			gotSystem := len(msgs) > 0 && at(msgs[len(msgs)-1], "email") == contactEmail
			if gotSystem != tt.wantSystemMsg {
				t.Errorf("system message present = %v, want %v", gotSystem, tt.wantSystemMsg)
			}
		})
	}
}

func dossierNumber(id string) int {
	n, _ := decodeNumericID(id, "Dossier")
	return n
}

func itoa(n int) string {
	return sprintf("%d", n)
}

func TestAccepterSetsDecisionFields(t *testing.T) {
	h := newHarness(t)
	p, r := h.mutate("Bearer sandbox-token", "dossierAccepter", map[string]any{"dossierId": d102, "instructeurId": i1, "motivation": "Parce que"},
		"dossier { id state motivation dateTraitement traitements { event } }")
	if jsonString(p["errors"]) != "null" {
		t.Fatalf("errors must be null on success: %s", r.raw)
	}
	if at(p, "dossier", "motivation") != "Parce que" || at(p, "dossier", "dateTraitement") != formatDSTime(testStart) {
		t.Errorf("payload = %s", jsonString(p))
	}
}

func TestMutationLoadErrors(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, mutation, auth string
		input                map[string]any
		topErr, payloadErr   string
	}{
		{"unknown dossier", "dossierPasserEnInstruction", "Bearer sandbox-token",
			map[string]any{"dossierId": typedID("Dossier", 999), "instructeurId": i1}, "DossierPasserEnInstructionPayload not found", ""},
		{"unknown instructeur", "dossierAccepter", "Bearer sandbox-token",
			map[string]any{"dossierId": d102, "instructeurId": typedID("Instructeur", 77)}, "DossierAccepterPayload not found", ""},
		{"read-only token", "dossierAccepter", "Bearer ro-token",
			map[string]any{"dossierId": d102, "instructeurId": i1}, "", "Le jeton utilisé est configuré seulement en lecture"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r := h.mutate(tt.auth, tt.mutation, tt.input, "dossier { id }")
			if tt.topErr != "" {
				if r.data(tt.mutation) != nil || at(r.errors()[0], "message") != tt.topErr || at(r.errors()[0], "extensions", "code") != "not_found" {
					t.Errorf("got %s", r.raw)
				}
				return
			}
			if payloadError(p) != tt.payloadErr {
				t.Errorf("got %s", r.raw)
			}
		})
	}
	log := h.srv.Mutations()
	if len(log) != 3 || log[0].Name != "dossierPasserEnInstruction" || log[2].Errors[0] != "Le jeton utilisé est configuré seulement en lecture" {
		t.Errorf("mutation log = %+v", log)
	}
}

func TestArchiverDesarchiver(t *testing.T) {
	h := newHarness(t)
	sel := "dossier { archived }"
	if p, _ := h.mutate("Bearer sandbox-token", "dossierArchiver", map[string]any{"dossierId": d102, "instructeurId": i1}, sel); payloadError(p) != "Un dossier ne peut être déplacé dans « à archiver » qu’une fois le traitement terminé" {
		t.Errorf("archiver en instruction: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierDesarchiver", map[string]any{"dossierId": d103, "instructeurId": i1}, sel); payloadError(p) != "Un dossier non archivé ne peut pas être désarchivé" {
		t.Errorf("desarchiver: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierArchiver", map[string]any{"dossierId": d103, "instructeurId": i1}, sel); at(p, "dossier", "archived") != true {
		t.Errorf("archiver: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierEnvoyerMessage", map[string]any{"dossierId": d103, "instructeurId": i1, "body": "x"}, "message { id }"); payloadError(p) != "Il n’est pas possible d’envoyer un message sur un dossier supprimé, à archiver ou en brouillon" {
		t.Errorf("message on archived: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierDesarchiver", map[string]any{"dossierId": d103, "instructeurId": i1}, sel); at(p, "dossier", "archived") != false {
		t.Errorf("desarchiver: %v", p)
	}
}

func TestMessagesAndCorrections(t *testing.T) {
	h := newHarness(t)
	send := func(in map[string]any) map[string]any {
		p, _ := h.mutate("Bearer sandbox-token", "dossierEnvoyerMessage", in, "message { id email body correction { reason dateResolution } }")
		return p
	}
	if p := send(map[string]any{"dossierId": d101, "instructeurId": i1, "body": "  "}); payloadError(p) != "Le champ « Votre message » ne peut être vide" {
		t.Errorf("empty body: %v", p)
	}
	p1 := send(map[string]any{"dossierId": d101, "instructeurId": i1, "body": "Bonjour"})
	p2 := send(map[string]any{"dossierId": d101, "instructeurId": i1, "body": "Bonjour"})
	if at(p1, "message", "id") == at(p2, "message", "id") || at(p1, "message", "email") != "instructeur1@sp-plus.example.fr" {
		t.Errorf("messages are not idempotent: %v %v", p1, p2)
	}
	corr := send(map[string]any{"dossierId": d102, "instructeurId": i1, "body": "Merci de corriger", "correction": "incomplete"})
	if at(corr, "message", "correction", "reason") != "incomplete" || h.raw(102)["state"] != "en_construction" {
		t.Errorf("correction: %v, state %v", corr, h.raw(102)["state"])
	}
	if h.raw(102)["dateDerniereCorrectionEnAttente"] != formatDSTime(testStart) {
		t.Errorf("dateDerniereCorrectionEnAttente = %v", h.raw(102)["dateDerniereCorrectionEnAttente"])
	}
	if p := send(map[string]any{"dossierId": d102, "instructeurId": i1, "body": "Encore", "correction": "incorrect"}); payloadError(p) != "Une demande de correction est déjà en attente sur ce dossier" {
		t.Errorf("second correction: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierPasserEnInstruction", map[string]any{"dossierId": d102, "instructeurId": i1}, "dossier { id }"); payloadError(p) != "Le dossier est en attente de correction" {
		t.Errorf("passer with pending correction: %v", p)
	}
	if p := send(map[string]any{"dossierId": d103, "instructeurId": i1, "body": "x", "correction": "outdated"}); payloadError(p) != "Le dossier ne peut pas faire l’objet d’une demande de correction car il est accepté" {
		t.Errorf("correction on accepted: %v", p)
	}
	// The candidate's edit answers the correction.
	h.do("POST", "/_sandbox/dossiers", "", []byte(`{"number":102,"champs":[{"id":"Q2hhbXAtMTA=","value":"Corrigé","stringValue":"Corrigé"}]}`))
	if pendingCorrection(&dossierRec{raw: h.raw(102)}) != nil {
		t.Errorf("correction still pending after the candidate's edit")
	}
}

func TestSupprimerMessage(t *testing.T) {
	h := newHarness(t)
	p, _ := h.mutate("Bearer sandbox-token", "dossierEnvoyerMessage", map[string]any{"dossierId": d101, "instructeurId": i1, "body": "Oups"}, "message { id }")
	id := at(p, "message", "id")
	sel := "message { id body discardedAt }"
	if q, _ := h.mutate("Bearer sandbox-token", "dossierSupprimerMessage", map[string]any{"messageId": id, "instructeurId": i2}, sel); payloadError(q) != "Le message ne peut pas être supprimé" {
		t.Errorf("other instructeur: %v", q)
	}
	q, r := h.mutate("Bearer sandbox-token", "dossierSupprimerMessage", map[string]any{"messageId": id, "instructeurId": i1}, sel)
	if at(q, "message", "discardedAt") != formatDSTime(testStart) || at(q, "message", "body") != "" {
		t.Errorf("delete: %s", r.raw)
	}
	if q, _ := h.mutate("Bearer sandbox-token", "dossierSupprimerMessage", map[string]any{"messageId": id, "instructeurId": i1}, sel); payloadError(q) != "Le message ne peut pas être supprimé" {
		t.Errorf("second delete: %v", q)
	}
}

func TestGroupeSuiviAndLabels(t *testing.T) {
	h := newHarness(t)
	g2, g3 := typedID("GroupeInstructeur", 2), typedID("GroupeInstructeur", 3)
	sel := "dossier { groupeInstructeur { number } }"
	if p, _ := h.mutate("Bearer sandbox-token", "dossierChangerGroupeInstructeur", map[string]any{"dossierId": d104, "groupeInstructeurId": g2}, sel); payloadError(p) != "Le dossier est déjà avec le groupe instructeur: 'Occitanie'" {
		t.Errorf("same group: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierChangerGroupeInstructeur", map[string]any{"dossierId": d104, "groupeInstructeurId": g3}, sel); payloadError(p) != "Le groupe instructeur 'Défaut' n’appartient pas à la même démarche que le dossier" {
		t.Errorf("other démarche: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierChangerGroupeInstructeur", map[string]any{"dossierId": d101, "groupeInstructeurId": g2}, sel); at(p, "dossier", "groupeInstructeur", "number") != float64(2) {
		t.Errorf("change: %v", p)
	}
	// Instructeur 2 now sees dossier 101; instructeur 1 no longer does.
	follow, _ := h.mutate("Bearer sandbox-token", "dossierBasculeSuivi", map[string]any{"dossierId": d101, "instructeurId": i2}, "dossier { instructeurs { email } } instructeur { email }")
	if jsonString(at(follow, "dossier", "instructeurs")) != `[{"email":"instructeur2@sp-plus.example.fr"}]` {
		t.Errorf("follow: %v", follow)
	}
	unfollow, _ := h.mutate("Bearer sandbox-token", "dossierBasculeSuivi", map[string]any{"dossierId": d101, "instructeurId": i2, "follow": false}, "dossier { instructeurs { email } }")
	if jsonString(at(unfollow, "dossier", "instructeurs")) != `[]` {
		t.Errorf("unfollow: %v", unfollow)
	}

	h.clock.Advance(time.Hour)
	before := h.raw(102)["dateDerniereModification"]
	l1, l3 := typedID("Label", 1), typedID("Label", 3)
	lsel := "label { name } dossier { labels { id } }"
	if p, _ := h.mutate("Bearer sandbox-token", "dossierAjouterLabel", map[string]any{"dossierId": d102, "labelId": l1}, lsel); at(p, "label", "name") != "À relancer" {
		t.Errorf("add label: %v", p)
	}
	if h.raw(102)["dateDerniereModification"] != before {
		t.Errorf("labels must not bump dateDerniereModification")
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierAjouterLabel", map[string]any{"dossierId": d102, "labelId": l1}, lsel); payloadError(p) != "Ce label est déjà associé au dossier" {
		t.Errorf("add twice: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierAjouterLabel", map[string]any{"dossierId": d102, "labelId": l3}, lsel); payloadError(p) != "Ce label n’appartient pas à la même démarche que le dossier" {
		t.Errorf("foreign label: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierSupprimerLabel", map[string]any{"dossierId": d102, "labelId": l1}, lsel); jsonString(at(p, "dossier", "labels")) != "[]" {
		t.Errorf("remove: %v", p)
	}
	if p, _ := h.mutate("Bearer sandbox-token", "dossierSupprimerLabel", map[string]any{"dossierId": d102, "labelId": l1}, lsel); payloadError(p) != "Ce label n’est pas associé au dossier" {
		t.Errorf("remove twice: %v", p)
	}
}
