package connector

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
)

// policy is what a démarche's config says about writing back to DS, ready
// for the pure planning functions.
type policy struct {
	annotations map[string]string // annotation key → descriptor id
	messages    config.Messages
	decisions   config.Decisions
	templates   *template.Template
	loc         *time.Location // Europe/Paris: "today" and displayed times
}

// facts are what the planning needs to know of the dossier on DS now.
type facts struct {
	Number    int
	DossierID string
	State     string
	// Annotations are the current values on DS, by annotation key, in the
	// canonical text form of annotationText; a key absent is unset.
	Annotations map[string]string
	// AnnotationIDs are the annotations' champ ids, by key.
	AnnotationIDs map[string]string
	// Justificatif names the file attached to the decision, if any.
	Justificatif string
}

// Payloads of the outbox actions. Their JSON is persisted: never rename.
type annotationsPayload struct {
	DossierID string            `json:"dossier_id"`
	Values    []annotationWrite `json:"values"`
}

type annotationWrite struct {
	Key   string      `json:"key"`
	ID    string      `json:"id"`
	Kind  config.Kind `json:"kind"`
	Value string      `json:"value"`
}

type messagePayload struct {
	DossierID  string `json:"dossier_id"`
	Body       string `json:"body"`
	Marker     string `json:"marker"`
	Correction bool   `json:"correction,omitempty"`
	Index      int    `json:"index"`
	Set        string `json:"set"`
	// Attestation attaches the label attestation PDF, rendered and
	// uploaded when the message is sent.
	Attestation bool `json:"attestation,omitempty"`
}

type statePayload struct {
	DossierID  string `json:"dossier_id"`
	Transition string `json:"transition"`
	From       string `json:"from"`
	Motivation string `json:"motivation,omitempty"`
}

// plan decides the actions a verdict calls for on one dossier: one
// annotations write holding only the values that differ from what the
// dossier holds, at most one message (first message, reminder or
// correction request), and a state change when its policy is auto. It is
// pure: snap is the new snapshot (its InputsHash set), x its extra before
// this evaluation, now the pass's clock. Planning the same inputs twice
// gives the same action keys, which the outbox never adds twice.
func plan(o outcome, snap store.Snapshot, x extra, f facts, p policy, now time.Time) ([]store.Action, error) {
	var out []store.Action
	dec := decide(o, f.State, p.decisions)
	if a, ok, err := planAnnotations(o, f, dec, p, now); err != nil {
		return nil, err
	} else if ok {
		out = append(out, a)
	}
	if a, ok, err := planMessage(o, snap, x, f, p, now); err != nil {
		return nil, err
	} else if ok {
		out = append(out, a)
	}
	if a, ok, err := planAttestation(o, f, p, now); err != nil {
		return nil, err
	} else if ok {
		out = append(out, a)
	}
	if dec.Transition != "" && dec.Policy == config.PolicyAuto {
		a, err := newAction(f.Number, store.KindState, dec.Transition+"/"+short(snap.InputsHash), now,
			statePayload{DossierID: f.DossierID, Transition: dec.Transition, From: f.State, Motivation: dec.Motivation})
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// newAction builds an outbox action keyed "<dossier>/<kind>/<id>".
func newAction(number int, kind, id string, now time.Time, payload any) (store.Action, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return store.Action{}, fmt.Errorf("dossier %d: encode %s action: %w", number, kind, err)
	}
	return store.Action{Key: fmt.Sprintf("%d/%s/%s", number, kind, id), Dossier: number, Kind: kind,
		Payload: b, State: store.ActionPending, CreatedAt: now}, nil
}

// short returns the first 12 characters of a hash.
func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// hashOf hashes parts into a short hex id.
func hashOf(parts ...string) string {
	h := &hasher{h: sha256.New()}
	h.put(parts...)
	return hex.EncodeToString(h.h.Sum(nil))[:12]
}

// messageable reports whether the candidate may be written to in state:
// never once the dossier is decided.
func messageable(state string) bool {
	return state == graphql.StateEnConstruction || state == graphql.StateEnInstruction
}

// today is now's calendar day in the policy's time zone.
func (p policy) today(now time.Time) (int, time.Month, int) {
	loc := p.loc
	if loc == nil {
		loc = time.UTC
	}
	return now.In(loc).Date()
}

// keys of the annotation values joined, for logs and reports.
func valueKeys(ws []annotationWrite) string {
	keys := make([]string, len(ws))
	for i, w := range ws {
		keys[i] = w.Key
	}
	return strings.Join(keys, ",")
}
