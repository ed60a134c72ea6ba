package graphql

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func md5b64(b []byte) string {
	s := md5.Sum(b)
	return base64.StdEncoding.EncodeToString(s[:])
}

// fileServer serves content at /f (and redirects /redirect to target),
// failing the test if it ever receives an Authorization header.
func fileServer(t *testing.T, content []byte, target string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("file host received an Authorization header")
		}
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, target, http.StatusFound)
		case "/nolength":
			w.(http.Flusher).Flush() // chunked: no Content-Length announced
			_, _ = w.Write(content)
		default:
			_, _ = w.Write(content)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDownload(t *testing.T) {
	content := bytes.Repeat([]byte("organigramme "), 100)
	files := fileServer(t, content, "")
	other := fileServer(t, content, "")
	bouncer := fileServer(t, content, other.URL+"/f")
	filesHost, bouncerHost := hostOf(files.URL), hostOf(bouncer.URL)
	good := File{Filename: "o.pdf", URL: files.URL + "/f?sig=s3cr3t", ByteSize: int64(len(content)), Checksum: md5b64(content),
		VirusScanResult: VirusScanSafe, FetchedAt: t0.Add(-10 * time.Minute)}
	with := func(mod func(*File)) File { f := good; mod(&f); return f }
	tests := []struct {
		name    string
		file    File
		maxSize int64
		want    any // nil, or a pointer to the expected error type
	}{
		{"ok", good, 0, nil},
		{"checksum mismatch", with(func(f *File) { f.Checksum = md5b64([]byte("other")) }), 0, new(*ChecksumError)},
		{"no checksum to verify", with(func(f *File) { f.Checksum = "" }), 0, new(*ChecksumError)},
		{"announced too large", good, 100, new(*FileTooLargeError)},
		{"streamed too large", with(func(f *File) { f.ByteSize = 10; f.URL = files.URL + "/nolength" }), 100, new(*FileTooLargeError)},
		{"host not allowed", with(func(f *File) { f.URL = other.URL + "/f" }), 0, new(*HostNotAllowedError)},
		{"redirect to a host not allowed", with(func(f *File) { f.URL = bouncer.URL + "/redirect" }), 0, new(*HostNotAllowedError)},
		{"virus scan pending", with(func(f *File) { f.VirusScanResult = VirusScanPending }), 0, new(*VirusScanError)},
		{"virus scan infected", with(func(f *File) { f.VirusScanResult = "infected" }), 0, new(*VirusScanError)},
		{"url too old", with(func(f *File) { f.FetchedAt = t0.Add(-2 * time.Hour) }), 0, new(*ExpiredURLError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, func(http.ResponseWriter, *http.Request) {}, func(o *Options) {
				o.AllowedFileHosts = []string{filesHost, bouncerHost}
				o.MaxFileBytes = tt.maxSize
			})
			var buf bytes.Buffer
			n, err := h.c.Download(context.Background(), tt.file, &buf)
			if tt.want == nil {
				if err != nil || n != int64(len(content)) || !bytes.Equal(buf.Bytes(), content) {
					t.Fatalf("Download = %d, %v", n, err)
				}
				return
			}
			if !errors.As(err, tt.want) || !errors.Is(err, ErrFile) || ClassOf(err) != ClassFile {
				t.Fatalf("err = %v (%T), want %T", err, err, tt.want)
			}
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("signed query string in error: %v", err)
			}
		})
	}
}

func hostOf(raw string) string {
	u, _ := url.Parse(raw)
	return u.Host
}

func TestDownloadDefaultAllowsOnlyTheEndpointHost(t *testing.T) {
	content := []byte("pdf")
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" && r.URL.Path != EndpointPath {
			t.Errorf("attachment request carried the token")
		}
		_, _ = w.Write(content)
	}, nil)
	f := File{Filename: "a.pdf", URL: h.srv.URL + "/rails/active_storage/blobs/x", ByteSize: 3, Checksum: md5b64(content), VirusScanResult: VirusScanSafe}
	if _, err := h.c.Download(context.Background(), f, io.Discard); err != nil {
		t.Fatalf("download from the endpoint host: %v", err)
	}
	f.URL = "https://static.example.org/x"
	if _, err := h.c.Download(context.Background(), f, io.Discard); !errors.As(err, new(*HostNotAllowedError)) {
		t.Fatalf("err = %v, want *HostNotAllowedError", err)
	}
}

func TestUploadPutsEveryHeader(t *testing.T) {
	data := []byte("%PDF-1.7 justificatif")
	var put struct {
		headers http.Header
		body    []byte
		calls   counter
	}
	storage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if put.calls.inc() == 1 {
			w.WriteHeader(503) // a retryable storage hiccup
			return
		}
		put.headers = r.Header.Clone()
		put.body, _ = io.ReadAll(r.Body)
		if r.Method != http.MethodPut {
			t.Errorf("method %s", r.Method)
		}
		w.WriteHeader(201)
	}))
	t.Cleanup(storage.Close)
	var createInput map[string]any
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		g := readGQL(t, r)
		createInput = g.Variables["input"].(map[string]any)
		headers, _ := json.Marshal(map[string]string{"Content-Type": "application/pdf", "ETag": "d5d122f3", "X-Object-Meta-Origin": "ds"})
		payload, _ := json.Marshal(map[string]any{"data": map[string]any{"createDirectUpload": map[string]any{"directUpload": map[string]any{
			"url": storage.URL + "/v1/AUTH_x/bucket/2026/03/02/ab/key?temp_url_sig=x", "headers": string(headers),
			"blobId": "42", "signedBlobId": "eyJfcmFpbHMi--signed"}}}})
		writeBody(w, 200, string(payload))
	}, func(o *Options) { o.AllowedFileHosts = []string{hostOf(storage.URL)} })
	id, err := h.c.Upload(context.Background(), "RG9zc2llci0x", "justificatif.pdf", "application/pdf", data)
	if err != nil || id != "eyJfcmFpbHMi--signed" {
		t.Fatalf("Upload = %q, %v", id, err)
	}
	if createInput["checksum"] != md5b64(data) || createInput["byteSize"] != float64(len(data)) || createInput["filename"] != "justificatif.pdf" {
		t.Errorf("createDirectUpload input = %v", createInput)
	}
	for k, v := range map[string]string{"Content-Type": "application/pdf", "Etag": "d5d122f3", "X-Object-Meta-Origin": "ds"} {
		if put.headers.Get(k) != v {
			t.Errorf("PUT header %s = %q, want %q", k, put.headers.Get(k), v)
		}
	}
	if put.headers.Get("Authorization") != "" || !bytes.Equal(put.body, data) || put.calls.get() != 2 {
		t.Errorf("PUT auth %q, body %q, calls %d", put.headers.Get("Authorization"), put.body, put.calls.get())
	}
}

func TestUploadRefusesStorageOutsideAllowedHosts(t *testing.T) {
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, `{"data":{"createDirectUpload":{"directUpload":{"url":"https://evil.example/x","headers":"{}","blobId":"1","signedBlobId":"s"}}}}`)
	}, nil)
	_, err := h.c.Upload(context.Background(), "d", "f.pdf", "application/pdf", []byte("x"))
	if !errors.As(err, new(*HostNotAllowedError)) {
		t.Fatalf("err = %v, want *HostNotAllowedError", err)
	}
}

func TestUploadBadHeadersJSON(t *testing.T) {
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, `{"data":{"createDirectUpload":{"directUpload":{"url":"http://x/","headers":"[1,2]","blobId":"1","signedBlobId":"s"}}}}`)
	}, nil)
	if _, err := h.c.Upload(context.Background(), "d", "f.pdf", "application/pdf", []byte("x")); !errors.Is(err, ErrMalformed) {
		t.Fatalf("err = %v, want ErrMalformed", err)
	}
}
