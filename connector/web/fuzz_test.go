package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzParseLegacy: any body gives a notification or an error, never a
// panic, and a notification always names a positive démarche and dossier.
func FuzzParseLegacy(f *testing.F) {
	f.Add(legacyBody)
	f.Add("procedure_id=1&dossier_id=2")
	f.Add("procedure_id=-1&dossier_id=2")
	f.Add("procedure_id=1&dossier_id=99999999999999999999999")
	f.Add("procedure_id=1;dossier_id=2")
	f.Add("%zz")
	f.Add("procedure_id=1&dossier_id=2&updated_at=2026-03-02T10:00:00%2B01:00")
	f.Fuzz(func(t *testing.T, body string) {
		n, err := parseLegacy([]byte(body))
		if err != nil {
			return
		}
		if n.Demarche <= 0 || len(n.Events) != 1 || n.Events[0].Dossier <= 0 {
			t.Errorf("parseLegacy(%q) = %+v", body, n)
		}
	})
}

// FuzzParseBatch: same contract for the JSON batches.
func FuzzParseBatch(f *testing.F) {
	f.Add(batchJSON(1, 101, 102))
	f.Add(ignoredBatch)
	f.Add(`{"demarche_number":1,"events":[]}`)
	f.Add(`{"demarche_number":0}`)
	f.Add(`{"demarche_number":1,"events":[{"dossier_number":-3}]}`)
	f.Add(`{"demarche_number":1} {}`)
	f.Add(`{"demarche_number":1.5}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		n, err := parseBatch([]byte(body))
		if err != nil {
			return
		}
		if n.Demarche <= 0 || len(n.Events) > maxBatchEvents {
			t.Errorf("parseBatch(%q) = %+v", body, n)
		}
		for _, e := range n.Events {
			if e.Dossier <= 0 {
				t.Errorf("parseBatch(%q): event %+v", body, e)
			}
		}
	})
}

// FuzzVerifySignature: only the right HMAC of the exact body passes.
func FuzzVerifySignature(f *testing.F) {
	f.Add("secret", "body", Sign("secret", []byte("body")))
	f.Add("secret", "body", "sha256=")
	f.Add("secret", "body", "sha256=zz")
	f.Add("", "", Sign("", nil))
	f.Add("s", "b", "SHA256="+strings.Repeat("0", 64))
	f.Fuzz(func(t *testing.T, secret, body, header string) {
		err := verifySignature(secret, []byte(body), header)
		want := Sign(secret, []byte(body))
		if err == nil && !strings.EqualFold(strings.TrimSpace(header), want) {
			t.Errorf("verifySignature(%q, %q, %q) accepted a header that is not %q", secret, body, header, want)
		}
		if err != nil && strings.TrimSpace(header) == want {
			t.Errorf("verifySignature refused the right signature: %v", err)
		}
	})
}

// FuzzWebhookHandler: whatever the request, the handler answers, and
// queues nothing unless the secret or signature was right.
func FuzzWebhookHandler(f *testing.F) {
	good := batchJSON(1, 3)
	f.Add("/webhook/"+testSecret, form, legacyBody, "")
	f.Add("/webhook", js, good, Sign(testSecret, []byte(good)))
	f.Add("/webhook/x", js, good, "sha256=00")
	f.Add("/webhook", "", legacyBody, "")
	f.Add("/webhook/"+testSecret, "multipart/form-data; boundary=x", "--x--", "")
	f.Fuzz(func(t *testing.T, path, contentType, body, sig string) {
		if !strings.HasPrefix(path, "/webhook") || strings.ContainsAny(path, " ?#\x00\r\n\t") {
			return
		}
		if _, err := url.ParseRequestURI(path); err != nil {
			return // not a request target a client could send
		}
		q := &recordingQueue{}
		h := webhookServer(t, q, WebhookOptions{Secret: testSecret}, newFakeClock(), nil)
		req := httptest.NewRequest("POST", "http://x"+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set(SignatureHeader, sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		authentic := strings.HasPrefix(path, "/webhook/"+testSecret) || verifySignature(testSecret, []byte(body), sig) == nil
		if len(q.Got()) > 0 && !authentic {
			t.Errorf("queued %v from an unauthenticated request (path %q, sig %q)", q.Got(), path, sig)
		}
	})
}
