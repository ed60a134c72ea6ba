package graphql

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A page answer is a few MiB of JSON. Reading it whole before decoding it
// held the body, the decoded page and, while the next page was fetched, a
// second body at once: a few MiB of a pass's peak memory. A streamDecoder
// reads its part of the answer token by token instead, and each dossier
// node is decoded (and converted) on its own, so what the reader holds at
// any time is one node's text.

// streamDecoder is a "data" target that reads itself from a token stream.
// It reports whether "data" was null.
type streamDecoder interface {
	decodeStream(dec *json.Decoder) (null bool, err error)
}

// errBodyTooLarge is returned by a limitedBody past its limit.
var errBodyTooLarge = errors.New("body too large")

// limitedBody reads an answer up to limit bytes and remembers a read
// error, which is the network's fault and worth a retry, unlike a decoding
// error, which is the answer's.
type limitedBody struct {
	r       io.Reader
	limit   int64
	n       int64
	readErr error
}

// Read implements io.Reader.
func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.n > b.limit {
		return n, fmt.Errorf("%w: more than %d bytes", errBodyTooLarge, b.limit)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		b.readErr = err
	}
	return n, err
}

// streamEnvelope reads a GraphQL answer's envelope from dec: "data" into
// target, "errors" into errs, other members skipped. typed is target, or
// nil when "data" was null or absent.
func streamEnvelope(dec *json.Decoder, target streamDecoder) (typed any, errs []wireError, err error) {
	dataSeen := false
	null, err := readObject(dec, "the body", func(key string) error {
		switch {
		case strings.EqualFold(key, "data"):
			dataNull, err := target.decodeStream(dec)
			dataSeen = !dataNull
			return err
		case strings.EqualFold(key, "errors"):
			return dec.Decode(&errs)
		}
		return skipValue(dec)
	})
	switch {
	case err != nil:
		return nil, nil, err
	case null:
		return nil, nil, errors.New("the body is null")
	}
	if tok, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("unexpected %s after the body's object", describeToken(tok))
	}
	if dataSeen {
		typed = target
	}
	return typed, errs, nil
}

// decodeStream implements streamDecoder; null and duplicate members are read
// as json.Unmarshal reads them into the same struct.
func (d *dossiersPageData) decodeStream(dec *json.Decoder) (bool, error) {
	return readObject(dec, "data", func(key string) error {
		if !strings.EqualFold(key, "demarche") {
			return skipValue(dec)
		}
		return readMember(dec, &d.Demarche)
	})
}

func (d *pageDemarcheWire) decodeStream(dec *json.Decoder) (bool, error) {
	return readObject(dec, "data.demarche", func(key string) error {
		if !strings.EqualFold(key, "dossiers") {
			return skipValue(dec)
		}
		return readMember(dec, &d.Dossiers)
	})
}

// readMember reads an object member into *field as json.Unmarshal does
// with a pointer: into the struct already there, or a new one; nil for a
// null.
func readMember[T any, P interface {
	*T
	streamDecoder
}](dec *json.Decoder, field **T) error {
	if *field == nil {
		*field = new(T)
	}
	null, err := P(*field).decodeStream(dec)
	if null {
		*field = nil
	}
	return err
}

func (c *pageConnectionWire) decodeStream(dec *json.Decoder) (bool, error) {
	return readObject(dec, "data.demarche.dossiers", func(key string) error {
		switch {
		case strings.EqualFold(key, "pageInfo"):
			return dec.Decode(&c.PageInfo)
		case strings.EqualFold(key, "edges"):
			return dec.Decode(&c.Edges)
		case strings.EqualFold(key, "nodes"):
			return c.decodeNodes(dec)
		}
		return skipValue(dec)
	})
}

// decodeNodes reads the nodes array one node at a time.
func (c *pageConnectionWire) decodeNodes(dec *json.Decoder) error {
	c.Nodes = c.Nodes[:0]
	null, err := readArray(dec, "data.demarche.dossiers.nodes", func() error {
		c.Nodes = append(c.Nodes, nodeSlot{})
		return dec.Decode(&c.Nodes[len(c.Nodes)-1])
	})
	if null {
		c.Nodes = nil
	}
	return err
}

// readObject reads an object or null from dec, calling member for each
// key; member must read the key's value. where names the object in errors.
func readObject(dec *json.Decoder, where string, member func(key string) error) (null bool, err error) {
	if null, err := open(dec, where, '{'); null || err != nil {
		return null, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false, err
		}
		key, _ := tok.(string) // the decoder only gives strings as keys
		if err := member(key); err != nil {
			return false, err
		}
	}
	_, err = dec.Token() // the closing brace
	return false, err
}

// readArray reads an array or null from dec, calling elem for each element;
// elem must read it.
func readArray(dec *json.Decoder, where string, elem func() error) (null bool, err error) {
	if null, err := open(dec, where, '['); null || err != nil {
		return null, err
	}
	for dec.More() {
		if err := elem(); err != nil {
			return false, err
		}
	}
	_, err = dec.Token() // the closing bracket
	return false, err
}

// open reads the token that opens an object or an array (want), or a null.
func open(dec *json.Decoder, where string, want json.Delim) (null bool, err error) {
	tok, err := dec.Token()
	switch {
	case err != nil:
		return false, err
	case tok == nil:
		return true, nil
	case tok == want:
		return false, nil
	}
	return false, fmt.Errorf("%s: want %s, got %s", where, describeToken(want), describeToken(tok))
}

// skipValue reads and drops the next value.
func skipValue(dec *json.Decoder) error {
	var skipped json.RawMessage
	return dec.Decode(&skipped)
}

// describeToken names a JSON token for an error message.
func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "an array"
		}
		if v == '{' {
			return "an object"
		}
		return fmt.Sprintf("%q", string(v))
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", tok)
}
