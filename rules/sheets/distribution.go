package sheets

import (
	"fmt"
	"io"
	"strings"

	"github.com/spplus/spplus/rules"
)

// distColumns are the columns of the distribution shape, "question" first.
var distColumns = []string{"question", "n_0", "n_025", "n_075", "n_1", "n_nc"}

// admissibleRow is the folded first cell of the row giving the admissible count.
const admissibleRow = "admissible"

// distribution reads a distribution-shaped survey: one row per question
// with its answer counts, and perhaps a row with the admissible count.
type distribution struct {
	src    rowSource
	name   string
	head   *header
	layout rules.SurveyLayout
	index  map[string]int // folded question code → question
	tally  *rules.SurveyTally
	// where locates each question's row, for the check against admissible.
	where []ParseError
	seen  []bool
	// admissible and admWhere hold the "admissible" row, if any.
	admissible int64
	admWhere   *ParseError
}

func readDistribution(src rowSource, name string, head []string, layout rules.SurveyLayout, optAdmissible int) (*rules.SurveyTally, error) {
	h, err := mapHeader(src, head, distColumns, "n_0, n_025, n_075, n_1 or n_nc after question")
	if err != nil {
		return nil, err
	}
	if miss := h.missing(distColumns, len(distColumns)); len(miss) > 0 {
		return nil, failAt(src, -1, "", "missing column(s) "+strings.Join(miss, ", "))
	}
	d := &distribution{src: src, name: name, head: h, layout: layout, tally: rules.NewSurveyTally(layout),
		index: make(map[string]int, len(layout.Questions)), where: make([]ParseError, len(layout.Questions)), seen: make([]bool, len(layout.Questions))}
	for i, q := range layout.Questions {
		d.index[Fold(q.Code)] = i
	}
	if err := d.readAll(); err != nil {
		return nil, err
	}
	return d.finish(optAdmissible)
}

func (d *distribution) readAll() error {
	for {
		rec, err := d.src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if blank(rec) {
			continue
		}
		if err := d.head.checkRow(d.src, rec); err != nil {
			return err
		}
		if err := d.row(rec); err != nil {
			return err
		}
	}
}

// row reads a question's counts, or the admissible row.
func (d *distribution) row(rec []string) error {
	code := trim(d.head.get(rec, 0))
	if Fold(code) == admissibleRow {
		return d.admissibleRow(rec)
	}
	i, ok := d.index[Fold(code)]
	if !ok {
		return d.head.fail(d.src, 0, fmt.Sprintf("unknown question %s, expected %s or %q",
			quote(code), strings.Join(questionCodes(d.layout), ", "), admissibleRow))
	}
	if d.seen[i] {
		return d.head.fail(d.src, 0, fmt.Sprintf("question %s given twice", quote(code)))
	}
	var n [5]int64
	for k := range n {
		v, err := d.count(rec, k+1)
		if err != nil {
			return err
		}
		n[k] = v
	}
	d.tally.Counts[i] = rules.AnswerCounts{Zero: n[0], Quarter: n[1], ThreeQuarters: n[2], One: n[3], NC: n[4]}
	d.where[i], d.seen[i] = d.src.at(0), true
	return nil
}

// count reads the count in known column k. An empty cell is 0: reports
// often leave the cells of answers nobody gave empty.
func (d *distribution) count(rec []string, k int) (int64, error) {
	cell := d.head.get(rec, k)
	if trim(cell) == "" {
		return 0, nil
	}
	v, ok := parseCount(cell)
	if !ok {
		return 0, d.head.fail(d.src, k, "expected a count (a whole number, 0 or more), got "+quote(cell))
	}
	return v, nil
}

// admissibleRow reads "admissible,N": the count in the second cell (the
// question column is the first, see ParseSurvey), the other cells empty.
func (d *distribution) admissibleRow(rec []string) error {
	if d.admWhere != nil {
		return d.head.fail(d.src, 0, "admissible count given twice")
	}
	cell := ""
	if len(rec) > 1 {
		cell = rec[1]
	}
	v, ok := parseCount(cell)
	if !ok {
		return failAt(d.src, 1, d.head.column(1), "expected the admissible count (a whole number, 0 or more), got "+quote(cell))
	}
	for i := 2; i < len(rec); i++ {
		if trim(rec[i]) != "" {
			return failAt(d.src, i, d.head.column(i), "expected an empty cell on the admissible row, got "+quote(rec[i]))
		}
	}
	where := d.src.at(1)
	d.admissible, d.admWhere = v, &where
	return nil
}

// finish settles the admissible count and checks the counts against it.
func (d *distribution) finish(optAdmissible int) (*rules.SurveyTally, error) {
	adm, err := d.settleAdmissible(optAdmissible)
	if err != nil {
		return nil, err
	}
	var miss []string
	for i, q := range d.layout.Questions {
		if !d.seen[i] {
			miss = append(miss, q.Code)
		}
	}
	if len(miss) > 0 {
		return nil, &ParseError{File: d.name, Msg: "missing question row(s) " + strings.Join(miss, ", ")}
	}
	for i, c := range d.tally.Counts {
		if total := c.Scored() + c.NC; total > adm {
			e := d.where[i]
			e.Column = d.head.names[d.head.pos[0]]
			e.Msg = fmt.Sprintf("question %s has %d answers, more than the %d admissible respondents",
				d.layout.Questions[i].Code, total, adm)
			return nil, &e
		}
	}
	// An aggregated report only counts admissible questionnaires.
	d.tally.Respondents, d.tally.Admissible = adm, adm
	return d.tally, nil
}

func (d *distribution) settleAdmissible(opt int) (int64, error) {
	switch {
	case opt < 0:
		return 0, fmt.Errorf("admissible option %d: expected a count, 0 or more", opt)
	case d.admWhere != nil && opt > 0 && int64(opt) != d.admissible:
		e := *d.admWhere
		e.Msg = fmt.Sprintf("admissible count %d differs from the one given as an option (%d)", d.admissible, opt)
		return 0, &e
	case d.admWhere != nil:
		return d.admissible, nil
	case opt > 0:
		return int64(opt), nil
	}
	return 0, &ParseError{File: d.name, Msg: `no admissible count: add a row "admissible,N" or give it as an option (--admissible N)`}
}
