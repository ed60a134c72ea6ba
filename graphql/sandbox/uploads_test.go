package sandbox

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// upload runs createDirectUpload for content and returns url, headers and signedBlobId.
func (h *harness) upload(content []byte, declared string) (string, map[string]string, string) {
	h.t.Helper()
	if declared == "" {
		sum := md5.Sum(content)
		declared = base64.StdEncoding.EncodeToString(sum[:])
	}
	p, r := h.mutate("Bearer sandbox-token", "createDirectUpload", map[string]any{
		"dossierId": d102, "filename": "justificatif.pdf", "byteSize": len(content),
		"checksum": declared, "contentType": "application/pdf",
	}, "directUpload { url headers blobId signedBlobId }")
	du, _ := p["directUpload"].(map[string]any)
	if du == nil {
		h.t.Fatalf("createDirectUpload: %s", r.raw)
	}
	var headers map[string]string
	if err := json.Unmarshal([]byte(du["headers"].(string)), &headers); err != nil {
		h.t.Fatal(err)
	}
	return du["url"].(string), headers, du["signedBlobId"].(string)
}

func (h *harness) put(url string, body []byte, headers map[string]string) int {
	h.t.Helper()
	kv := []string{}
	for k, v := range headers {
		kv = append(kv, k, v)
	}
	return h.do("PUT", strings.TrimPrefix(url, h.ts.URL), "", body, kv...).status
}

func TestUploadFlowAttachesJustificatif(t *testing.T) {
	h := newHarness(t)
	content := []byte("%PDF-1.4 décision")
	url, headers, signed := h.upload(content, "")
	if !strings.HasPrefix(url, h.ts.URL+"/_sandbox/uploads/") || headers["Content-Type"] != "application/pdf" || headers["Content-MD5"] == "" {
		t.Fatalf("direct upload: %s %v", url, headers)
	}
	if st := h.put(url, content, headers); st != http.StatusCreated {
		t.Fatalf("PUT status %d", st)
	}
	p, r := h.mutate("Bearer sandbox-token", "dossierAccepter", map[string]any{"dossierId": d102, "instructeurId": i1, "justificatif": signed},
		"dossier { motivationAttachment { filename checksum byteSizeBigInt url } }")
	att, _ := at(p, "dossier", "motivationAttachment").(map[string]any)
	if att == nil || att["filename"] != "justificatif.pdf" || att["byteSizeBigInt"] != "18" {
		t.Fatalf("motivationAttachment: %s", r.raw)
	}
	got := h.do("GET", strings.TrimPrefix(att["url"].(string), h.ts.URL), "", nil)
	if got.status != http.StatusOK || string(got.raw) != string(content) {
		t.Errorf("download: %d %q", got.status, got.raw)
	}
}

func TestUploadRefusals(t *testing.T) {
	content := []byte("message attachment")
	tests := []struct {
		name    string
		prepare func(h *harness) (signed string)
		wantPut int
		wantErr string
	}{
		{"bad MD5 refused by PUT", func(h *harness) string {
			url, headers, signed := h.upload(content, base64.StdEncoding.EncodeToString(make([]byte, 16)))
			if st := h.put(url, content, headers); st != http.StatusUnprocessableEntity {
				h.t.Errorf("PUT with mismatching MD5: status %d, want 422", st)
			}
			return signed
		}, 0, errBlobNotUploaded},
		{"size mismatch refused by PUT", func(h *harness) string {
			url, headers, signed := h.upload(content, "")
			if st := h.put(url, append(content, '!'), headers); st != http.StatusUnprocessableEntity {
				h.t.Errorf("PUT with extra byte: status %d, want 422", st)
			}
			return signed
		}, 0, errBlobNotUploaded},
		{"never uploaded", func(h *harness) string {
			_, _, signed := h.upload(content, "")
			return signed
		}, 0, errBlobNotUploaded},
		{"forged signed id", func(h *harness) string { return "eyJmb28iOjF9--deadbeef" }, 0, errBlobInvalidID},
		{"expired signed id", func(h *harness) string {
			url, headers, signed := h.upload(content, "")
			h.put(url, content, headers)
			h.clock.Advance(blobURLLifetime + time.Second)
			return signed
		}, 0, errBlobInvalidID},
		{"content differs without MD5 header", func(h *harness) string {
			url, _, signed := h.upload(content, "")
			// Same size, other bytes, no Content-MD5: stored unchecked, as Swift does.
			if st := h.put(url, []byte("MESSAGE ATTACHMENT"), nil); st != http.StatusCreated {
				h.t.Errorf("PUT without MD5: status %d", st)
			}
			return signed
		}, 0, errBlobBadHash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			signed := tt.prepare(h)
			p, r := h.mutate("Bearer sandbox-token", "dossierEnvoyerMessage", map[string]any{"dossierId": d102, "instructeurId": i1, "body": "PJ", "attachment": signed}, "message { id }")
			if payloadError(p) != tt.wantErr {
				t.Errorf("error = %q, want %q: %s", payloadError(p), tt.wantErr, r.raw)
			}
		})
	}
}

func TestCreateDirectUploadReadOnlyIsInvalidNull(t *testing.T) {
	h := newHarness(t)
	r := h.gqlAs("Bearer ro-token", `mutation { createDirectUpload(input: {dossierId: "`+d102+`", filename: "a", byteSize: 1, checksum: "x", contentType: "text/plain"}) { directUpload { url } } }`, nil)
	if r.data("createDirectUpload") != nil || at(r.errors()[0], "message") != "Cannot return null for non-nullable field CreateDirectUploadPayload.directUpload" {
		t.Errorf("read-only createDirectUpload: %s", r.raw)
	}
}

func TestBlobURLExpiry(t *testing.T) {
	h := newHarness(t)
	r := h.gql(`{ dossier(number: 101) { champs(id: "Q2hhbXAtMTU=") { ... on PieceJustificativeChamp { files { url } } } } }`, nil)
	url := r.data("dossier", "champs", 0, "files", 0, "url").(string)
	path := strings.TrimPrefix(url, h.ts.URL)
	if got := h.do("GET", path, "", nil); got.status != http.StatusOK || string(got.raw) != "E1_1,E1_2\n1,0.75\n" || got.header.Get("Content-Type") != "text/csv" {
		t.Fatalf("fresh URL: %d %q", got.status, got.raw)
	}
	if got := h.do("GET", strings.Replace(path, "sig=", "sig=0", 1), "", nil); got.status != http.StatusForbidden {
		t.Errorf("forged signature: %d", got.status)
	}
	h.clock.Advance(time.Hour)
	if got := h.do("GET", path, "", nil); got.status != http.StatusOK {
		t.Errorf("URL must still work at exactly one hour: %d", got.status)
	}
	h.clock.Advance(time.Second)
	if got := h.do("GET", path, "", nil); got.status != http.StatusForbidden {
		t.Errorf("expired URL: %d", got.status)
	}
}
