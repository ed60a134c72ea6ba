package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"
)

// maxBodyBytes bounds a GraphQL request body; DS's largest real queries are a few tens of KB.
const maxBodyBytes = 4 << 20

// gqlRequest is a decoded POST /api/v2/graphql body.
type gqlRequest struct {
	Query         string
	OperationName string
	QueryID       string
	Variables     map[string]any
}

// requestError is a body problem DS answers before running the query: HTTP 400 with the
// controller's error shape.
type requestError struct {
	message string
	code    string
}

func (e *requestError) Error() string { return e.message }

// decodeRequest reads the body like DS's GraphqlController: JSON object with "query",
// "operationName", "queryId" and "variables" (an object, a JSON-encoded string, or absent).
func decodeRequest(r *http.Request) (*gqlRequest, error) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, &requestError{message: fmt.Sprintf("read body: %v", err), code: "bad_request"}
	}
	if len(raw) > maxBodyBytes {
		return nil, &requestError{message: "request body too large", code: "bad_request"}
	}
	var body map[string]json.RawMessage
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := decodeStrict(raw, &body); err != nil {
			return nil, &requestError{message: rubyParseMessage(raw), code: "bad_request"}
		}
	}
	req := &gqlRequest{}
	for key, dst := range map[string]*string{"query": &req.Query, "operationName": &req.OperationName, "queryId": &req.QueryID} {
		if err := stringParam(body[key], dst); err != nil {
			return nil, &requestError{message: fmt.Sprintf("Unexpected parameter: %s", body[key]), code: "bad_request"}
		}
	}
	vars, err := decodeVariables(body["variables"])
	if err != nil {
		return nil, err
	}
	req.Variables = vars
	return req, nil
}

// decodeStrict decodes one JSON value with numbers kept as json.Number, and rejects
// trailing data.
func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after JSON value")
	}
	return nil
}

// stringParam accepts a JSON string or null (Rails params are strings).
func stringParam(raw json.RawMessage, dst *string) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return json.Unmarshal(raw, dst)
}

// decodeVariables mirrors GraphqlController#ensure_hash: an object is used as is, a string
// is parsed as JSON (a parse failure is HTTP 400 graphql_parse_failed), null or "" is empty.
func decodeVariables(raw json.RawMessage) (map[string]any, error) {
	vars := map[string]any{}
	if len(raw) == 0 || string(raw) == "null" {
		return vars, nil
	}
	switch raw[0] {
	case '{':
		if err := decodeStrict(raw, &vars); err != nil {
			return nil, &requestError{message: err.Error(), code: "bad_request"}
		}
		return vars, nil
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, &requestError{message: err.Error(), code: "bad_request"}
		}
		if s == "" {
			return vars, nil
		}
		var inner any
		if err := decodeStrict([]byte(s), &inner); err != nil {
			return nil, &requestError{message: rubyParseMessage([]byte(s)), code: "graphql_parse_failed"}
		}
		if m, ok := inner.(map[string]any); ok {
			return m, nil
		}
		if inner == nil {
			return vars, nil
		}
		return nil, &requestError{message: fmt.Sprintf("Unexpected parameter: %s", s), code: "bad_request"}
	default:
		return nil, &requestError{message: fmt.Sprintf("Unexpected parameter: %s", raw), code: "bad_request"}
	}
}

// rubyParseMessage imitates the message of Ruby's JSON parser, which DS passes through:
// "unexpected token at '<rest of the input>'" (cut to keep error bodies small).
func rubyParseMessage(raw []byte) string {
	s := string(bytes.TrimSpace(raw))
	if !utf8.ValidString(s) {
		s = string(bytes.ToValidUTF8([]byte(s), []byte("?")))
	}
	if len(s) > 200 {
		s = s[:200]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	if s == "" {
		return "unexpected end of input"
	}
	return fmt.Sprintf("unexpected token at '%s'", s)
}
