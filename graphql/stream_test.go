package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A page is decoded while its body arrives (stream.go), so the body's end
// is only known at the end: a connection cut in the middle is the
// network's failure and is retried, while a body that is not one JSON
// object is the answer's and is not.
func TestPageStreamFailures(t *testing.T) {
	full := pageJSON([]string{dossierJSON(1), dossierJSON(2)}, false, "c2", "")
	tests := []struct {
		name      string
		first     func(w http.ResponseWriter)
		wantCalls int
		wantClass Class // ClassOK: the retry reads the page
	}{
		{"cut after half the body", func(w http.ResponseWriter) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(full), full[:len(full)/2])
			_ = buf.Flush()
			_ = conn.Close()
		}, 2, ClassOK},
		{"a second value after the object", func(w http.ResponseWriter) { writeBody(w, 200, full+` {}`) }, 1, ClassMalformed},
		{"an array, not an object", func(w http.ResponseWriter) { writeBody(w, 200, `[`+full+`]`) }, 1, ClassMalformed},
		{"nodes is not an array", func(w http.ResponseWriter) {
			writeBody(w, 200, `{"data":{"demarche":{"dossiers":{"pageInfo":{"hasNextPage":false},"nodes":{}}}}}`)
		}, 1, ClassMalformed},
		{"the body stops inside a node", func(w http.ResponseWriter) { writeBody(w, 200, full[:len(full)/2]) }, 1, ClassMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n counter
			h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
				if n.inc() == 1 {
					tt.first(w)
					return
				}
				writeBody(w, 200, full)
			}, nil)
			var numbers []int
			var err error
			for page, perr := range h.c.DossierPages(context.Background(), 1, nil, "") {
				if perr != nil {
					err = perr
					break
				}
				for _, d := range page.Dossiers {
					numbers = append(numbers, d.Number)
				}
			}
			if n.get() != tt.wantCalls {
				t.Errorf("%d requests, want %d", n.get(), tt.wantCalls)
			}
			if tt.wantClass == ClassOK {
				if err != nil || fmt.Sprint(numbers) != "[1 2]" {
					t.Fatalf("dossiers %v, error %v; want [1 2] and no error", numbers, err)
				}
				return
			}
			if got := ClassOf(err); got != tt.wantClass {
				t.Fatalf("error %v of class %v, want %v", err, got, tt.wantClass)
			}
		})
	}
}

// An answer past the size limit is refused while it is read, not after.
func TestPageStreamSizeLimit(t *testing.T) {
	const limit = 1 << 10
	body := &limitedBody{r: strings.NewReader(pageJSON([]string{dossierJSON(1), dossierJSON(2)}, false, "", "")), limit: limit}
	_, _, err := streamEnvelope(json.NewDecoder(body), new(dossiersPageData))
	if !errors.Is(err, errBodyTooLarge) {
		t.Fatalf("error %v, want %v", err, errBodyTooLarge)
	}
	if body.readErr != nil {
		t.Errorf("read error %v: a body too large is the answer's fault, not the network's", body.readErr)
	}
}

// A page answer past the size limit is the answer's fault: a malformed
// answer, not retried.
func TestPageTooLargeIsNotRetried(t *testing.T) {
	var n counter
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		n.inc()
		writeBody(w, 200, pageJSON([]string{dossierJSON(1), dossierJSON(2)}, false, "", ""))
	}, nil)
	h.c.maxBody = 1 << 10
	for _, err := range h.c.DossierPages(context.Background(), 1, nil, "") {
		if !errors.Is(err, errBodyTooLarge) || ClassOf(err) != ClassMalformed {
			t.Fatalf("error %v of class %v, want a malformed answer, too large", err, ClassOf(err))
		}
		break
	}
	if n.get() != 1 {
		t.Errorf("%d requests, want 1", n.get())
	}
}
