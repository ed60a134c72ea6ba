package graphql

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
)

// mutate sends mutation name with the given input and decodes its payload
// into out. idempotent says whether resending after an attempt that may
// have run is harmless (see shouldRetry). A payload's "errors" are checked
// by the caller, which knows the payload type.
func (c *Client) mutate(ctx context.Context, name string, input any, idempotent bool, out any) error {
	r := request{
		op:         name,
		name:       strings.ToUpper(name[:1]) + name[1:],
		query:      c.docs.mutations[name],
		vars:       map[string]any{"input": input},
		idempotent: idempotent,
	}
	resp, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	if len(resp.errs) > 0 {
		return resp.errs
	}
	var data map[string]json.RawMessage
	if err := decodeData(name, resp.data, &data); err != nil {
		return err
	}
	raw, ok := data[name]
	if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return &DecodeError{Op: name, Status: 200, Err: errors.New("mutation payload is null")}
	}
	return decodeData(name, raw, out)
}

// payloadError turns a payload's "errors" into a *MutationError.
func (c *Client) payloadError(op string, errs []errorWire) error {
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = c.redact.clean(e.Message)
	}
	return &MutationError{Op: op, Messages: msgs}
}

// requireIDs rejects empty ids before any request, naming the first missing one.
func requireIDs(op string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return errors.New(op + ": " + pairs[i] + " is empty: expected a DS id")
		}
	}
	return nil
}
