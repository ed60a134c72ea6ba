package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Notification is one webhook request from DS: the démarche and the
// dossiers it says changed.
type Notification struct {
	Demarche int
	Events   []Event
}

// Event is one dossier change DS reports. Only Dossier is acted on; the
// rest is logged, since the dossier is always read again from the API.
type Event struct {
	Dossier int
	// Type is the event type of a signed batch (dossier_depose...); empty
	// for the legacy form, which reports a state change.
	Type string
	// State is the new state of the legacy form; empty for a batch.
	State string
	// At is when DS says the change happened; zero when it did not say or
	// said it in a form that does not parse.
	At time.Time
}

// maxBatchEvents bounds the events of one signed batch. DS sends at most
// 100; a little slack keeps a future DS working, and the body cap bounds
// the rest.
const maxBatchEvents = 1000

// parseLegacy parses DS's legacy webhook body, form-encoded
// procedure_id, dossier_id, state and updated_at (API-NOTES §11).
func parseLegacy(body []byte) (Notification, error) {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return Notification{}, fmt.Errorf("legacy webhook: expected a form-encoded body: %w", err)
	}
	demarche, err := positiveField(v, "procedure_id")
	if err != nil {
		return Notification{}, err
	}
	dossier, err := positiveField(v, "dossier_id")
	if err != nil {
		return Notification{}, err
	}
	ev := Event{Dossier: dossier, State: v.Get("state"), At: parseLegacyTime(v.Get("updated_at"))}
	return Notification{Demarche: demarche, Events: []Event{ev}}, nil
}

// positiveField reads a required positive integer of a form.
func positiveField(v url.Values, key string) (int, error) {
	raw := strings.TrimSpace(v.Get(key))
	if raw == "" {
		return 0, fmt.Errorf("legacy webhook: field %s: expected a positive integer, got nothing", key)
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("legacy webhook: field %s: expected a positive integer, got %q", key, clip(raw))
	}
	return n, nil
}

// legacyTimeLayouts are the forms of updated_at DS is known or expected
// to send: Ruby's Time#to_s in UTC ("2018-10-25 10:32:42 UTC") or with an
// offset, and ISO 8601.
var legacyTimeLayouts = []string{
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05 -0700",
	time.RFC3339Nano,
}

// parseLegacyTime parses updated_at, or returns zero: the time is only
// informative, so an unexpected form must not refuse the notification.
func parseLegacyTime(s string) time.Time {
	for _, layout := range legacyTimeLayouts {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t
		}
	}
	return time.Time{}
}

// batchBody is the JSON body of DS's signed webhook batches.
type batchBody struct {
	WebhookID      string       `json:"webhook_id"`
	DemarcheNumber int          `json:"demarche_number"`
	Events         []batchEvent `json:"events"`
}

type batchEvent struct {
	Sequence      json.Number `json:"sequence"`
	Type          string      `json:"type"`
	DossierNumber int         `json:"dossier_number"`
	Timestamp     string      `json:"timestamp"`
}

// parseBatch parses a signed JSON batch (API-NOTES §11). Unknown fields are
// accepted, so that DS can add some; a batch must name its démarche and
// each event its dossier.
func parseBatch(body []byte) (Notification, error) {
	var b batchBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		return Notification{}, fmt.Errorf("webhook batch: expected a JSON object: %w", err)
	}
	if dec.More() {
		return Notification{}, errors.New("webhook batch: expected one JSON object, found more after it")
	}
	if b.DemarcheNumber <= 0 {
		return Notification{}, fmt.Errorf("webhook batch: field demarche_number: expected a positive integer, got %d", b.DemarcheNumber)
	}
	if len(b.Events) > maxBatchEvents {
		return Notification{}, fmt.Errorf("webhook batch: %d events: expected at most %d", len(b.Events), maxBatchEvents)
	}
	n := Notification{Demarche: b.DemarcheNumber, Events: make([]Event, 0, len(b.Events))}
	for i, e := range b.Events {
		if e.DossierNumber <= 0 {
			return Notification{}, fmt.Errorf("webhook batch: events[%d].dossier_number: expected a positive integer, got %d", i, e.DossierNumber)
		}
		at, _ := time.Parse(time.RFC3339Nano, e.Timestamp)
		n.Events = append(n.Events, Event{Dossier: e.DossierNumber, Type: e.Type, At: at})
	}
	return n, nil
}

// clip shortens a value quoted in an error message, which may end up in a
// log: the sender controls it.
func clip(s string) string {
	const limit = 40
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "…"
}
