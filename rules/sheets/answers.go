package sheets

import (
	"fmt"
	"strings"

	"github.com/spplus/spplus/rules"
)

// maxCached bounds the cache of raw cell spellings. Real files use a few
// dozen spellings; the bound only matters for hostile ones.
const maxCached = 4096

// answerDecoder turns survey cells into answers. The spellings that fill
// real files ("1", "0,25", "NC", a label) are recognised without allocating:
// numbers by a switch, everything else by a cache keyed by the raw cell,
// filled on a miss after the slow path (trim, fold, look up).
type answerDecoder struct {
	// labels maps folded answer labels and NC spellings to answers.
	labels map[string]rules.Answer
	// cache maps raw cells already decoded to their answers.
	cache map[string]rules.Answer
	// memo holds recent cells by a cheap hash, in front of cache: the few
	// labels of a file are found with one string comparison, no map hash.
	memo [64]memoEntry
	// plainNC is set when "NC" is a configured NC spelling.
	plainNC bool
}

type memoEntry struct {
	raw string
	a   rules.Answer
}

// memoIndex hashes a non-empty cell from its length and end bytes, which
// tell the labels of a questionnaire apart well enough.
func memoIndex(raw string) int {
	return int((uint(len(raw))*31 + uint(raw[0])*7 + uint(raw[len(raw)-1])) & 63)
}

// newAnswerDecoder checks the configured labels and builds their table.
// Two spellings that fold alike must mean the same answer.
func newAnswerDecoder(q rules.Questionnaires) (*answerDecoder, error) {
	d := &answerDecoder{
		labels: make(map[string]rules.Answer, len(q.AnswerLabels)+len(q.NCLabels)),
		cache:  make(map[string]rules.Answer, 64),
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
	d.plainNC = d.labels[fold("NC")] == rules.Answer{Kind: rules.AnswerNC}
	return d, nil
}

func (d *answerDecoder) addLabel(label string, a rules.Answer) error {
	key := fold(label)
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
	if a, ok := d.exact(raw); ok {
		return a, true
	}
	slot := &d.memo[memoIndex(raw)]
	if slot.raw == raw {
		return slot.a, true
	}
	if a, hit := d.cache[raw]; hit {
		*slot = memoEntry{raw: raw, a: a}
		return a, true
	}
	a, ok := d.slow(raw)
	if ok && len(d.cache) < maxCached {
		// Clone: raw shares the memory of its whole line, which the
		// cache must not keep alive.
		raw = strings.Clone(raw)
		d.cache[raw] = a
		*slot = memoEntry{raw: raw, a: a}
	}
	return a, ok
}

// exact recognises the spellings that fill survey files — "", "0", "1",
// "0,25", "0.25", "0,75", "0.75" and, when configured, "NC" — by their
// bytes, which is cheaper than comparing strings or hashing them.
func (d *answerDecoder) exact(raw string) (rules.Answer, bool) {
	switch len(raw) {
	case 0:
		return rules.Answer{}, true
	case 1:
		switch raw[0] {
		case '0':
			return rules.Answer{Kind: rules.AnswerPoints, Quarters: 0}, true
		case '1':
			return rules.Answer{Kind: rules.AnswerPoints, Quarters: 4}, true
		}
	case 2:
		if d.plainNC && raw[0] == 'N' && raw[1] == 'C' {
			return rules.Answer{Kind: rules.AnswerNC}, true
		}
	case 4:
		if raw[0] != '0' || (raw[1] != '.' && raw[1] != ',') || raw[3] != '5' {
			break
		}
		switch raw[2] {
		case '2':
			return rules.Answer{Kind: rules.AnswerPoints, Quarters: 1}, true
		case '7':
			return rules.Answer{Kind: rules.AnswerPoints, Quarters: 3}, true
		}
	}
	return rules.Answer{}, false
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
	a, ok := d.labels[fold(s)]
	return a, ok
}

// badAnswerMsg is the message for a survey cell that holds no accepted value.
func badAnswerMsg(raw string) string {
	return "expected 0, 0.25, 0.75, 1, an answer label or NC, got " + quote(raw)
}
