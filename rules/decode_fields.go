package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// fields reads the keys of one JSON object of the candidacy, remembering the
// first error and which keys were read (any other key is an error: a typo
// would otherwise turn a given input into a missing one).
type fields struct {
	path     string // "" at the top, "users_survey", "locals[2]"…
	raw      map[string]json.RawMessage
	seen     map[string]bool
	err      *error // shared by the whole tree; the first error wins
	children []*fields
}

// key returns the full name of key for error messages.
func (d *fields) key(k string) string {
	if d.path == "" {
		return k
	}
	return d.path + "." + k
}

func (d *fields) fail(k string, err error) {
	d.ensure()
	if *d.err == nil {
		*d.err = fmt.Errorf("candidacy: key %q: %w", d.key(k), err)
	}
}

func (d *fields) ensure() {
	if d.err == nil {
		d.err = new(error)
	}
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
}

// get returns the raw value of k, or nil when k is absent or null.
func (d *fields) get(k string) json.RawMessage {
	d.ensure()
	d.seen[k] = true
	v, ok := d.raw[k]
	if !ok || string(v) == "null" {
		return nil
	}
	return v
}

// finish reports the first error of the tree, or the first unknown key.
func (d *fields) finish() error {
	d.ensure()
	if *d.err != nil {
		return *d.err
	}
	var unknown []string
	for k := range d.raw {
		if !d.seen[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		*d.err = fmt.Errorf("candidacy: key %q: unknown key (expected one of %s)", d.key(unknown[0]),
			strings.Join(knownKeys(d.seen), ", "))
		return *d.err
	}
	for _, c := range d.children {
		if err := c.finish(); err != nil {
			return err
		}
	}
	return nil
}

// child returns the fields of a nested object, or nil (with an error) when
// raw is not an object.
func (d *fields) child(path string, raw json.RawMessage) *fields {
	d.ensure()
	c := &fields{path: path, err: d.err, seen: map[string]bool{}}
	if err := json.Unmarshal(raw, &c.raw); err != nil || c.raw == nil {
		if *d.err == nil {
			*d.err = fmt.Errorf("candidacy: key %q: expected an object, got %s", path, preview(raw))
		}
		return nil
	}
	d.children = append(d.children, c)
	return c
}

// object returns the nested object k; an absent one reads as empty.
func (d *fields) object(k string) *fields {
	v := d.get(k)
	if v == nil {
		return &fields{path: d.key(k), err: d.err, seen: map[string]bool{}}
	}
	if c := d.child(d.key(k), v); c != nil {
		return c
	}
	return &fields{path: d.key(k), err: d.err, seen: map[string]bool{}}
}

func (d *fields) str(k string) string {
	v := d.get(k)
	if v == nil {
		return ""
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		d.fail(k, fmt.Errorf("expected a string, got %s", preview(v)))
	}
	return s
}

func (d *fields) boolean(k string) bool {
	v := d.get(k)
	if v == nil {
		return false
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		d.fail(k, fmt.Errorf("expected true or false, got %s", preview(v)))
	}
	return b
}

func (d *fields) date(k string) Date {
	v := d.get(k)
	if v == nil {
		return Date{}
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		d.fail(k, fmt.Errorf("expected a date YYYY-MM-DD, got %s", preview(v)))
		return Date{}
	}
	date, err := ParseDate(s)
	if err != nil {
		d.fail(k, err)
	}
	return date
}

func (d *fields) dates(k string) []Date {
	var out []Date
	for i, raw := range d.array(k) {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			d.fail(fmt.Sprintf("%s[%d]", k, i), fmt.Errorf("expected a date YYYY-MM-DD, got %s", preview(raw)))
			return nil
		}
		date, err := ParseDate(s)
		if err != nil {
			d.fail(fmt.Sprintf("%s[%d]", k, i), err)
			return nil
		}
		out = append(out, date)
	}
	return out
}

func (d *fields) array(k string) []json.RawMessage {
	v := d.get(k)
	if v == nil {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		d.fail(k, fmt.Errorf("expected an array, got %s", preview(v)))
		return nil
	}
	return items
}

// integer reads a whole number in [lo, hi].
func (d *fields) integer(k string, lo, hi int64) int {
	v := d.get(k)
	if v == nil {
		return 0
	}
	num, ok := jsonNumber(v)
	if !ok {
		d.fail(k, fmt.Errorf("expected a whole number, got %s", preview(v)))
		return 0
	}
	n, err := strconv.ParseInt(num.String(), 10, 64)
	if err != nil || n < lo || n > hi {
		d.fail(k, fmt.Errorf("expected a whole number from %d to %d, got %s", lo, hi, preview(v)))
		return 0
	}
	return int(n)
}

// number reads a decimal number exactly (a declared score).
func (d *fields) number(k string) Score {
	v := d.get(k)
	if v == nil {
		return Score{}
	}
	num, ok := jsonNumber(v)
	if !ok {
		d.fail(k, fmt.Errorf("expected a number, got %s", preview(v)))
		return Score{}
	}
	s, err := ParseScore(num.String())
	if err != nil {
		d.fail(k, err)
	}
	return s
}

// enum reads a string among allowed; def when absent.
func (d *fields) enum(k, def string, allowed ...string) string {
	if d.get(k) == nil {
		return def
	}
	s := d.str(k)
	if !slices.Contains(allowed, s) && *d.err == nil {
		d.fail(k, errors.New("expected "+quoteList(allowed)+", got "+strconv.Quote(s)))
	}
	return s
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, " or ")
}

// jsonNumber accepts a JSON number literal only (not a quoted one).
func jsonNumber(v json.RawMessage) (json.Number, bool) {
	var num json.Number
	if len(v) == 0 || v[0] == '"' || json.Unmarshal(v, &num) != nil {
		return "", false
	}
	return num, true
}
