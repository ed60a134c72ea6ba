package sandbox

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// Payload errors of DS's validate_blob (app/graphql/mutations/base_mutation.rb).
const (
	errBlobNotUploaded = "Le fichier n’a pas été correctement téléversé sur le serveur de stockage"
	errBlobInvalidID   = "L’identifiant du fichier téléversé est invalide"
	errBlobBadHash     = "Le hash du fichier téléversé est invalide"
)

// maxUploadBytes bounds one upload (DS allows 200 MB attachments).
const maxUploadBytes = 200 << 20

// resolveCreateDirectUpload prepares a blob and answers where to PUT it. The payload has no
// errors field, so a refusal (read-only token) surfaces as graphql-ruby's invalid_null on
// directUpload, as on DS.
func resolveCreateDirectUpload(ex *executor, _ map[string]any, args map[string]any, _ *ast.Field) (any, error) {
	in, _ := args["input"].(map[string]any)
	rec := ex.record("createDirectUpload", in)
	if ex.access != accessReadWrite {
		rec.fail("Le jeton utilisé est configuré seulement en lecture")
		return map[string]any{"clientMutationId": in["clientMutationId"]}, nil
	}
	if _, err := ex.loadDossier(in, "createDirectUpload"); err != nil {
		rec.fail(err.Error())
		return nil, err
	}
	b := ex.newUploadBlob(in)
	headers, _ := json.Marshal(map[string]string{"Content-Type": b.contentType, "Content-MD5": b.checksum})
	return map[string]any{
		"clientMutationId": in["clientMutationId"],
		"directUpload": map[string]any{
			"url":          ex.srv.signedURL(ex.baseURL, uploadsPrefix, b.key, ex.now),
			"headers":      string(headers),
			"blobId":       strconv.Itoa(b.id),
			"signedBlobId": ex.srv.signedBlobID(b, ex.now),
		},
	}, nil
}

func (ex *executor) newUploadBlob(in map[string]any) *blob {
	db := ex.srv.db
	id := db.nextSeq()
	size, _ := asInt(in["byteSize"])
	b := &blob{
		id: id, filename: str(in["filename"]), contentType: str(in["contentType"]),
		checksum: str(in["checksum"]), byteSize: size, createdAt: ex.now,
	}
	// DS keys look like YYYY/MM/DD/xx/<token> (config/initializers/active_storage.rb).
	token := ex.srv.sign("blob-key", strconv.Itoa(id))[:28]
	b.key = fmt.Sprintf("%s/%s/%s", ex.now.In(paris).Format("2006/01/02"), token[:2], token)
	db.blobs[b.key] = b
	db.blobsByID[id] = b
	return b
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// signedBlobID is the sandbox's ActiveStorage signed id: "<b64(id:expiry)>--<hmac>".
func (s *Server) signedBlobID(b *blob, now time.Time) string {
	msg := fmt.Sprintf("%d:%d", b.id, now.Add(blobURLLifetime).Unix())
	return base64.RawURLEncoding.EncodeToString([]byte(msg)) + "--" + s.sign("signed-blob", msg)
}

// validateBlob resolves a signed blob id and checks the uploaded content, returning DS's
// payload error message on failure.
func (ex *executor) validateBlob(signedID string) (*blob, string) {
	msgPart, sig, ok := strings.Cut(signedID, "--")
	raw, err := base64.RawURLEncoding.DecodeString(msgPart)
	if !ok || err != nil || sig != ex.srv.sign("signed-blob", string(raw)) {
		return nil, errBlobInvalidID
	}
	idText, expText, _ := strings.Cut(string(raw), ":")
	id, _ := strconv.Atoi(idText)
	exp, _ := strconv.ParseInt(expText, 10, 64)
	b := ex.srv.blobByID(id)
	if b == nil || ex.now.After(time.Unix(exp, 0)) {
		return nil, errBlobInvalidID
	}
	if !b.uploaded {
		return nil, errBlobNotUploaded
	}
	if md5Base64(b.data) != b.checksum {
		return nil, errBlobBadHash
	}
	return b, ""
}

func (s *Server) blobByID(id int) *blob {
	return s.db.blobsByID[id]
}

// serveUpload answers PUT /_sandbox/uploads/{key}: like ActiveStorage's disk service it
// refuses (422) a body whose size or MD5 differs from what createDirectUpload declared
// when Content-MD5 (or an ETag with the hex MD5) is sent; without either header it stores
// the bytes unchecked, as Swift does, and the mutation using the blob then reports the bad
// hash.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.checkSignedURL(r, uploadsPrefix, key, s.now()) {
		http.Error(w, "Forbidden: expired or invalid signature", http.StatusForbidden)
		return
	}
	b := s.db.blobs[key]
	if b == nil || b.id == 0 {
		http.NotFound(w, r)
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, min(b.byteSize, maxUploadBytes)+1))
	if err != nil {
		http.Error(w, "read body: "+err.Error(), http.StatusBadRequest)
		return
	}
	if msg := checkUpload(r, b, data); msg != "" {
		http.Error(w, msg, http.StatusUnprocessableEntity)
		return
	}
	b.data, b.uploaded = data, true
	w.WriteHeader(http.StatusCreated)
}

// checkUpload compares the PUT with the blob's declaration; "" means acceptable.
func checkUpload(r *http.Request, b *blob, data []byte) string {
	if int64(len(data)) != b.byteSize {
		return fmt.Sprintf("byte size %d differs from the declared %d", len(data), b.byteSize)
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && b.contentType != "" && ct != b.contentType {
		return fmt.Sprintf("content type %q differs from the declared %q", ct, b.contentType)
	}
	sum := md5.Sum(data)
	if h := r.Header.Get("Content-MD5"); h != "" {
		if h != b.checksum || base64.StdEncoding.EncodeToString(sum[:]) != h {
			return "Content-MD5 does not match the declared checksum and the body"
		}
	}
	if etag := strings.Trim(r.Header.Get("ETag"), `"`); etag != "" {
		declared, err := base64.StdEncoding.DecodeString(b.checksum)
		if err != nil || etag != hex.EncodeToString(declared) || etag != hex.EncodeToString(sum[:]) {
			return "ETag does not match the declared checksum and the body"
		}
	}
	return ""
}
