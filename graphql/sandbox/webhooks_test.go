package sandbox

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const testWebhookSecret = "whsec_dGVzdC1zZWNyZXQ="

// received is one webhook the test receiver got.
type received struct {
	form     string // legacy or batch
	values   url.Values
	batch    map[string]any
	dossiers []int
}

// webhookReceiver is an httptest server standing for spplus: it checks
// each webhook as spplus would and reports it on a channel.
type webhookReceiver struct {
	t    *testing.T
	ts   *httptest.Server
	got  chan received
	mu   sync.Mutex
	errs []string
}

func newWebhookReceiver(t *testing.T) *webhookReceiver {
	r := &webhookReceiver{t: t, got: make(chan received, 100)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /legacy", r.legacy)
	mux.HandleFunc("POST /batch", r.batch)
	r.ts = httptest.NewServer(mux)
	t.Cleanup(r.ts.Close)
	return r
}

func (r *webhookReceiver) fail(w http.ResponseWriter, msg string) {
	r.mu.Lock()
	r.errs = append(r.errs, msg)
	r.mu.Unlock()
	http.Error(w, msg, http.StatusBadRequest)
}

func (r *webhookReceiver) legacy(w http.ResponseWriter, req *http.Request) {
	if ct := req.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		r.fail(w, "legacy content type "+ct)
		return
	}
	if err := req.ParseForm(); err != nil {
		r.fail(w, err.Error())
		return
	}
	n, _ := itoaInverse(req.PostForm.Get("dossier_id"))
	r.got <- received{form: "legacy", values: req.PostForm, dossiers: []int{n}}
	w.WriteHeader(http.StatusAccepted)
}

// batch verifies the HMAC independently of the sender's code.
func (r *webhookReceiver) batch(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		r.fail(w, err.Error())
		return
	}
	mac := hmac.New(sha256.New, []byte(testWebhookSecret))
	mac.Write(body)
	want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(req.Header.Get("X-Webhook-Signature-256")), []byte(want)) {
		r.fail(w, "bad signature "+req.Header.Get("X-Webhook-Signature-256"))
		return
	}
	var b map[string]any
	if err := json.Unmarshal(body, &b); err != nil || req.Header.Get("Content-Type") != "application/json" {
		r.fail(w, "batch body "+string(body))
		return
	}
	var dossiers []int
	for _, e := range b["events"].([]any) {
		dossiers = append(dossiers, int(e.(map[string]any)["dossier_number"].(float64)))
	}
	r.got <- received{form: "batch", batch: b, dossiers: dossiers}
	w.WriteHeader(http.StatusAccepted)
}

// collect waits until the receiver got the given dossiers in each form.
// The timeout only keeps a broken test from hanging.
func (r *webhookReceiver) collect(legacy, batch int) (legacyGot, batchGot []received) {
	r.t.Helper()
	timeout := time.After(10 * time.Second)
	var nl, nb int
	for nl < legacy || nb < batch {
		select {
		case g := <-r.got:
			if g.form == "legacy" {
				legacyGot, nl = append(legacyGot, g), nl+1
			} else {
				batchGot, nb = append(batchGot, g), nb+len(g.dossiers)
			}
		case <-timeout:
			r.t.Fatalf("got %d legacy and %d batch events, want %d and %d; receiver errors: %v", nl, nb, legacy, batch, r.errs)
		}
	}
	return legacyGot, batchGot
}

func itoaInverse(s string) (int, error) {
	var n int
	err := json.Unmarshal([]byte(s), &n)
	return n, err
}

// TestWebhookSenderBothForms: a state change through the API and a dépôt
// through the admin API reach the receiver in both forms.
func TestWebhookSenderBothForms(t *testing.T) {
	rcv := newWebhookReceiver(t)
	h := newHarness(t, func(o *Options) { o.WebhookURL = rcv.ts.URL + "/legacy" })
	sender, err := NewWebhookSender(h.srv, WebhookSenderOptions{BatchURL: rcv.ts.URL + "/batch", Secret: testWebhookSecret})
	if err != nil {
		t.Fatal(err)
	}
	if err := sender.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer sender.Stop()
	h.ts = httptest.NewServer(sender.Handler())
	defer h.ts.Close()

	h.mutate("Bearer sandbox-token", "dossierPasserEnInstruction", map[string]any{"dossierId": d101, "instructeurId": i1}, "dossier { id }")
	if r := h.do("POST", "/_sandbox/dossiers", "", []byte(`{"number":300}`)); r.status != http.StatusCreated {
		t.Fatalf("file dossier 300: %d %s", r.status, r.raw)
	}
	legacy, batches := rcv.collect(2, 2)

	wantForms := []url.Values{
		{"procedure_id": {"1"}, "dossier_id": {"101"}, "state": {"en_instruction"}, "updated_at": {"2026-01-15 12:00:00 +0100"}},
		{"procedure_id": {"1"}, "dossier_id": {"300"}, "state": {"en_construction"}, "updated_at": {"2026-01-15 12:00:00 +0100"}},
	}
	for i, g := range legacy {
		if !reflect.DeepEqual(g.values, wantForms[i]) {
			t.Errorf("legacy webhook %d = %v, want %v", i, g.values, wantForms[i])
		}
	}
	var events []any
	for _, b := range batches {
		if b.batch["demarche_number"] != 1.0 || b.batch["webhook_id"] != typedID("Webhook", 1) {
			t.Errorf("batch header = %v", b.batch)
		}
		events = append(events, b.batch["events"].([]any)...)
	}
	wantEvents := []any{
		map[string]any{"sequence": 1.0, "type": "dossier_en_instruction", "dossier_number": 101.0, "timestamp": "2026-01-15T12:00:00+01:00"},
		map[string]any{"sequence": 2.0, "type": "dossier_depose", "dossier_number": 300.0, "timestamp": "2026-01-15T12:00:00+01:00"},
	}
	if !reflect.DeepEqual(events, wantEvents) {
		t.Errorf("batch events = %v\nwant %v", events, wantEvents)
	}
	if got := len(h.srv.WebhookEvents()); got != 2 {
		t.Errorf("WebhookEvents has %d events, want 2 (state change and dépôt)", got)
	}
}

// TestWebhookSenderEventTypes names the transitions as DS's newer webhook
// does, without any network: the events are read off the queue.
func TestWebhookSenderEventTypes(t *testing.T) {
	h := newHarness(t)
	sender, err := NewWebhookSender(h.srv, WebhookSenderOptions{LegacyURL: "http://127.0.0.1:1/unused"})
	if err != nil {
		t.Fatal(err)
	}
	d102 := typedID("Dossier", 102)
	for _, m := range []string{"dossierAccepter", "dossierRepasserEnInstruction", "dossierRepasserEnConstruction", "dossierPasserEnInstruction", "dossierRefuser"} {
		in := map[string]any{"dossierId": d102, "instructeurId": i1}
		if m == "dossierRefuser" {
			in["motivation"] = "Pièces manquantes"
		}
		if p, r := h.mutate("Bearer sandbox-token", m, in, "dossier { id }"); p == nil || p["errors"] != nil {
			t.Fatalf("%s: %s", m, r.raw)
		}
	}
	if n := sender.Collect(); n != 5 {
		t.Fatalf("Collect found %d events, want 5", n)
	}
	var types []string
	for range 5 {
		types = append(types, (<-sender.queue).typ)
	}
	want := []string{"dossier_accepte", "dossier_repasse_en_instruction", "dossier_repasse_en_construction", "dossier_en_instruction", "dossier_refuse"}
	if !slices.Equal(types, want) {
		t.Errorf("types %v, want %v", types, want)
	}
	if sender.Collect() != 0 {
		t.Error("second Collect found events again")
	}
}

// TestWebhookSenderBoundedQueue: a receiver that does not keep up loses
// events (counted) instead of slowing the sandbox down.
func TestWebhookSenderBoundedQueue(t *testing.T) {
	h := newHarness(t)
	sender, err := NewWebhookSender(h.srv, WebhookSenderOptions{LegacyURL: "http://127.0.0.1:1/unused", QueueSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	h.mutate("Bearer sandbox-token", "dossierPasserEnInstruction", map[string]any{"dossierId": d101, "instructeurId": i1}, "dossier { id }")
	h.mutate("Bearer sandbox-token", "dossierAccepter", map[string]any{"dossierId": typedID("Dossier", 102), "instructeurId": i1}, "dossier { id }")
	sender.Collect()
	if sender.Dropped() != 1 || len(sender.queue) != 1 {
		t.Errorf("dropped %d, queued %d; want 1 and 1", sender.Dropped(), len(sender.queue))
	}
}

func TestWebhookSenderDeliveryErrors(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/webhook/s3cr3t"
	dead.Close()
	h := newHarness(t)
	sender, err := NewWebhookSender(h.srv, WebhookSenderOptions{LegacyURL: deadURL})
	if err != nil {
		t.Fatal(err)
	}
	h.mutate("Bearer sandbox-token", "dossierPasserEnInstruction", map[string]any{"dossierId": d101, "instructeurId": i1}, "dossier { id }")
	sender.Collect()
	sender.deliver(context.Background(), sender.drain(<-sender.queue))
	d := sender.Deliveries()
	if len(d) != 1 || d[0].Status != 0 || d[0].Error == "" || strings.Contains(d[0].Error, "s3cr3t") {
		t.Errorf("deliveries = %+v; want one failure whose error does not repeat the URL's secret", d)
	}
}

func TestNewWebhookSenderOptions(t *testing.T) {
	h := newHarness(t)
	if _, err := NewWebhookSender(h.srv, WebhookSenderOptions{}); err == nil {
		t.Error("no URL: expected an error")
	}
	if _, err := NewWebhookSender(h.srv, WebhookSenderOptions{BatchURL: "http://x/batch"}); err == nil {
		t.Error("BatchURL without Secret: expected an error")
	}
	s, err := NewWebhookSender(h.srv, WebhookSenderOptions{LegacyURL: "http://x/legacy"})
	if err != nil {
		t.Fatal(err)
	}
	s.Stop() // before Start: harmless
	if err := s.Start(context.Background()); err == nil {
		t.Error("Start after Stop: expected an error")
	}
}

// TestDepositOfBrouillonSendsNothing: DS fires no webhook for a brouillon.
func TestDepositOfBrouillonSendsNothing(t *testing.T) {
	h := newHarness(t)
	if r := h.do("POST", "/_sandbox/dossiers", "", []byte(`{"number":301,"state":"brouillon"}`)); r.status != http.StatusCreated {
		t.Fatalf("file dossier 301: %d %s", r.status, r.raw)
	}
	if ev := h.srv.WebhookEvents(); len(ev) != 0 {
		t.Errorf("webhook events for a brouillon: %+v", ev)
	}
}
