package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// deliver posts events in both forms configured: one legacy form each,
// and one signed batch per run of events of the same démarche.
func (w *WebhookSender) deliver(ctx context.Context, events []outgoingEvent) {
	if w.opts.LegacyURL != "" {
		for _, ev := range events {
			w.post(ctx, "legacy", w.opts.LegacyURL, "application/x-www-form-urlencoded", legacyForm(ev), "", []int{ev.DossierNumber})
		}
	}
	if w.opts.BatchURL == "" {
		return
	}
	for start := 0; start < len(events); {
		end := start + 1
		for end < len(events) && events[end].DemarcheNumber == events[start].DemarcheNumber {
			end++
		}
		body, dossiers, err := batchJSON(events[start:end])
		if err != nil {
			w.record(WebhookDelivery{Form: "batch", URL: w.opts.BatchURL, Dossiers: dossiers, Error: err.Error()})
		} else {
			w.post(ctx, "batch", w.opts.BatchURL, "application/json", body, signBody(w.opts.Secret, body), dossiers)
		}
		start = end
	}
}

// legacyForm is DS's WebHookJob body.
func legacyForm(ev outgoingEvent) []byte {
	return []byte(url.Values{
		"procedure_id": {strconv.Itoa(ev.DemarcheNumber)},
		"dossier_id":   {strconv.Itoa(ev.DossierNumber)},
		"state":        {ev.State},
		"updated_at":   {ev.UpdatedAt.In(paris).Format(legacyTimeLayout)},
	}.Encode())
}

// batchJSON is the body of DS's Webhooks::DeliveryJob for events of one
// démarche, and the dossiers it names.
func batchJSON(events []outgoingEvent) ([]byte, []int, error) {
	type event struct {
		Sequence      int64  `json:"sequence"`
		Type          string `json:"type"`
		DossierNumber int    `json:"dossier_number"`
		Timestamp     string `json:"timestamp"`
	}
	body := struct {
		WebhookID      string  `json:"webhook_id"`
		DemarcheNumber int     `json:"demarche_number"`
		Events         []event `json:"events"`
	}{WebhookID: typedID("Webhook", 1), DemarcheNumber: events[0].DemarcheNumber}
	dossiers := make([]int, 0, len(events))
	for _, ev := range events {
		body.Events = append(body.Events, event{ev.sequence, ev.typ, ev.DossierNumber, ev.UpdatedAt.In(paris).Format(time.RFC3339)})
		dossiers = append(dossiers, ev.DossierNumber)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, dossiers, fmt.Errorf("sandbox webhooks: encode batch: %w", err)
	}
	return b, dossiers, nil
}

// signBody is the value of WebhookSignatureHeader for body.
func signBody(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// post sends one webhook and records the delivery.
func (w *WebhookSender) post(ctx context.Context, form, target, contentType string, body []byte, signature string, dossiers []int) {
	d := WebhookDelivery{Form: form, URL: target, Dossiers: dossiers}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err == nil {
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("User-Agent", "spplus-sandbox-webhooks")
		if signature != "" {
			req.Header.Set(WebhookSignatureHeader, signature)
		}
		var resp *http.Response
		if resp, err = w.client.Do(req); err == nil {
			d.Status = resp.StatusCode
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			_ = resp.Body.Close()
		}
	}
	if err != nil {
		// The URL may hold the receiver's secret (/webhook/{secret}): keep
		// the cause only.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		d.Error = err.Error()
		w.srv.log.Warn().Err(err).Str("form", form).Msg("webhook delivery failed")
	}
	w.record(d)
}

// record appends d to the deliveries kept.
func (w *WebhookSender) record(d WebhookDelivery) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.deliveries = append(w.deliveries, d)
	if len(w.deliveries) > maxDeliveries {
		w.deliveries = slices.Delete(w.deliveries, 0, len(w.deliveries)-maxDeliveries)
	}
}
