package graphql

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"

	hasura "github.com/hasura/go-graphql-client"
)

// maxResponseBytes bounds one GraphQL answer; a full page of 100 dossiers
// with champs, annotations and messages is a few MiB.
const maxResponseBytes = 64 << 20

// request is one GraphQL operation to send.
type request struct {
	op         string // low-cardinality name for logs and metrics
	name       string // GraphQL operation name
	query      string
	vars       map[string]any
	idempotent bool // safe to resend after it may have run
	// newData, when set, returns a fresh target that reads "data" from
	// the answer as it arrives (response.typed); else "data" is kept raw
	// (response.data). Big answers (pages) use it.
	newData func() streamDecoder
}

// response is a decoded HTTP 200 GraphQL answer.
type response struct {
	data       json.RawMessage // raw "data"; nil when null or absent (or typed)
	typed      any             // request.newData's value; nil when "data" was null
	errs       GraphQLErrors
	serverTime time.Time // the Date header; zero if absent
}

// wireError is an "errors" entry as sent by the server.
type wireError struct {
	Message    string `json:"message"`
	Path       []any  `json:"path"`
	Extensions struct {
		Code string `json:"code"`
	} `json:"extensions"`
}

// envelope is a GraphQL response body; Data holds a pointer to decode into.
type envelope struct {
	Data   any         `json:"data"`
	Errors []wireError `json:"errors"`
}

// attempt sends r once. sent reports whether the request was fully written,
// i.e. whether the server may have executed it.
func (c *Client) attempt(ctx context.Context, r request) (resp *response, sent bool, err error) {
	body, err := json.Marshal(hasura.GraphQLRequestPayload{Query: r.query, Variables: r.vars, OperationName: r.name})
	if err != nil {
		return nil, false, fmt.Errorf("%s: encode request: %w", r.op, err)
	}
	actx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
	defer cancel()
	var wrote atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteRequest: func(i httptrace.WroteRequestInfo) { wrote.Store(i.Err == nil) },
	})
	req, err := http.NewRequestWithContext(actx, http.MethodPost, c.endpoint.String(), bytes.NewReader(body))
	if err != nil {
		return nil, false, fmt.Errorf("%s: build request: %w", r.op, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "spplus")
	hr, err := c.api.Do(req)
	if err != nil {
		return nil, wrote.Load(), c.transportError(ctx, actx, r.op, err, wrote.Load())
	}
	defer func() { _ = hr.Body.Close() }()
	resp, err = c.readResponse(r.op, hr, r.newData)
	if re, ok := errors.AsType[*bodyReadError](err); ok {
		return nil, true, c.transportError(ctx, actx, r.op, re.err, true)
	}
	return resp, true, err
}

// bodyReadError is a failure to read an answer's body: the network's, not
// the answer's.
type bodyReadError struct{ err error }

func (e *bodyReadError) Error() string { return e.err.Error() }

// transportError wraps a failed round trip. A caller's cancelled context is
// returned as is; the attempt's own deadline becomes a timeout.
func (c *Client) transportError(parent, actx context.Context, op string, err error, sent bool) error {
	if parent.Err() != nil {
		return parent.Err()
	}
	timeout := errors.Is(actx.Err(), context.DeadlineExceeded)
	return &TransportError{Op: op, Err: errors.New(c.redact.clean(err.Error())), Sent: sent, Timeout: timeout}
}

// readResponse turns a status and body into a response or a typed error.
// newData is request.newData: with it, a 200 answer is decoded as it is
// read; otherwise the body is read whole first.
func (c *Client) readResponse(op string, hr *http.Response, newData func() streamDecoder) (*response, error) {
	body := &limitedBody{r: hr.Body, limit: c.maxBody}
	if hr.StatusCode == http.StatusOK && newData != nil {
		return c.readStream(op, hr, body, newData())
	}
	raw, err := io.ReadAll(body)
	switch {
	case body.readErr != nil:
		return nil, &bodyReadError{body.readErr}
	case err != nil:
		return nil, &DecodeError{Op: op, Status: hr.StatusCode, Err: err}
	}
	switch {
	case hr.StatusCode == http.StatusTooManyRequests:
		wait, reset := c.serverWait(hr.Header)
		return nil, &RateLimitError{Op: op, Wait: wait, Reset: reset}
	case hr.StatusCode != http.StatusOK:
		return nil, c.httpError(op, hr.StatusCode, raw)
	}
	var data json.RawMessage
	env := envelope{Data: &data}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, &DecodeError{Op: op, Status: hr.StatusCode, Err: err}
	}
	// A JSON null sets env.Data to nil; an absent "data" leaves it empty.
	if env.Data != nil && len(data) > 0 {
		return c.newResponse(op, hr, data, nil, env.Errors)
	}
	return c.newResponse(op, hr, nil, nil, env.Errors)
}

// readStream decodes a 200 answer as it is read, "data" into target.
func (c *Client) readStream(op string, hr *http.Response, body *limitedBody, target streamDecoder) (*response, error) {
	typed, errs, err := streamEnvelope(json.NewDecoder(body), target)
	if body.readErr != nil {
		return nil, &bodyReadError{body.readErr}
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = fmt.Errorf("truncated body: %w", io.ErrUnexpectedEOF)
		}
		return nil, &DecodeError{Op: op, Status: hr.StatusCode, Err: err}
	}
	return c.newResponse(op, hr, nil, typed, errs)
}

// newResponse builds the response of a decoded 200 answer, which must hold
// data or errors.
func (c *Client) newResponse(op string, hr *http.Response, data json.RawMessage, typed any, errs []wireError) (*response, error) {
	if data == nil && typed == nil && len(errs) == 0 {
		return nil, &DecodeError{Op: op, Status: hr.StatusCode, Err: errors.New("neither data nor errors in the body")}
	}
	return &response{data: data, typed: typed, errs: c.graphQLErrors(op, errs), serverTime: parseDate(hr.Header.Get("Date"))}, nil
}

// httpError builds an HTTPError, keeping DS's message and code when the
// body is its JSON error shape.
func (c *Client) httpError(op string, status int, raw []byte) error {
	e := &HTTPError{Op: op, Status: status}
	var env envelope
	if json.Unmarshal(raw, &env) == nil && len(env.Errors) > 0 {
		e.Message = c.redact.clean(env.Errors[0].Message)
		e.Code = c.redact.clean(env.Errors[0].Extensions.Code)
	}
	return e
}

// graphQLErrors converts the wire errors, redacting server text.
func (c *Client) graphQLErrors(op string, in []wireError) GraphQLErrors {
	if len(in) == 0 {
		return nil
	}
	out := make(GraphQLErrors, len(in))
	for i, w := range in {
		out[i] = &GraphQLError{Op: op, Message: c.redact.clean(w.Message), Code: c.redact.clean(w.Extensions.Code), Path: cleanPath(c.redact, w.Path)}
	}
	return out
}

// cleanPath keeps only string and number path entries, redacted.
func cleanPath(r redactor, in []any) []any {
	out := make([]any, 0, len(in))
	for _, p := range in {
		switch v := p.(type) {
		case string:
			out = append(out, r.clean(v))
		case float64:
			out = append(out, v)
		}
	}
	return out
}

// serverWait reads how long a 429 asks to wait: Retry-After (seconds or an
// HTTP date) and DS's RateLimit-Reset (absolute Unix seconds; small values
// are read as the IETF draft's delta seconds). The longer wins, capped.
func (c *Client) serverWait(h http.Header) (time.Duration, time.Time) {
	now := c.now()
	var wait time.Duration
	var reset time.Time
	if ra := h.Get("Retry-After"); ra != "" {
		if secs, err := strconv.ParseInt(ra, 10, 64); err == nil && secs >= 0 {
			wait = time.Duration(min(secs, 1<<20)) * time.Second
		} else if t, err := http.ParseTime(ra); err == nil {
			wait = t.Sub(now)
		}
	}
	if rs := h.Get("RateLimit-Reset"); rs != "" {
		if v, err := strconv.ParseInt(rs, 10, 64); err == nil && v >= 0 {
			if v < 1_000_000_000 {
				reset = now.Add(time.Duration(min(v, 1<<20)) * time.Second)
			} else {
				reset = time.Unix(v, 0)
			}
			wait = max(wait, reset.Sub(now))
		}
	}
	return min(max(wait, 0), c.opts.MaxServerWait), reset
}

// parseDate parses an HTTP Date header, zero when absent or invalid.
func parseDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := http.ParseTime(s)
	if err != nil {
		return time.Time{}
	}
	return t
}
