package sandbox

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// blobURLLifetime is ActiveStorage's service_urls_expire_in on DS (1 hour); signed blob ids
// expire after the same delay.
const blobURLLifetime = time.Hour

// blobScheme marks a File url in the data file that the sandbox rewrites into a signed URL.
const blobScheme = "sandbox-blob:"

// blob is one stored or uploading file.
type blob struct {
	key         string
	id          int
	filename    string
	contentType string
	// checksum is the declared base64 MD5 (for uploads) or the content's (stored blobs).
	checksum  string
	byteSize  int64
	data      []byte
	uploaded  bool
	createdAt time.Time
}

func newStoredBlob(key string, content []byte, contentType string) *blob {
	return &blob{key: key, data: content, contentType: contentType, checksum: md5Base64(content),
		byteSize: int64(len(content)), uploaded: true}
}

func md5Base64(b []byte) string {
	sum := md5.Sum(b)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// sign is an HMAC of the parts under the server's random secret.
func (s *Server) sign(parts ...string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(strings.Join(parts, "\n")))
	return hex.EncodeToString(m.Sum(nil))
}

// signedURL builds a sandbox URL for key under prefix that expires in one hour.
func (s *Server) signedURL(baseURL, prefix, key string, now time.Time) string {
	exp := strconv.FormatInt(now.Add(blobURLLifetime).Unix(), 10)
	q := url.Values{"expires": {exp}, "sig": {s.sign(prefix, key, exp)}}
	return baseURL + prefix + escapeKey(key) + "?" + q.Encode()
}

// escapeKey escapes each segment of a blob key (keys may contain slashes, like DS's).
func escapeKey(key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// checkSignedURL verifies a request to a signed URL: valid signature, not expired.
func (s *Server) checkSignedURL(r *http.Request, prefix, key string, now time.Time) bool {
	q := r.URL.Query()
	exp := q.Get("expires")
	unix, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || !hmac.Equal([]byte(q.Get("sig")), []byte(s.sign(prefix, key, exp))) {
		return false
	}
	return !now.After(time.Unix(unix, 0))
}

// resolveFileURL rewrites "sandbox-blob:<key>" into a signed URL on the request's host.
func resolveFileURL(ex *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
	u, _ := obj["url"].(string)
	if key, ok := strings.CutPrefix(u, blobScheme); ok {
		return ex.srv.signedURL(ex.baseURL, blobsPrefix, key, ex.now), nil
	}
	return obj["url"], nil
}

// Paths of the blob endpoints.
const (
	blobsPrefix   = "/_sandbox/blobs/"
	uploadsPrefix = "/_sandbox/uploads/"
)

// serveBlob answers GET /_sandbox/blobs/{key}: the content, or 403 as a storage service
// does for an expired or forged URL.
func (s *Server) serveBlob(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	s.mu.Lock()
	b := s.db.blobs[key]
	ok := s.checkSignedURL(r, blobsPrefix, key, s.now())
	var data []byte
	var ctype string
	if b != nil && b.uploaded {
		data, ctype = b.data, b.contentType
	}
	s.mu.Unlock()
	switch {
	case !ok:
		http.Error(w, "Forbidden: expired or invalid signature", http.StatusForbidden)
	case data == nil:
		http.NotFound(w, r)
	default:
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		_, _ = w.Write(data)
	}
}

// fileObject is the File JSON of a blob, as DS returns it for a new attachment.
func fileObject(b *blob) map[string]any {
	return map[string]any{
		"filename":        b.filename,
		"contentType":     b.contentType,
		"byteSize":        b.byteSize,
		"byteSizeBigInt":  fmt.Sprint(b.byteSize),
		"checksum":        b.checksum,
		"createdAt":       formatDSTime(b.createdAt),
		"url":             blobScheme + b.key,
		"virusScanResult": "safe",
	}
}
