package graphql

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// FuzzDecodeNode feeds arbitrary bytes to the dossier decoder: it must
// never panic, and a dossier it accepts must carry the number it reports.
func FuzzDecodeNode(f *testing.F) {
	f.Add([]byte(dossierJSON(1)))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"number":3,"champs":[{"__typename":"IntegerNumberChamp","integerNumber":"9223372036854775808"}]}`))
	f.Add([]byte(`{"number":4,"champs":[{"__typename":"RepetitionChamp","rows":[{"champs":[{"date":"2026-02-30"}]}]}]}`))
	f.Add([]byte(`{"number":5,"champs":[{"files":[{"byteSizeBigInt":12,"createdAt":"x"}]}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, number, err := decodeNode(json.RawMessage(data), t0)
		if err == nil && d.Number != number {
			t.Fatalf("decoded dossier %d reported as %d", d.Number, number)
		}
	})
}

// FuzzDecodeResponse feeds an arbitrary status and body through the whole
// answer path of a page (status, envelope, errors, frame, nodes): it must
// never panic, and must give either a page or an error. A page answer is
// read as a stream (stream.go); whenever json.Unmarshal reads the same
// body into a page, the stream must read the same page.
func FuzzDecodeResponse(f *testing.F) {
	f.Add(200, []byte(pageJSON([]string{dossierJSON(1), "null"}, true, "c1",
		`[{"message":"x","path":["demarche","dossiers","nodes",1],"extensions":{"code":"invalid_null"}}]`)))
	f.Add(200, []byte(`{"data":null,"errors":[{"message":"Dossier not found","path":["dossier",1.5,-2,{}],"extensions":{"code":"not_found"}}]}`))
	f.Add(200, []byte(`{"data":{"demarche":{"dossiers":{"pageInfo":null,"nodes":[1,2]}}}}`))
	f.Add(200, []byte(`{"data":{"demarche":{"dossiers":{"pageInfo":{"hasNextPage":false},"nodes":null}}},"errors":[{"path":["demarche","dossiers","nodes",99]}]}`))
	f.Add(200, []byte(`{"DATA":{"Demarche":{"dossiers":{"pageInfo":{"hasNextPage":true,"endCursor":"x"},"nodes":[{"number":7}],"nodes":[]}},"extra":[1,{}]}} `))
	f.Add(200, []byte(`{"data":{"demarche":{"dossiers":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"Y"}],"nodes":[null]}}}}{}`))
	f.Add(429, []byte("Calm down, cowboy!"))
	f.Add(401, []byte(`{"errors":[{"message":"Token expired","extensions":{"code":"unauthorized"}}]}`))
	f.Add(500, []byte(`<html>`))
	f.Add(200, []byte(`{"data":`))
	c, err := New(Options{Token: "fuzz", Now: func() time.Time { return t0 }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		hr := &http.Response{StatusCode: status, Header: http.Header{"Date": {"Mon, 02 Mar 2026 09:30:00 GMT"}, "Retry-After": {"3"}},
			Body: io.NopCloser(bytes.NewReader(body))}
		resp, err := c.readResponse(opDossiersPage, hr, newPageData)
		var page *DossierPage
		if err != nil {
			if resp != nil {
				t.Fatal("both a response and an error")
			}
		} else {
			page, err = c.parsePage(resp, "c0")
			if (page == nil) == (err == nil) {
				t.Fatalf("page %v and error %v", page, err)
			}
		}
		if status != http.StatusOK {
			return
		}
		want, wantErr := unmarshalPage(c, body)
		if wantErr != nil {
			return // the stream may read what Unmarshal refuses (a null "data", then an object)
		}
		if err != nil {
			t.Fatalf("json.Unmarshal reads a page, the stream fails: %v", err)
		}
		if got, exp := describePage(page), describePage(want); got != exp {
			t.Fatalf("the stream reads\n%s\njson.Unmarshal reads\n%s", got, exp)
		}
	})
}

// unmarshalPage reads a 200 page answer with json.Unmarshal, the reference
// the stream reader must match.
func unmarshalPage(c *Client, body []byte) (*DossierPage, error) {
	env := envelope{Data: new(dossiersPageData)}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, err
	}
	resp := &response{errs: c.graphQLErrors(opDossiersPage, env.Errors), serverTime: parseDate("Mon, 02 Mar 2026 09:30:00 GMT")}
	if env.Data != nil {
		resp.typed = env.Data
	}
	if resp.typed == nil && len(resp.errs) == 0 {
		return nil, errors.New("neither data nor errors")
	}
	return c.parsePage(resp, "c0")
}

// describePage renders what a page holds, dossiers as JSON (not their
// pointers) and errors by their text.
func describePage(p *DossierPage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cursor %q next %t at %v\n", p.EndCursor, p.HasNextPage, p.ServerTime)
	for _, d := range p.Dossiers {
		j, err := json.Marshal(d)
		fmt.Fprintf(&b, "dossier %s %v\n", j, err)
	}
	for _, f := range p.Failed {
		fmt.Fprintf(&b, "failed %d %d %v\n", f.Index, f.Number, f.Err)
	}
	return b.String()
}

// FuzzOutsideHeaders feeds the other parsers of server-sent text: the 429
// wait headers, a connection cursor and directUpload.headers.
func FuzzOutsideHeaders(f *testing.F) {
	f.Add("17", "1772443842", "MjAyNi0wMy0wMVQwOTowMDowMFo7NDI", `{"Content-Type":"application/pdf","ETag":"d5d1"}`)
	f.Add("Mon, 02 Mar 2026 09:31:00 GMT", "12", "", `[]`)
	f.Add("-1", "99999999999999999999", "====", `{"a":1}`)
	c, err := New(Options{Token: "fuzz", Now: func() time.Time { return t0 }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, retryAfter, reset, cursor, headers string) {
		wait, _ := c.serverWait(http.Header{"Retry-After": {retryAfter}, "Ratelimit-Reset": {reset}})
		if wait < 0 || wait > DefaultMaxServerWait {
			t.Fatalf("wait %v out of [0, %v]", wait, DefaultMaxServerWait)
		}
		if n := numberFromCursor(cursor); n < 0 {
			t.Fatalf("negative number %d", n)
		}
		_, _ = uploadHeaders(headers)
	})
}
