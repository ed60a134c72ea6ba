package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// gqlError is one entry of a GraphQL "errors" array, shaped like graphql-ruby's.
type gqlError struct {
	Message    string         `json:"message"`
	Locations  []gqlLocation  `json:"locations,omitempty"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// gqlLocation is a 1-based line and column in the query text.
type gqlLocation struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

func codeExt(code string) map[string]any {
	return map[string]any{"code": code}
}

// object is a JSON object that keeps its keys in insertion order, because GraphQL responses
// list fields in selection order.
type object struct {
	keys []string
	vals map[string]any
}

func newObject(n int) *object {
	return &object{keys: make([]string, 0, n), vals: make(map[string]any, n)}
}

// set adds or replaces key; a replaced key keeps its first position.
func (o *object) set(key string, v any) {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// MarshalJSON writes the keys in insertion order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := marshalNoEscape(o.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshalNoEscape is json.Marshal without HTML escaping: Rails does not escape <, > and &
// in API JSON, and message bodies are HTML.
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// writeJSON answers status with body v as application/json.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := marshalNoEscape(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"errors":[{"message":"Internal Server Error","extensions":{"code":"internal_server_error"}}],"data":null}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// controllerError is the body DS's base controller writes for errors raised before the query
// runs (auth, body parsing): {"errors":[{"message","extensions":{"code"}}],"data":null}.
func controllerError(w http.ResponseWriter, status int, message, code string) {
	writeJSON(w, status, map[string]any{
		"errors": []gqlError{{Message: message, Extensions: codeExt(code)}},
		"data":   nil,
	})
}

// graphqlResponse writes {"data":...,"errors":[...]} in graphql-ruby's key order; "errors"
// is omitted when empty and "data" omitted when the request never reached execution
// (graphql-ruby's validation failures carry no data key).
func graphqlResponse(w http.ResponseWriter, data any, hasData bool, errs []gqlError) {
	body := newObject(2)
	if hasData {
		body.set("data", data)
	}
	if len(errs) > 0 {
		body.set("errors", errs)
	}
	writeJSON(w, http.StatusOK, body)
}
