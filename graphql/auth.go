package graphql

import (
	"net/http"
	"strings"
)

// bearerTransport adds "Authorization: Bearer <token>" to requests bound for
// the API host, on a clone of the request: the caller's request (which the
// hasura client or a debug dump could print) never holds the token, and a
// redirect to another host never receives it.
type bearerTransport struct {
	token string
	host  string // host[:port] of the endpoint
	base  http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.EqualFold(req.URL.Host, t.host) {
		return t.base.RoundTrip(req)
	}
	clone := req.Clone(req.Context())
	clone.Header.Set("Authorization", "Bearer "+t.token)
	return t.base.RoundTrip(clone)
}

// baseTransport returns hc's transport or the default one.
func baseTransport(hc *http.Client) http.RoundTripper {
	if hc.Transport != nil {
		return hc.Transport
	}
	return http.DefaultTransport
}

// redactor removes the token from text that came from outside (a server's
// error body could echo the request headers) and bounds its length.
type redactor struct{ token string }

const maxServerText = 512

func (r redactor) clean(s string) string {
	if r.token != "" {
		s = strings.ReplaceAll(s, r.token, "[redacted]")
	}
	s = strings.TrimSpace(s)
	if len(s) > maxServerText {
		s = strings.ToValidUTF8(s[:maxServerText], "") + "…"
	}
	return s
}
