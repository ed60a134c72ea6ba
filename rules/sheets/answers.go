package sheets

import (
	"fmt"
	"strings"

	"github.com/spplus/spplus/rules"
)

// answerDecoder turns survey cells into answers. It is on the hot path of
// every survey file, hence its layers, each cheaper than the next:
//   - the usual short spellings ("1", "0,25", "NC") by a table (exact);
//   - any cell seen before by a small memo, then a bounded cache;
//   - anything else by the slow path (trim, number, fold, label lookup),
//     whose result is cached.
//
// None of them allocates once a file's few spellings have been seen.
type answerDecoder struct {
	// labels maps folded answer labels and NC spellings to answers.
	labels map[string]rules.Answer
	// cache maps raw cells already decoded to their answers, stored with
	// a copy of the cell that the memo can hold without allocating.
	cache map[string]memoEntry
	// memo holds recent cells by a cheap hash, in front of cache: the few
	// labels of a file are found with one string comparison, no map hash.
	memo [memoSize]memoEntry
	// short holds the usual short spellings (see exact).
	short [1 << shortBits]shortEntry
}

// maxCached bounds the cache of raw cell spellings. Real files use a few
// dozen spellings; the bound only matters for hostile ones.
const maxCached = 4096

// usualSpellings are the point values put in the short table.
var usualSpellings = []struct {
	cell     string
	quarters int8
}{{"0", 0}, {"1", 4}, {"0,25", 1}, {"0.25", 1}, {"0,75", 3}, {"0.75", 3}}

// newAnswerDecoder checks the configured labels and builds their table.
// Two spellings that fold alike must mean the same answer.
func newAnswerDecoder(q rules.Questionnaires) (*answerDecoder, error) {
	d := &answerDecoder{
		labels: make(map[string]rules.Answer, len(q.AnswerLabels)+len(q.NCLabels)),
		cache:  make(map[string]memoEntry, 64),
	}
	for _, l := range q.AnswerLabels {
		if !rules.ValidQuarters(int(l.Quarters)) {
			return nil, fmt.Errorf("questionnaires: answer label %q: quarters %d, expected 0, 1, 3 or 4", l.Label, l.Quarters)
		}
		if err := d.addLabel(l.Label, rules.Answer{Kind: rules.AnswerPoints, Quarters: l.Quarters}); err != nil {
			return nil, err
		}
	}
	for _, l := range q.NCLabels {
		if err := d.addLabel(l, rules.Answer{Kind: rules.AnswerNC}); err != nil {
			return nil, err
		}
	}
	for _, u := range usualSpellings {
		d.addShort(u.cell, rules.Answer{Kind: rules.AnswerPoints, Quarters: u.quarters})
	}
	if a, ok := d.labels[Fold("NC")]; ok {
		d.addShort("NC", a)
	}
	return d, nil
}

func (d *answerDecoder) addLabel(label string, a rules.Answer) error {
	key := Fold(label)
	if key == "" {
		return fmt.Errorf("questionnaires: empty answer or NC label")
	}
	if _, num, _ := parseQuarters(key); num {
		return fmt.Errorf("questionnaires: label %q reads as a number", label)
	}
	if prev, dup := d.labels[key]; dup && prev != a {
		return fmt.Errorf("questionnaires: label %q is given two different meanings", label)
	}
	d.labels[key] = a
	return nil
}

// decode returns the answer a cell holds, or false when it holds none of
// the accepted values.
func (d *answerDecoder) decode(raw string) (rules.Answer, bool) {
	if len(raw) == 0 {
		return rules.Answer{}, true
	}
	if a, ok := d.exact(raw); ok {
		return a, true
	}
	slot := &d.memo[memoIndex(raw)]
	if slot.raw == raw {
		return slot.a, true
	}
	if e, hit := d.cache[raw]; hit {
		*slot = e
		return e.a, true
	}
	a, ok := d.slow(raw)
	if ok && len(d.cache) < maxCached {
		// Clone: raw shares the memory of a block of lines, which the
		// cache must not keep alive.
		e := memoEntry{raw: strings.Clone(raw), a: a}
		d.cache[e.raw] = e
		*slot = e
	}
	return a, ok
}

// slow decodes a cell that is not one of the common exact spellings.
func (d *answerDecoder) slow(raw string) (rules.Answer, bool) {
	s := trim(raw)
	if s == "" {
		return rules.Answer{}, true
	}
	if q, num, ok := parseQuarters(s); num {
		if !ok || !rules.ValidQuarters(q) {
			return rules.Answer{}, false
		}
		return rules.Answer{Kind: rules.AnswerPoints, Quarters: int8(q)}, true
	}
	a, ok := d.labels[Fold(s)]
	return a, ok
}

// badAnswerMsg is the message for a survey cell that holds no accepted value.
func badAnswerMsg(raw string) string {
	return "expected 0, 0.25, 0.75, 1, an answer label or NC, got " + quote(raw)
}
