package connector

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

var planNow = time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC)

func testPolicy(t *testing.T, d config.Decisions) policy {
	t.Helper()
	tm, err := loadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	return policy{annotations: testAnnotations(), templates: tm, decisions: d, loc: time.UTC,
		messages: config.Messages{Enabled: true, ReminderEvery: 7 * 24 * time.Hour, MaxReminders: 3}}
}

func testAnnotations() map[string]string {
	m := map[string]string{}
	for _, s := range config.Annotations() {
		m[s.Key] = "a:" + s.Key
	}
	return m
}

var missingOrganigram = rules.Finding{Rule: rules.MissingOrganigram, Severity: rules.Blocking, Section: "3.5.1",
	Message: "L'organigramme du service candidat n'est pas joint."}

func incomplete() outcome {
	return outcome{Findings: []rules.Finding{missingOrganigram}, AuditDate: rules.NewDate(2026, 6, 15),
		Deadlines: []deadline{{rules.DeadlineDepositDue, rules.NewDate(2026, 5, 15)}}}
}

func completeAt(l rules.Level) outcome {
	return outcome{Complete: true, Level: l, Findings: []rules.Finding{}}
}

// TestDecide: one row per state change of the label's process.
func TestDecide(t *testing.T) {
	auto := config.Decisions{PasserEnInstruction: config.PolicyAuto, Accepter: config.PolicyAuto, Refuser: config.PolicyAuto}
	tests := []struct {
		name      string
		o         outcome
		state     string
		d         config.Decisions
		want      string
		policy    config.Policy
		proposeIs string
	}{
		{"complete en construction: passer en instruction", completeAt(""), graphql.StateEnConstruction, auto, TransitionPasserEnInstruction, config.PolicyAuto, "Passer en instruction"},
		{"incomplete: nothing", incomplete(), graphql.StateEnConstruction, auto, "", "", "aucune"},
		{"en instruction, level reached: accepter (§2.2.1)", completeAt(rules.LevelArgent), graphql.StateEnInstruction, auto, TransitionAccepter, config.PolicyAuto, "Accepter au niveau Argent"},
		{"en instruction, below bronze: refuser", completeAt(rules.LevelNone), graphql.StateEnInstruction, auto, TransitionRefuser, config.PolicyAuto, "Refuser"},
		{"en instruction, no grid yet: wait", completeAt(""), graphql.StateEnInstruction, auto, "", "", "aucune"},
		{"decided: nothing", completeAt(rules.LevelOr), graphql.StateAccepte, auto, "", "", "aucune"},
		{"default policy proposes", completeAt(rules.LevelOr), graphql.StateEnInstruction, config.Decisions{}, TransitionAccepter, config.PolicyPropose, "Accepter au niveau Or"},
		{"off: neither act nor propose", completeAt(rules.LevelOr), graphql.StateEnInstruction, config.Decisions{Accepter: config.PolicyOff}, "", "", "aucune"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := decide(tt.o, tt.state, tt.d)
			if dec.Transition != tt.want || dec.Policy != tt.policy || !strings.HasPrefix(dec.Text, tt.proposeIs) {
				t.Errorf("decide = %+v", dec)
			}
		})
	}
}

// TestPlanMessage: the message a dossier is due, from persisted state only.
func TestPlanMessage(t *testing.T) {
	o := incomplete()
	set := setHash(2, o.blockingIDs())
	sentAt := planNow.Add(-8 * 24 * time.Hour)
	tests := []struct {
		name  string
		state string
		snap  store.Snapshot
		x     extra
		mod   func(*policy)
		want  string // "" none, else message kind
		index int
	}{
		{"new findings: first message", graphql.StateEnConstruction, store.Snapshot{}, extra{}, nil, msgFirst, 0},
		{"new findings en instruction: correction", graphql.StateEnInstruction, store.Snapshot{}, extra{}, nil, msgCorrection, 0},
		{"same findings, too early", graphql.StateEnConstruction, store.Snapshot{LastMessageAt: planNow.Add(-time.Hour)}, extra{MessageSet: set}, nil, "", 0},
		{"same findings, 8 days later: reminder 1", graphql.StateEnConstruction, store.Snapshot{LastMessageAt: sentAt}, extra{MessageSet: set}, nil, msgReminder, 1},
		{"third reminder", graphql.StateEnConstruction, store.Snapshot{LastMessageAt: sentAt, Reminders: 2}, extra{MessageSet: set}, nil, msgReminder, 3},
		{"reminders exhausted", graphql.StateEnConstruction, store.Snapshot{LastMessageAt: sentAt, Reminders: 3}, extra{MessageSet: set}, nil, "", 0},
		{"passed en instruction while incomplete: correction", graphql.StateEnInstruction, store.Snapshot{LastMessageAt: planNow}, extra{MessageSet: set}, nil, msgCorrection, 0},
		{"correction already asked", graphql.StateEnInstruction, store.Snapshot{LastMessageAt: planNow}, extra{MessageSet: set, CorrectionSet: set}, nil, "", 0},
		{"decided: never", graphql.StateRefuse, store.Snapshot{}, extra{}, nil, "", 0},
		{"deleted: never", graphql.StateEnConstruction, store.Snapshot{Deleted: true}, extra{}, nil, "", 0},
		{"messages disabled", graphql.StateEnConstruction, store.Snapshot{}, extra{}, func(p *policy) { p.messages.Enabled = false }, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPolicy(t, config.Decisions{})
			if tt.mod != nil {
				tt.mod(&p)
			}
			f := facts{Number: 2, DossierID: "RG9zc2llci0y", State: tt.state}
			a, ok, err := planMessage(o, tt.snap, tt.x, f, p, planNow)
			if err != nil || ok != (tt.want != "") {
				t.Fatalf("planMessage: ok %t err %v", ok, err)
			}
			if !ok {
				return
			}
			var pl messagePayload
			if err := decodePayload(a, &pl); err != nil {
				t.Fatal(err)
			}
			if pl.Index != tt.index || pl.Correction != (tt.want == msgCorrection) || pl.Marker != markerFor(2, o.blockingIDs(), tt.index, tt.want) {
				t.Errorf("payload = %+v", pl)
			}
			if !strings.HasSuffix(pl.Body, "\n\n"+pl.Marker) || !strings.Contains(pl.Body, missingOrganigram.Message) || !strings.Contains(pl.Body, "15/05/2026") {
				t.Errorf("body = %q", pl.Body)
			}
			if a.Key != "2/message/"+strings.TrimPrefix(pl.Marker, MarkerPrefix) {
				t.Errorf("key = %q", a.Key)
			}
		})
	}
}

// TestPlanAnnotations: one write with the values that differ; the
// evaluation time only along with another change.
func TestPlanAnnotations(t *testing.T) {
	p := testPolicy(t, config.Decisions{})
	o := completeAt(rules.LevelBronze)
	dec := decide(o, graphql.StateEnInstruction, p.decisions)
	targets := annotationTargets(o, dec, p, planNow)
	f := facts{Number: 3, DossierID: "D3", State: graphql.StateEnInstruction, Annotations: map[string]string{}, AnnotationIDs: map[string]string{}}
	a, ok, err := planAnnotations(o, f, dec, p, planNow)
	var pl annotationsPayload
	if err != nil || !ok || decodePayload(a, &pl) != nil {
		t.Fatalf("first write: ok %t err %v", ok, err)
	}
	if len(pl.Values) != len(targets)+1 || pl.Values[len(pl.Values)-1].Key != config.AnnotationEvaluatedAt {
		t.Errorf("values = %+v", pl.Values)
	}
	if targets[config.AnnotationStatus] != StatusLabellisable+"Bronze" || targets[config.AnnotationComplete] != "true" {
		t.Errorf("targets = %v", targets)
	}

	f.Annotations = targets
	if _, ok, _ := planAnnotations(o, f, dec, p, planNow.Add(time.Hour)); ok {
		t.Error("unchanged values: want no write, not even the evaluation time")
	}
	f.Annotations = map[string]string{config.AnnotationStatus: "modifié à la main"}
	for k, v := range targets {
		if k != config.AnnotationStatus {
			f.Annotations[k] = v
		}
	}
	a, ok, _ = planAnnotations(o, f, dec, p, planNow)
	if !ok || decodePayload(a, &pl) != nil || valueKeys(pl.Values) != "status,evaluated_at" {
		t.Errorf("one value changed by hand: %+v", pl.Values)
	}

	delete(p.annotations, config.AnnotationEvaluatedAt)
	delete(p.annotations, config.AnnotationLevel)
	if got := annotationTargets(o, dec, p, planNow); got[config.AnnotationLevel] != "" {
		t.Errorf("unmapped key written: %v", got)
	}
}

// TestPlanIsStable: the same inputs plan the same keys (the outbox then
// adds nothing), and auto decisions add a state action.
func TestPlanIsStable(t *testing.T) {
	p := testPolicy(t, config.Decisions{PasserEnInstruction: config.PolicyAuto})
	snap := store.Snapshot{Number: 4, InputsHash: "0123456789abcdef"}
	f := facts{Number: 4, DossierID: "D4", State: graphql.StateEnConstruction, Annotations: map[string]string{}}
	a1, err1 := plan(completeAt(""), snap, extra{}, f, p, planNow)
	a2, err2 := plan(completeAt(""), snap, extra{}, f, p, planNow.Add(time.Minute))
	if err1 != nil || err2 != nil || len(a1) != 2 || len(a2) != 2 {
		t.Fatalf("plans: %v %v / %v %v", a1, err1, a2, err2)
	}
	for i := range a1 {
		if a1[i].Key != a2[i].Key {
			t.Errorf("key %d: %s then %s", i, a1[i].Key, a2[i].Key)
		}
	}
	if a1[1].Kind != store.KindState || a1[1].Key != "4/state/passer_en_instruction/0123456789ab" {
		t.Errorf("state action = %+v", a1[1])
	}
}

func TestMarker(t *testing.T) {
	ids := []string{"MISSING_ORGANIGRAM", "USERS_SURVEY_INVALID"}
	m := markerFor(12, ids, 0, msgFirst)
	if !regexp.MustCompile(`^Réf\. SP\+ [0-9a-f]{6}$`).MatchString(m) {
		t.Errorf("marker %q", m)
	}
	if m != markerFor(12, ids, 0, msgFirst) {
		t.Error("marker not deterministic")
	}
	for _, other := range []string{markerFor(13, ids, 0, msgFirst), markerFor(12, ids[:1], 0, msgFirst),
		markerFor(12, ids, 1, msgReminder), markerFor(12, ids, 0, msgCorrection)} {
		if other == m {
			t.Errorf("marker %q collides", other)
		}
	}
}

func TestNextDeadline(t *testing.T) {
	p := testPolicy(t, config.Decisions{})
	o := outcome{Deadlines: []deadline{{"a", rules.NewDate(2026, 4, 1)}, {"b", rules.NewDate(2026, 6, 1)}, {"c", rules.NewDate(2026, 5, 2)}}}
	if d, ok := nextDeadline(o, p, planNow); !ok || d != rules.NewDate(2026, 5, 2) {
		t.Errorf("next deadline = %v %t, want today's", d, ok)
	}
}

// TestPlanAttestation: a dossier a human accepted on DS without a
// justificatif gets the attestation once; spplus's own acceptances carry it.
func TestPlanAttestation(t *testing.T) {
	p := testPolicy(t, config.Decisions{})
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name         string
		state        string
		justificatif string
		o            outcome
		want         bool
	}{
		{"accepted by a human, no justificatif", graphql.StateAccepte, "", completeAt(rules.LevelArgent), true},
		{"accepted with a justificatif", graphql.StateAccepte, "attestation.pdf", completeAt(rules.LevelArgent), false},
		{"accepted but below bronze", graphql.StateAccepte, "", completeAt(rules.LevelNone), false},
		{"not decided", graphql.StateEnInstruction, "", completeAt(rules.LevelOr), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := facts{Number: 9, DossierID: "RG9zc2llci05", State: tt.state, Justificatif: tt.justificatif}
			a, ok, err := planAttestation(tt.o, f, p, now)
			if err != nil || ok != tt.want {
				t.Fatalf("planAttestation = %v, %v; want %v", ok, err, tt.want)
			}
			if ok && (a.Key != "9/message/attestation" || !strings.Contains(string(a.Payload), `"attestation":true`)) {
				t.Errorf("action = %s %s", a.Key, a.Payload)
			}
		})
	}
}
