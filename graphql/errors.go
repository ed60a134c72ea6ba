package graphql

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinels for errors.Is. Every typed error of this package matches the
// sentinel of its Class, so callers may use either errors.Is(err,
// ErrNotFound) or errors.As(err, &gqlErr).
var (
	ErrRateLimited  = errors.New("rate limited")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrNotFound     = errors.New("not found")
	ErrTimeout      = errors.New("timeout")
	ErrServer       = errors.New("server error")
	ErrTransport    = errors.New("transport error")
	ErrClient       = errors.New("request rejected")
	ErrGraphQL      = errors.New("graphql error")
	ErrMutation     = errors.New("mutation refused")
	ErrMalformed    = errors.New("malformed response")
	ErrFile         = errors.New("file refused")
)

// RateLimitError is a 429 answer. Wait is how long the server asked to wait,
// computed from Retry-After (seconds or HTTP date) or DS's RateLimit-Reset
// (absolute Unix time) against the client's clock; zero if neither was sent.
type RateLimitError struct {
	Op    string
	Wait  time.Duration
	Reset time.Time // zero when the server sent no RateLimit-Reset
}

// Error implements error.
func (e *RateLimitError) Error() string {
	return fmt.Sprintf("%s: ds answered http 429 (rate limited), retry in %v", e.Op, e.Wait)
}

// Class returns ClassRateLimited.
func (e *RateLimitError) Class() Class { return ClassRateLimited }

// Is matches ErrRateLimited.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// HTTPError is a non-2xx answer other than 429: 401 (expired token),
// 403 (unknown token or forbidden network), 5xx, other 4xx. Code and Message
// come from the DS error body when it had one, with the token redacted.
type HTTPError struct {
	Op      string
	Status  int
	Code    string
	Message string
}

// Error implements error.
func (e *HTTPError) Error() string {
	s := fmt.Sprintf("%s: ds answered http %d (%s)", e.Op, e.Status, strings.ToLower(http.StatusText(e.Status)))
	if e.Code != "" {
		s += " code " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Class maps the status: 401 unauthorized, 403 forbidden, 408/504 timeout,
// other 5xx server, other 4xx client.
func (e *HTTPError) Class() Class {
	switch {
	case e.Status == http.StatusUnauthorized:
		return ClassUnauthorized
	case e.Status == http.StatusForbidden:
		return ClassForbidden
	case e.Status == http.StatusRequestTimeout || e.Status == http.StatusGatewayTimeout:
		return ClassTimeout
	case e.Status >= 500:
		return ClassServer
	default:
		return ClassClient
	}
}

// Is matches the sentinel of e's class.
func (e *HTTPError) Is(target error) bool { return target == e.Class().sentinel() }

// GraphQLError is one entry of a response's "errors" array: Code is
// extensions.code (not_found, timeout, invalid_null, unauthorized, ...) and
// Path locates the failed field, e.g. ["demarche","dossiers","nodes",3,"champs"].
type GraphQLError struct {
	Op      string
	Message string
	Code    string
	Path    []any
}

// Error implements error.
func (e *GraphQLError) Error() string {
	s := e.Op + ": graphql error"
	if e.Code != "" {
		s += " code " + e.Code
	}
	if len(e.Path) > 0 {
		s += " at " + pathString(e.Path)
	}
	return s + ": " + e.Message
}

// Class maps the code: not_found, timeout, unauthorized (an object hidden
// from this token: forbidden), internal_server_error; anything else
// (validation, invalid_null, bad_request) is ClassGraphQL.
func (e *GraphQLError) Class() Class {
	switch e.Code {
	case "not_found":
		return ClassNotFound
	case "timeout":
		return ClassTimeout
	case "unauthorized", "forbidden":
		return ClassForbidden
	case "internal_server_error":
		return ClassServer
	default:
		return ClassGraphQL
	}
}

// Is matches the sentinel of e's class.
func (e *GraphQLError) Is(target error) bool { return target == e.Class().sentinel() }

// NodeIndex returns the index that follows name in the path (e.g. the
// dossier index after "nodes"), or -1.
func (e *GraphQLError) NodeIndex(name string) int {
	for i := 0; i+1 < len(e.Path); i++ {
		if s, ok := e.Path[i].(string); ok && s == name {
			if n, ok := pathIndex(e.Path[i+1]); ok {
				return n
			}
		}
	}
	return -1
}

// GraphQLErrors is the whole "errors" array of one response. errors.As finds
// the first *GraphQLError in it.
type GraphQLErrors []*GraphQLError

// Error implements error.
func (es GraphQLErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap exposes each entry to errors.Is and errors.As.
func (es GraphQLErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// TransportError is a failure to get an HTTP answer: connection refused,
// reset, TLS, or the per-request timeout. Sent reports whether the whole
// request had been written before the failure, i.e. whether the server may
// have executed it.
type TransportError struct {
	Op      string
	Err     error
	Sent    bool
	Timeout bool
}

// Error implements error.
func (e *TransportError) Error() string {
	what := "transport error"
	if e.Timeout {
		what = "request timed out"
	}
	return fmt.Sprintf("%s: %s: %v", e.Op, what, e.Err)
}

// Unwrap returns the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// Class returns ClassTimeout for a client-side timeout, else ClassTransport.
func (e *TransportError) Class() Class {
	if e.Timeout {
		return ClassTimeout
	}
	return ClassTransport
}

// Is matches the sentinel of e's class.
func (e *TransportError) Is(target error) bool { return target == e.Class().sentinel() }

// MutationError is a mutation refused by DS: HTTP 200, the payload's object
// null and its "errors" listing every reason (all of them, not the first).
type MutationError struct {
	Op       string
	Messages []string
}

// Error implements error.
func (e *MutationError) Error() string {
	return fmt.Sprintf("%s: refused by ds: %s", e.Op, strings.Join(e.Messages, "; "))
}

// Class returns ClassMutation.
func (e *MutationError) Class() Class { return ClassMutation }

// Is matches ErrMutation.
func (e *MutationError) Is(target error) bool { return target == ErrMutation }

// DecodeError is a response that is not the JSON expected: a body that is
// not JSON, or data that does not fit the typed query.
type DecodeError struct {
	Op     string
	Status int
	Err    error
}

// Error implements error.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s: malformed ds response (http %d): %v", e.Op, e.Status, e.Err)
}

// Unwrap returns the JSON error.
func (e *DecodeError) Unwrap() error { return e.Err }

// Class returns ClassMalformed.
func (e *DecodeError) Class() Class { return ClassMalformed }

// Is matches ErrMalformed.
func (e *DecodeError) Is(target error) bool { return target == ErrMalformed }

// pathString renders a GraphQL path as demarche.dossiers.nodes[3].champs.
func pathString(path []any) string {
	var b strings.Builder
	for i, p := range path {
		if n, ok := pathIndex(p); ok {
			fmt.Fprintf(&b, "[%d]", n)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		fmt.Fprint(&b, p)
	}
	return b.String()
}

// pathIndex reads a list index of a decoded path (JSON numbers decode as float64).
func pathIndex(p any) (int, bool) {
	switch v := p.(type) {
	case float64:
		if v >= 0 && v == float64(int(v)) {
			return int(v), true
		}
	case int:
		return v, v >= 0
	}
	return 0, false
}
