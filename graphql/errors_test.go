package graphql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// echoAuth returns the request's Authorization header, which a hostile or
// buggy server could copy into its answers.
func echoAuth(r *http.Request) string {
	return strings.ReplaceAll(r.Header.Get("Authorization"), `"`, `'`)
}

// errorCase is a fake server answer and what the client must make of it.
type errorCase struct {
	name     string
	handler  http.HandlerFunc
	class    Class
	sentinel error
	check    func(t *testing.T, err error)
}

func errorCases() []errorCase {
	return []errorCase{
		{"429 with RateLimit-Reset", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("RateLimit-Remaining", "0")
			w.Header().Set("RateLimit-Reset", fmt.Sprint(t0.Add(42*time.Second).Unix()))
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, "Calm down, cowboy! %s\n", echoAuth(r))
		}, ClassRateLimited, ErrRateLimited, func(t *testing.T, err error) {
			var rl *RateLimitError
			if !errors.As(err, &rl) || rl.Wait != 42*time.Second || !rl.Reset.Equal(t0.Add(42*time.Second)) {
				t.Errorf("RateLimitError = %+v", rl)
			}
		}},
		{"429 with Retry-After", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "17")
			w.WriteHeader(http.StatusTooManyRequests)
		}, ClassRateLimited, ErrRateLimited, func(t *testing.T, err error) {
			var rl *RateLimitError
			if !errors.As(err, &rl) || rl.Wait != 17*time.Second {
				t.Errorf("RateLimitError = %+v", rl)
			}
		}},
		{"401 expired token", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 401, `{"errors":[{"message":"Token expired `+echoAuth(r)+`","extensions":{"code":"unauthorized"}}],"data":null}`)
		}, ClassUnauthorized, ErrUnauthorized, func(t *testing.T, err error) {
			var he *HTTPError
			if !errors.As(err, &he) || he.Status != 401 || he.Code != "unauthorized" || !strings.HasPrefix(he.Message, "Token expired") {
				t.Errorf("HTTPError = %+v", he)
			}
		}},
		{"403 forbidden", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 403, `{"errors":[{"message":"Without a token, only persisted queries are allowed","extensions":{"code":"forbidden"}}],"data":null}`)
		}, ClassForbidden, ErrForbidden, nil},
		{"500", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 500, `{"errors":[{"message":"Internal Server Error","extensions":{"code":"internal_server_error","exception_id":"x"}}],"data":null}`)
		}, ClassServer, ErrServer, nil},
		{"502 from a proxy", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 502, `<html>bad gateway `+echoAuth(r)+`</html>`)
		}, ClassServer, ErrServer, nil},
		{"malformed JSON", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 200, `{"data":{"dossier":`+echoAuth(r))
		}, ClassMalformed, ErrMalformed, nil},
		{"not found", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 200, `{"data":null,"errors":[{"message":"Dossier not found `+echoAuth(r)+`","path":["dossier"],"extensions":{"code":"not_found"}}]}`)
		}, ClassNotFound, ErrNotFound, func(t *testing.T, err error) {
			var ge *GraphQLError
			if !errors.As(err, &ge) || ge.Code != "not_found" || len(ge.Path) != 1 || ge.Path[0] != "dossier" {
				t.Errorf("GraphQLError = %+v", ge)
			}
		}},
		{"hidden by permissions", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 200, `{"data":null,"errors":[{"message":"An object of type Dossier was hidden due to permissions","path":["dossier"],"extensions":{"code":"unauthorized"}}]}`)
		}, ClassForbidden, ErrForbidden, nil},
		{"server timeout", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 200, `{"data":null,"errors":[{"message":"Timeout on Query.dossier","path":["dossier"],"extensions":{"code":"timeout"}}]}`)
		}, ClassTimeout, ErrTimeout, nil},
		{"validation error", func(w http.ResponseWriter, r *http.Request) {
			writeBody(w, 200, `{"errors":[{"message":"Field 'x' doesn't exist on type 'Query' `+echoAuth(r)+`","extensions":{"code":"undefinedField"}}]}`)
		}, ClassGraphQL, ErrGraphQL, nil},
		{"connection dropped", func(w http.ResponseWriter, r *http.Request) {
			hj, _ := w.(http.Hijacker)
			conn, _, err := hj.Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}, ClassTransport, ErrTransport, func(t *testing.T, err error) {
			var te *TransportError
			if !errors.As(err, &te) || !te.Sent {
				t.Errorf("TransportError = %+v, want Sent", te)
			}
		}},
		{"client-side timeout", func(w http.ResponseWriter, r *http.Request) {
			// Reading the body lets the server notice the client hanging up;
			// the timer only guards against a hung test.
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}, ClassTimeout, ErrTimeout, func(t *testing.T, err error) {
			var te *TransportError
			if !errors.As(err, &te) || !te.Timeout {
				t.Errorf("TransportError = %+v, want Timeout", te)
			}
		}},
	}
}

func TestErrorClassesAndNoTokenLeak(t *testing.T) {
	for _, tt := range errorCases() {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.handler, func(o *Options) {
				o.MaxAttempts = 2 // one retry, so the retry log line is checked too
				if tt.name == "client-side timeout" {
					o.RequestTimeout = 200 * time.Millisecond // only this case waits for it
				}
			})
			_, err := h.c.Dossier(context.Background(), 12)
			if err == nil {
				t.Fatal("no error")
			}
			if got := ClassOf(err); got != tt.class {
				t.Errorf("ClassOf = %v, want %v (err %v)", got, tt.class, err)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(err, %v) = false (err %v)", tt.sentinel, err)
			}
			if tt.check != nil {
				tt.check(t, err)
			}
			assertNoToken(t, err.Error()+h.logs.String())
			assertNoToken(t, fmt.Sprintf("%+v %#v", err, err))
		})
	}
}

func TestMutationErrorAndNoTokenLeak(t *testing.T) {
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, `{"data":{"dossierAccepter":{"dossier":null,"errors":[{"message":"Le dossier est déjà refusé"},{"message":"echo `+echoAuth(r)+`"}]}}}`)
	}, nil)
	_, err := h.c.Accepter(context.Background(), DecisionInput{DossierID: "RG9zc2llci0x", InstructeurID: "SW5zdHJ1Y3RldXItMQ=="})
	var me *MutationError
	if !errors.As(err, &me) || len(me.Messages) != 2 || me.Messages[0] != "Le dossier est déjà refusé" {
		t.Fatalf("err = %v, want a *MutationError with both messages", err)
	}
	if ClassOf(err) != ClassMutation || !errors.Is(err, ErrMutation) || IsRetryable(err) {
		t.Errorf("class %v, retryable %v", ClassOf(err), IsRetryable(err))
	}
	if n := len(h.rec.requests); n != 1 {
		t.Errorf("%d requests, want 1 (a refusal is not retried)", n)
	}
	assertNoToken(t, err.Error()+h.logs.String())
}

func TestConnectionRefusedIsTransport(t *testing.T) {
	h := newHarness(t, func(http.ResponseWriter, *http.Request) {}, func(o *Options) { o.MaxAttempts = 2 })
	h.srv.Close()
	_, err := h.c.Demarche(context.Background(), 1)
	var te *TransportError
	if !errors.As(err, &te) || te.Sent || ClassOf(err) != ClassTransport {
		t.Fatalf("err = %v (%+v), want an unsent *TransportError", err, te)
	}
	assertNoToken(t, err.Error()+h.logs.String())
}

func assertNoToken(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, testToken) || strings.Contains(s, testToken[:20]) {
		t.Errorf("the token leaked into: %s", s)
	}
}

func TestClassOfPlainErrors(t *testing.T) {
	tests := []struct {
		err  error
		want Class
	}{
		{nil, ClassOK},
		{context.Canceled, ClassCanceled},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), ClassCanceled},
		{errors.New("other"), ClassUnknown},
		{GraphQLErrors{{Code: "timeout"}, {Code: "invalid_null"}}, ClassGraphQL},
		{GraphQLErrors{{Code: "timeout"}}, ClassTimeout},
		{&HTTPError{Status: 404}, ClassClient},
		{&HTTPError{Status: 504}, ClassTimeout},
	}
	for _, tt := range tests {
		if got := ClassOf(tt.err); got != tt.want {
			t.Errorf("ClassOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
