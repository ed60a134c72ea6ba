package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
)

const testSecret = "whsec_c2VjcmV0L3dpdGgrc2xhc2g="

// webhookServer returns the handler of a server whose webhook feeds q.
func webhookServer(t *testing.T, q Enqueuer, w WebhookOptions, clock *fakeClock, logs *bytes.Buffer) http.Handler {
	t.Helper()
	w.Queue = q
	if w.Demarches == nil {
		w.Demarches = []int{1, 9407}
	}
	log := zerolog.Nop()
	if logs != nil {
		log = zerolog.New(logs)
	}
	s, err := New(Options{
		Readiness: ReadinessFunc(func(context.Context) (bool, []string) { return true, nil }),
		Webhook:   w, Now: clock.Now, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler()
}

const legacyBody = "procedure_id=9407&dossier_id=204179&state=en_construction&updated_at=2018-10-25%2010%3A32%3A42%20UTC"

func batchJSON(demarche int, dossiers ...int) string {
	var events []string
	for i, d := range dossiers {
		events = append(events, `{"sequence":`+demarcheLabel(i+1)+`,"type":"dossier_depose","dossier_number":`+demarcheLabel(d)+`,"timestamp":"2026-03-02T10:00:00+01:00"}`)
	}
	return `{"webhook_id":"V2ViaG9vay0x","demarche_number":` + demarcheLabel(demarche) + `,"events":[` + strings.Join(events, ",") + `]}`
}

// request is one webhook call of a table test.
type request struct {
	path, contentType, body, signature string
}

func (r request) do(h http.Handler) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", r.path, strings.NewReader(r.body))
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if r.signature != "" {
		req.Header.Set(SignatureHeader, r.signature)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const (
	form = "application/x-www-form-urlencoded"
	js   = "application/json"
)

func TestWebhookAuthAndParsing(t *testing.T) {
	good := batchJSON(1, 101, 102)
	tests := []struct {
		name   string
		secret string
		req    request
		status int
		queued []syncCall
	}{
		{"legacy form, good secret", testSecret, request{"/webhook/" + testSecret, form, legacyBody, ""}, 202, []syncCall{{9407, 204179}}},
		{"legacy form, secret with escaped slash", testSecret, request{"/webhook/whsec_c2VjcmV0L3dpdGgrc2xhc2g%3D", form, legacyBody, ""}, 202, []syncCall{{9407, 204179}}},
		{"legacy form, wrong secret", testSecret, request{"/webhook/nope", form, legacyBody, ""}, 403, nil},
		{"legacy form, no secret", testSecret, request{"/webhook", form, legacyBody, ""}, 401, nil},
		{"legacy form, no content type", testSecret, request{"/webhook/" + testSecret, "", legacyBody, ""}, 202, []syncCall{{9407, 204179}}},
		{"legacy form, bad dossier", testSecret, request{"/webhook/" + testSecret, form, "procedure_id=9407&dossier_id=abc", ""}, 400, nil},
		{"legacy form, unknown démarche", testSecret, request{"/webhook/" + testSecret, form, "procedure_id=5&dossier_id=6", ""}, 422, nil},
		{"batch, good signature", testSecret, request{"/webhook", js, good, Sign(testSecret, []byte(good))}, 202, []syncCall{{1, 101}, {1, 102}}},
		{"batch, good signature and path secret", testSecret, request{"/webhook/" + testSecret, js, good, Sign(testSecret, []byte(good))}, 202, []syncCall{{1, 101}, {1, 102}}},
		{"batch, upper-case hex", testSecret, request{"/webhook", js, good, "sha256=" + strings.ToUpper(strings.TrimPrefix(Sign(testSecret, []byte(good)), "sha256="))}, 202, []syncCall{{1, 101}, {1, 102}}},
		{"batch, signature of another body", testSecret, request{"/webhook", js, good, Sign(testSecret, []byte(good+" "))}, 403, nil},
		{"batch, signature with another secret", testSecret, request{"/webhook", js, good, Sign("other", []byte(good))}, 403, nil},
		{"batch, malformed signature", testSecret, request{"/webhook", js, good, "sha1=abcd"}, 403, nil},
		{"batch, no signature", testSecret, request{"/webhook", js, good, ""}, 401, nil},
		{"batch, no signature but path secret", testSecret, request{"/webhook/" + testSecret, js, good, ""}, 401, nil},
		{"batch, good signature, wrong path secret", testSecret, request{"/webhook/nope", js, good, Sign(testSecret, []byte(good))}, 403, nil},
		{"batch, signed garbage", testSecret, request{"/webhook", js, "{", Sign(testSecret, []byte("{"))}, 400, nil},
		{"batch, ignored types", testSecret, request{"/webhook", js, ignoredBatch, Sign(testSecret, []byte(ignoredBatch))}, 202, []syncCall{{1, 7}}},
		{"unsupported media type", testSecret, request{"/webhook/" + testSecret, "text/plain", legacyBody, ""}, 415, nil},
		{"no secret configured: legacy accepted", "", request{"/webhook", form, legacyBody, ""}, 202, []syncCall{{9407, 204179}}},
		{"no secret configured: batch accepted", "", request{"/webhook/anything", js, good, ""}, 202, []syncCall{{1, 101}, {1, 102}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := &recordingQueue{}
			h := webhookServer(t, q, WebhookOptions{Secret: tt.secret}, newFakeClock(), nil)
			rec := tt.req.do(h)
			if rec.Code != tt.status {
				t.Errorf("status = %d (%s), want %d", rec.Code, rec.Body, tt.status)
			}
			if got := q.Got(); !reflect.DeepEqual(got, tt.queued) {
				t.Errorf("queued %v, want %v", got, tt.queued)
			}
		})
	}
}

const ignoredBatch = `{"demarche_number":1,"events":[` +
	`{"sequence":1,"type":"message_cree","dossier_number":5},` +
	`{"sequence":2,"type":"dossier_modifie","dossier_number":7},` +
	`{"sequence":3,"type":"dossier_label_ajoute","dossier_number":8}]}`

func TestWebhookBodyCap(t *testing.T) {
	q := &recordingQueue{}
	h := webhookServer(t, q, WebhookOptions{Secret: testSecret, MaxBodyBytes: 256}, newFakeClock(), nil)
	big := legacyBody + "&padding=" + strings.Repeat("x", 300)
	if rec := (request{"/webhook/" + testSecret, form, big, ""}).do(h); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: status %d, want 413", rec.Code)
	}
	// Without a Content-Length the cap is enforced while reading.
	req := httptest.NewRequest("POST", "/webhook/"+testSecret, struct{ *strings.Reader }{strings.NewReader(big)})
	req.ContentLength = -1
	req.Header.Set("Content-Type", form)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized streamed body: status %d, want 413", rec.Code)
	}
	if len(q.Got()) != 0 {
		t.Errorf("queued %v from oversized bodies", q.Got())
	}
}

func TestWebhookFlood(t *testing.T) {
	clock := newFakeClock()
	q := &recordingQueue{}
	h := webhookServer(t, q, WebhookOptions{Secret: testSecret, RatePerSecond: 1, Burst: 3}, clock, nil)
	call := func() int { return (request{"/webhook/" + testSecret, form, legacyBody, ""}).do(h).Code }
	var codes []int
	for range 5 {
		codes = append(codes, call())
	}
	if want := []int{202, 202, 202, 429, 429}; !reflect.DeepEqual(codes, want) {
		t.Errorf("burst statuses = %v, want %v", codes, want)
	}
	clock.Advance(time.Second)
	if code := call(); code != 202 {
		t.Errorf("after a second: status %d, want 202", code)
	}
	if len(q.Got()) != 4 {
		t.Errorf("queued %d notifications, want 4", len(q.Got()))
	}
}

func TestWebhookQueueFull(t *testing.T) {
	q := &recordingQueue{limit: 1}
	h := webhookServer(t, q, WebhookOptions{Secret: testSecret}, newFakeClock(), nil)
	body := batchJSON(1, 1, 2, 3)
	rec := (request{"/webhook", js, body, Sign(testSecret, []byte(body))}).do(h)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Errorf("full queue: status %d Retry-After %q, want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	q.err = ErrQueueStopped
	if rec := (request{"/webhook", js, body, Sign(testSecret, []byte(body))}).do(h); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("stopped queue: status %d, want 503", rec.Code)
	}
}

// TestWebhookLogsNoSecret: neither the path secret nor the signature key
// may reach the logs, whatever the outcome.
func TestWebhookLogsNoSecret(t *testing.T) {
	var logs bytes.Buffer
	h := webhookServer(t, &recordingQueue{}, WebhookOptions{Secret: testSecret}, newFakeClock(), &logs)
	good := batchJSON(1, 3)
	for _, r := range []request{
		{"/webhook/" + testSecret, form, legacyBody, ""},
		{"/webhook/" + testSecret + "x", form, legacyBody, ""},
		{"/webhook/" + testSecret, js, good, Sign(testSecret, []byte(good))},
		{"/webhook/" + testSecret, "text/plain", "", ""},
	} {
		r.do(h)
	}
	if strings.Contains(logs.String(), "whsec_") || strings.Contains(logs.String(), "c2VjcmV0") {
		t.Errorf("logs leak the secret:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), redactedPath) {
		t.Errorf("logs lack the redacted path:\n%s", logs.String())
	}
}

// TestWebhookTriggersSync goes from the HTTP notification to the Trigger
// through a real Queue, driven by a fake clock and hand-sent ticks.
func TestWebhookTriggersSync(t *testing.T) {
	clock := newFakeClock()
	trig := newFakeTrigger()
	tick := make(chan time.Time)
	q, err := NewQueue(QueueOptions{Trigger: trig.Trigger, Debounce: 5 * time.Second, Now: clock.Now, Tick: tick})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer q.Stop()
	h := webhookServer(t, q, WebhookOptions{Secret: testSecret}, clock, nil)
	for range 3 { // DS reports the same dossier three times in a burst
		if rec := (request{"/webhook/" + testSecret, form, legacyBody, ""}).do(h); rec.Code != 202 {
			t.Fatalf("status %d", rec.Code)
		}
	}
	if q.Len() != 1 {
		t.Fatalf("queue holds %d dossiers, want 1 (deduplicated)", q.Len())
	}
	clock.Advance(5 * time.Second)
	tick <- clock.Now()
	if c := trig.waitCall(t); c != (syncCall{9407, 204179}) {
		t.Errorf("synced %v, want démarche 9407 dossier 204179", c)
	}
}

// TestWebhookSecretWithSlash: DS secrets are base64 and may hold "/" and
// "+"; the path may carry them raw or escaped.
func TestWebhookSecretWithSlash(t *testing.T) {
	const secret = "whsec_ab/cd+ef="
	for _, path := range []string{"/webhook/whsec_ab/cd+ef=", "/webhook/whsec_ab%2Fcd%2Bef%3D"} {
		q := &recordingQueue{}
		h := webhookServer(t, q, WebhookOptions{Secret: secret}, newFakeClock(), nil)
		if rec := (request{path, form, legacyBody, ""}).do(h); rec.Code != 202 || len(q.Got()) != 1 {
			t.Errorf("%s: status %d, queued %v; want 202 and one dossier", path, rec.Code, q.Got())
		}
	}
}

func TestWebhookMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	s, err := New(Options{
		Readiness: ReadinessFunc(func(context.Context) (bool, []string) { return true, nil }),
		Webhook:   WebhookOptions{Queue: &recordingQueue{}, Secret: testSecret},
		Metrics:   m, Now: newFakeClock().Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	(request{"/webhook/" + testSecret, form, legacyBody, ""}).do(h)
	(request{"/webhook/nope", form, legacyBody, ""}).do(h)
	(request{"/webhook", js, ignoredBatch, Sign(testSecret, []byte(ignoredBatch))}).do(h)
	fams := gather(t, reg)
	for _, tt := range []struct {
		name, label, value string
		want               float64
	}{
		{"spplus_webhook_requests_total", "result", resultAccepted, 2},
		{"spplus_webhook_requests_total", "result", resultForbidden, 1},
		{"spplus_webhook_events_total", "result", eventIgnored, 2},
	} {
		if got := value(t, fams, tt.name, tt.label, tt.value); got != tt.want {
			t.Errorf("%s{%s=%s} = %v, want %v", tt.name, tt.label, tt.value, got, tt.want)
		}
	}
	if got := value(t, fams, "spplus_http_requests_total", "route", "POST /webhook/{secret...}", "code", "403"); got != 1 {
		t.Errorf("http_requests_total for the refused webhook = %v, want 1 under the route pattern, not the secret", got)
	}
}
