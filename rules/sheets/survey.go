package sheets

import (
	"errors"
	"io"
	"strings"

	"github.com/spplus/spplus/rules"
)

// completeColumn is the folded header of the optional "complete" column.
const completeColumn = "complete"

// ParseSurvey reads a survey file of either shape (responses or
// distribution, told apart by the header) into a tally of kind's layout.
// name is the file's name, used in errors; the format is decided from the
// content (XLSX or CSV). Every error about the file is a *ParseError.
func ParseSurvey(name string, r io.Reader, kind rules.SurveyKind, opt Options) (_ *rules.SurveyTally, err error) {
	opt = opt.withDefaults()
	layout, err := opt.layout(kind)
	if err != nil {
		return nil, err
	}
	dec, err := newAnswerDecoder(opt.Questionnaires)
	if err != nil {
		return nil, err
	}
	src, err := openRows(name, r, opt)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, src.close()) }()
	head, err := readHeader(src, name)
	if err != nil {
		return nil, err
	}
	if Fold(head[0]) == "question" {
		return readDistribution(src, name, head, layout, opt.Admissible)
	}
	return readResponses(src, name, head, layout, dec)
}

// questionCodes returns the codes of layout, then extra.
func questionCodes(layout rules.SurveyLayout, extra ...string) []string {
	codes := make([]string, 0, len(layout.Questions)+len(extra))
	for _, q := range layout.Questions {
		codes = append(codes, q.Code)
	}
	return append(codes, extra...)
}

// responses reads the rows of a responses-shaped survey into a tally.
type responses struct {
	src     rowSource
	head    *header
	dec     *answerDecoder
	tally   *rules.SurveyTally
	answers []rules.Answer // reused for every row
}

func readResponses(src rowSource, name string, head []string, layout rules.SurveyLayout, dec *answerDecoder) (*rules.SurveyTally, error) {
	known := questionCodes(layout, completeColumn)
	nq := len(layout.Questions)
	expected := "a question code (" + strings.Join(known[:nq], ", ") + `) or "complete"`
	h, err := mapHeader(src, head, known, expected)
	if err != nil {
		return nil, err
	}
	if miss := h.missing(known, nq); len(miss) > 0 {
		return nil, failAt(src, -1, "", "missing question column(s) "+strings.Join(miss, ", "))
	}
	p := &responses{src: src, head: h, dec: dec, tally: rules.NewSurveyTally(layout), answers: make([]rules.Answer, nq)}
	if err := p.readAll(); err != nil {
		return nil, err
	}
	if p.tally.Respondents == 0 {
		return nil, &ParseError{File: name, Msg: "no respondent rows after the header"}
	}
	return p.tally, nil
}

func (p *responses) readAll() error {
	for {
		rec, err := p.src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if blank(rec) {
			continue
		}
		if err := p.row(rec); err != nil {
			return err
		}
	}
}

// row decodes one respondent's cells and adds them to the tally.
func (p *responses) row(rec []string) error {
	if len(rec) > len(p.head.slot) {
		// Check the row's width first: a cell split by an unquoted decimal
		// comma is better reported as such than as a bad value.
		if err := p.head.checkRow(p.src, rec); err != nil {
			return err
		}
	}
	answers, slots, dec := p.answers, p.head.slot, p.dec // locals for the hot loop
	clear(answers)
	complete := true
	nq := len(answers)
	for i, cell := range rec {
		k := noColumn
		if i < len(slots) {
			k = slots[i]
		}
		if k >= 0 && k < nq {
			a, ok := dec.decode(cell)
			if !ok {
				return failAt(p.src, i, p.head.names[i], badAnswerMsg(cell))
			}
			answers[k] = a
			continue
		}
		if k == nq {
			c, err := p.complete(i, cell)
			if err != nil {
				return err
			}
			complete = c
			continue
		}
		if err := p.head.checkStray(p.src, rec, i); err != nil {
			return err
		}
	}
	p.tally.AddRespondent(answers, complete)
	return nil
}

// complete reads the "complete" cell. An empty cell counts as complete,
// like an absent column: the benefit of the doubt goes to the candidate.
func (p *responses) complete(i int, cell string) (bool, error) {
	if cell == "" || trim(cell) == "" {
		return true, nil
	}
	c, ok := parseBool(cell)
	if !ok {
		return false, failAt(p.src, i, p.head.names[i], "expected oui/non, 1/0 or true/false, got "+quote(cell))
	}
	return c, nil
}
