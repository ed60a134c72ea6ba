package connector

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/graphql/sandbox"
	"github.com/spplus/spplus/graphql/sandbox/gen"
)

// The dossiers of the generated demo data the scenario uses.
const (
	dossierMissingOrganigram = 2  // en construction, only the organigram missing
	dossierWithOrganigram    = 12 // has an organigram file to copy
	dossierWithGoodGrid      = 6  // en instruction, complete, level "or"
	dossierBelowBronze       = 11 // refused: complete, scores below bronze
)

// TestEndToEnd follows a candidacy through the label's life on the
// sandbox: deposit, first message, reminders (3 at most), a correction
// request when en instruction and incomplete, completeness (no duplicate
// message), passer en instruction (auto), the audit grid, the proposed
// decision, then automatic acceptance and refusal.
func TestEndToEnd(t *testing.T) {
	e := newEnv(t, envOptions{Configure: func(d *config.Demarche) {
		d.Decisions = config.Decisions{PasserEnInstruction: config.PolicyAuto, Accepter: config.PolicyPropose, Refuser: config.PolicyAuto}
	}})
	ctx := context.Background()
	s := e.syncer(nil)
	n := dossierMissingOrganigram

	mustSync(t, s)
	msgs := messagesTo(e.mutations(), n)
	if len(msgs) != 1 || !strings.Contains(msgs[0].body, "organigramme") || msgs[0].correction != "" {
		t.Fatalf("deposit: want one message about the organigram, got %+v", msgs)
	}
	if got := annotation(e, n, config.AnnotationStatus); got != StatusIncomplete {
		t.Errorf("status annotation = %q, want %q", got, StatusIncomplete)
	}

	before := len(e.mutations())
	mustSync(t, s)
	if got := dossierMutations(e.mutations()[before:], n); len(got) != 0 {
		t.Errorf("unchanged dossier: want no mutation, got %v", got)
	}

	for k := 1; k <= 4; k++ {
		e.advance(7*24*time.Hour + time.Minute)
		mustSync(t, s)
		want := 1 + min(k, 3)
		msgs = messagesTo(e.mutations(), n)
		if len(msgs) != want {
			t.Fatalf("after %d weeks: %d messages, want %d", k, len(msgs), want)
		}
		if k <= 3 && !strings.HasPrefix(msgs[len(msgs)-1].body, "Bonjour,\n\nRappel") {
			t.Errorf("reminder %d: unexpected text %q", k, msgs[len(msgs)-1].body)
		}
	}

	// An instructeur takes the incomplete dossier en instruction: spplus
	// asks for a correction, which DS answers by reopening it.
	if _, err := e.client.PasserEnInstruction(ctx, graphql.TransitionInput{DossierID: gen.DossierID(n), InstructeurID: instructeur2}); err != nil {
		t.Fatalf("passer en instruction by hand: %v", err)
	}
	mustSync(t, s)
	msgs = messagesTo(e.mutations(), n)
	if last := msgs[len(msgs)-1]; len(msgs) != 5 || last.correction != string(graphql.CorrectionIncomplete) {
		t.Fatalf("en instruction and incomplete: want a correction request, got %+v", msgs)
	}
	mustSync(t, s)
	if got := len(messagesTo(e.mutations(), n)); got != 5 {
		t.Errorf("after the correction request: %d messages, want still 5", got)
	}

	// The candidate attaches the organigram: complete, passed en instruction.
	before = len(e.mutations())
	e.upsert(map[string]any{"number": n, "champs": []any{champOf(e, dossierWithOrganigram, config.FieldOrganigram)}})
	mustSync(t, s)
	got := byName(dossierMutations(e.mutations()[before:], n))
	if got["dossierEnvoyerMessage"] != 0 || got["dossierPasserEnInstruction"] != 1 {
		t.Fatalf("complete: want passer en instruction and no message, got %v", got)
	}
	mustSync(t, s)
	if state := e.dossierJSON(n)["state"]; state != graphql.StateEnInstruction {
		t.Fatalf("state = %v, want en_instruction", state)
	}

	// The audit grid arrives: the level is computed and the acceptance is
	// proposed to a human (policy propose).
	before = len(e.mutations())
	e.upsert(map[string]any{"number": n, "champs": []any{champOf(e, dossierWithGoodGrid, config.FieldAuditGrid)}})
	mustSync(t, s)
	if got := byName(dossierMutations(e.mutations()[before:], n)); got["dossierAccepter"] != 0 || got["dossierEnvoyerMessage"] != 0 {
		t.Fatalf("propose: want no decision nor message, got %v", got)
	}
	if p := annotation(e, n, config.AnnotationProposedDecision); !strings.HasPrefix(p, "Accepter au niveau") {
		t.Fatalf("proposed decision annotation = %q", p)
	}

	// With accepter on auto, reprocessing the dossier accepts it.
	auto := e.syncer(func(o *Options) {
		o.Config.Demarches[0].Decisions.Accepter = config.PolicyAuto
	})
	if _, err := auto.SyncDossier(ctx, 1, n, "cli"); err != nil {
		t.Fatalf("sync dossier: %v", err)
	}
	accepted := e.dossierJSON(n)
	if state := accepted["state"]; state != graphql.StateAccepte {
		t.Fatalf("state = %v, want accepte", state)
	}
	// The acceptance carries the label attestation as its justificatif.
	if att, _ := accepted["motivationAttachment"].(map[string]any); att["contentType"] != "application/pdf" {
		t.Fatalf("motivationAttachment = %v, want the attestation PDF", accepted["motivationAttachment"])
	}

	// A candidacy whose scores miss bronze is refused automatically, with
	// the failed thresholds as motivation.
	refusal := 200
	src := e.dossierJSON(dossierBelowBronze)
	e.upsert(map[string]any{"number": refusal, "dateDepot": src["dateDepot"], "champs": src["champs"],
		"usager": src["usager"], "demandeur": src["demandeur"]})
	mustSync(t, s)
	mustSync(t, s)
	var motivation string
	for _, m := range dossierMutations(e.mutations(), refusal) {
		if m.Name == "dossierRefuser" && len(m.Errors) == 0 {
			motivation, _ = m.Input["motivation"].(string)
		}
	}
	if !strings.Contains(motivation, "minimum") {
		t.Fatalf("refusal motivation = %q, want the failed thresholds", motivation)
	}
	assertExactlyOnce(t, e.mutations())
}

// mustSync runs a pass that must succeed.
func mustSync(t *testing.T, s *Syncer) PassReport {
	t.Helper()
	r, err := s.Sync(context.Background(), 1, "cli")
	if err != nil {
		t.Fatalf("sync: %v\n%s", err, r.String())
	}
	return r
}

type sentMessage struct {
	body, correction string
}

// messagesTo returns the messages sent to dossier n, in order.
func messagesTo(ms []sandbox.RecordedMutation, n int) []sentMessage {
	var out []sentMessage
	for _, m := range dossierMutations(ms, n) {
		if m.Name == "dossierEnvoyerMessage" && len(m.Errors) == 0 {
			c, _ := m.Input["correction"].(string)
			body, _ := m.Input["body"].(string)
			out = append(out, sentMessage{body: body, correction: c})
		}
	}
	return out
}

// dossierMutations keeps the mutations on dossier n.
func dossierMutations(ms []sandbox.RecordedMutation, n int) []sandbox.RecordedMutation {
	var out []sandbox.RecordedMutation
	for _, m := range ms {
		if m.Input["dossierId"] == gen.DossierID(n) {
			out = append(out, m)
		}
	}
	return out
}

// annotation reads an annotation's value as the sandbox holds it.
func annotation(e *env, n int, key string) string {
	id := e.cfg.Demarches[0].Annotations[key]
	for _, a := range e.dossierJSON(n)["annotations"].([]any) {
		am := a.(map[string]any)
		if am["id"] == id {
			v, _ := am["value"].(string)
			return v
		}
	}
	return ""
}

// champOf copies the champ mapped to key from dossier n.
func champOf(e *env, n int, key string) map[string]any {
	id := e.cfg.Demarches[0].Fields[key]
	for _, c := range e.dossierJSON(n)["champs"].([]any) {
		if cm := c.(map[string]any); cm["id"] == id {
			return cm
		}
	}
	e.t.Fatalf("dossier %d has no champ %s", n, key)
	return nil
}

var markerRE = regexp.MustCompile(`Réf\. SP\+ [0-9a-f]{6}`)

// instructeur2 acts by hand in the tests (spplus writes as instructeur1).
const instructeur2 = "SW5zdHJ1Y3RldXItMg=="

// assertExactlyOnce checks that spplus sent no message marker twice and
// made no state change twice on a dossier.
func assertExactlyOnce(t testing.TB, ms []sandbox.RecordedMutation) {
	t.Helper()
	markers, states := map[string]int{}, map[string]int{}
	for _, m := range ms {
		if len(m.Errors) > 0 || m.Input["instructeurId"] != instructeur1 {
			continue
		}
		id, _ := m.Input["dossierId"].(string)
		switch {
		case m.Name == "dossierEnvoyerMessage":
			body, _ := m.Input["body"].(string)
			markers[id+" "+markerRE.FindString(body)]++
		case m.Name != "dossierModifierAnnotations":
			states[id+" "+m.Name]++
		}
	}
	for k, n := range markers {
		if n > 1 {
			t.Errorf("message %s sent %d times", k, n)
		}
	}
	for k, n := range states {
		if n > 1 {
			t.Errorf("state change %s made %d times", k, n)
		}
	}
}
