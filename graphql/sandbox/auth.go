package sandbox

import (
	"net/http"
	"slices"
	"strings"
)

// tokenAccess is what a request's token allows.
type tokenAccess int

const (
	accessNone tokenAccess = iota
	accessExpired
	accessReadOnly
	accessReadWrite
)

// tokenFromHeader extracts the token the way Rails' authenticate_with_http_token does:
// scheme "Bearer" or "Token", then either the bare token or token=<t> / token="<t>".
func tokenFromHeader(h string) (string, bool) {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !(strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "Token")) {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if v, found := strings.CutPrefix(rest, "token="); found {
		// Rails also accepts further ", key=value" options after the token.
		v, _, _ = strings.Cut(v, ",")
		rest = strings.Trim(strings.TrimSpace(v), `"`)
	}
	return rest, rest != ""
}

// access classifies the request's Authorization header.
func (s *Server) access(r *http.Request) tokenAccess {
	tok, ok := tokenFromHeader(r.Header.Get("Authorization"))
	switch {
	case !ok:
		return accessNone
	case slices.Contains(s.opts.ExpiredTokens, tok):
		return accessExpired
	case slices.Contains(s.opts.ReadOnlyTokens, tok):
		return accessReadOnly
	case tok == s.opts.Token:
		return accessReadWrite
	default:
		return accessNone
	}
}
