package rules

import (
	"bytes"
	"encoding/json"
)

// object writes a JSON object whose keys keep the order they are added in:
// the output contracts of ARCHITECTURE.md fix the key order, which a Go map
// or struct tags alone cannot guarantee for dynamic keys.
type object struct {
	buf bytes.Buffer
	err error
	n   int
}

func newObject() *object {
	o := &object{}
	o.buf.WriteByte('{')
	return o
}

// field adds key: value, value marshalled with encoding/json.
func (o *object) field(key string, value any) *object {
	if o.err != nil {
		return o
	}
	b, err := json.Marshal(value)
	if err != nil {
		o.err = err
		return o
	}
	return o.raw(key, b)
}

// raw adds key with an already encoded value.
func (o *object) raw(key string, value []byte) *object {
	if o.n > 0 {
		o.buf.WriteByte(',')
	}
	k, _ := json.Marshal(key) // a string always marshals
	o.buf.Write(k)
	o.buf.WriteByte(':')
	o.buf.Write(value)
	o.n++
	return o
}

// bytes closes the object and returns it, or the first marshalling error.
func (o *object) bytes() ([]byte, error) {
	if o.err != nil {
		return nil, o.err
	}
	o.buf.WriteByte('}')
	return o.buf.Bytes(), nil
}

// nullIfZero is what a count prints when it is unknown (0): null.
func nullIfZero(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}
