package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spplus/spplus/connector/report"
)

// candidacyRow is one input of the candidacy as mapped from the dossier.
type candidacyRow struct {
	Key   string // dotted path, e.g. pieces.organigram
	Label string // French label, or the key when unknown
	Value string
}

// Limits of the candidacy display: the stored JSON comes from the
// connector, but a parsed survey inside it could be large.
const (
	maxCandidacyDepth = 4
	maxCandidacyList  = 30
	maxCandidacyRows  = 300
)

// flattenCandidacy turns the stored candidacy JSON into labelled rows, in
// the order of its keys. It accepts any JSON object, so that the page keeps
// working whatever shape the connector stores (the candidacy JSON of
// ARCHITECTURE.md, or rules.Candidacy's field names).
func flattenCandidacy(raw []byte) ([]candidacyRow, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	if !json.Valid(raw) {
		return nil, errors.New("stored candidacy: expected one JSON value")
	}
	f := &flattener{}
	if err := f.value("", raw, 0); err != nil {
		return nil, fmt.Errorf("stored candidacy: %w", err)
	}
	return f.rows, nil
}

// flattener collects the rows; each composite value is read from its own
// raw bytes, which keeps the walk simple (the depth is bounded).
type flattener struct {
	rows []candidacyRow
}

func (f *flattener) value(path string, raw json.RawMessage, depth int) error {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return errors.New("empty value")
	case raw[0] == '{':
		return f.object(path, raw, depth)
	case raw[0] == '[':
		return f.array(path, raw, depth)
	}
	t, err := newDecoder(raw).Token()
	if err != nil {
		return err
	}
	f.add(path, scalarText(t))
	return nil
}

func newDecoder(raw []byte) *json.Decoder {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec
}

func (f *flattener) object(path string, raw json.RawMessage, depth int) error {
	if depth >= maxCandidacyDepth {
		f.add(path, "(détail non affiché)")
		return nil
	}
	dec := newDecoder(raw)
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		if err := f.value(join(path, key), v, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// array shows a list of scalars on one line, and a list of objects one
// element after the other (locals[0].name...); long lists are counted only.
func (f *flattener) array(path string, raw json.RawMessage, depth int) error {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return err
	}
	if len(items) > maxCandidacyList || (depth >= maxCandidacyDepth && len(items) > 0) {
		f.add(path, fmt.Sprintf("%d éléments (non affichés)", len(items)))
		return nil
	}
	var scalars []string
	for i, it := range items {
		it = bytes.TrimSpace(it)
		if len(it) > 0 && (it[0] == '{' || it[0] == '[') {
			if err := f.value(fmt.Sprintf("%s[%d]", path, i), it, depth+1); err != nil {
				return err
			}
			continue
		}
		t, err := newDecoder(it).Token()
		if err != nil {
			return err
		}
		scalars = append(scalars, scalarText(t))
	}
	if len(scalars) > 0 || len(items) == 0 {
		f.add(path, strings.Join(scalars, ", "))
	}
	return nil
}

func (f *flattener) add(path, value string) {
	if len(f.rows) >= maxCandidacyRows {
		return
	}
	f.rows = append(f.rows, candidacyRow{Key: path, Label: candidacyLabel(path), Value: value})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// scalarText shows a JSON scalar in French: oui/non, dates dd/mm/yyyy,
// "—" for null.
func scalarText(t json.Token) string {
	switch v := t.(type) {
	case nil:
		return "—"
	case bool:
		if v {
			return "oui"
		}
		return "non"
	case json.Number:
		return frenchNumber(v.String())
	case string:
		if v == "" {
			return "—"
		}
		return report.FrenchDate(v)
	}
	return fmt.Sprint(t)
}

// frenchNumber writes a decimal number with a decimal comma.
func frenchNumber(s string) string {
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}
