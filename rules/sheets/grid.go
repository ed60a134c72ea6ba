package sheets

import (
	"errors"
	"io"
	"strings"

	"github.com/spplus/spplus/rules"
)

// The columns of the grids (ARCHITECTURE.md, "Survey and grid files").
var (
	auditColumns   = []string{"point", "engagement", "score"}
	centralColumns = []string{"point", "validated"}
)

// ParseAuditGrid reads a local audit grid (point,engagement,score) in file
// order. It refuses malformed rows; whether engagements 1 to 8 all have
// points is for the engine to judge (AUDIT_GRID_INVALID).
func ParseAuditGrid(name string, r io.Reader, opt Options) (rules.AuditGrid, error) {
	var g rules.AuditGrid
	err := readTable(name, r, opt, auditColumns, func(t *table, rec []string) error {
		p, err := t.auditPoint(rec)
		if err != nil {
			return err
		}
		g.Points = append(g.Points, p)
		return nil
	})
	if err != nil {
		return rules.AuditGrid{}, err
	}
	return g, nil
}

// ParseCentralGrid reads a central-service grid (point,validated) in file order.
func ParseCentralGrid(name string, r io.Reader, opt Options) (rules.CentralGrid, error) {
	var g rules.CentralGrid
	err := readTable(name, r, opt, centralColumns, func(t *table, rec []string) error {
		p, err := t.centralPoint(rec)
		if err != nil {
			return err
		}
		g.Points = append(g.Points, p)
		return nil
	})
	if err != nil {
		return rules.CentralGrid{}, err
	}
	return g, nil
}

// table is a grid being read: its source and header.
type table struct {
	src  rowSource
	head *header
}

// readTable opens a grid file, maps its header to columns (all required,
// any order) and calls row for each row that is not blank.
func readTable(name string, r io.Reader, opt Options, columns []string, row func(*table, []string) error) (err error) {
	opt = opt.withDefaults()
	src, err := openRows(name, r, opt)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, src.close()) }()
	head, err := readHeader(src, name)
	if err != nil {
		return err
	}
	h, err := mapHeader(src, head, columns, strings.Join(columns, ", "))
	if err != nil {
		return err
	}
	if miss := h.missing(columns, len(columns)); len(miss) > 0 {
		return failAt(src, -1, "", "missing column(s) "+strings.Join(miss, ", ")+", expected "+strings.Join(columns, ", "))
	}
	t := &table{src: src, head: h}
	n, err := t.each(row)
	if err == nil && n == 0 {
		err = &ParseError{File: name, Msg: "no control points after the header"}
	}
	return err
}

// each calls row for every row that is not blank and returns their number.
func (t *table) each(row func(*table, []string) error) (int, error) {
	n := 0
	for {
		rec, err := t.src.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if blank(rec) {
			continue
		}
		if err := t.head.checkRow(t.src, rec); err != nil {
			return n, err
		}
		if err := row(t, rec); err != nil {
			return n, err
		}
		n++
	}
}

// point reads the control point's label, which must not be empty.
func (t *table) point(rec []string) (string, error) {
	p := trim(t.head.get(rec, 0))
	if p == "" {
		return "", t.head.fail(t.src, 0, "expected the control point's label or number, got an empty cell")
	}
	return p, nil
}

func (t *table) auditPoint(rec []string) (rules.AuditPoint, error) {
	var p rules.AuditPoint
	var err error
	if p.Point, err = t.point(rec); err != nil {
		return p, err
	}
	if p.Engagement, p.Or, err = t.engagement(rec); err != nil {
		return p, err
	}
	score := t.head.get(rec, 2)
	q, _, ok := parseQuarters(trim(score))
	if !ok || !rules.ValidQuarters(q) {
		return p, t.head.fail(t.src, 2, "expected a score 0, 0.25, 0.75 or 1, got "+quote(score))
	}
	p.Quarters = int8(q)
	return p, nil
}

// engagement reads 1 to 8, or OR for the criteria of the "or" level
// (engagement 0 in rules.AuditPoint).
func (t *table) engagement(rec []string) (int, bool, error) {
	cell := t.head.get(rec, 1)
	s := trim(cell)
	if Fold(s) == "or" {
		return 0, true, nil
	}
	if len(s) == 1 && s[0] >= '1' && s[0] <= '8' {
		return int(s[0] - '0'), false, nil
	}
	return 0, false, t.head.fail(t.src, 1, "expected an engagement 1 to 8 or OR, got "+quote(cell))
}

func (t *table) centralPoint(rec []string) (rules.CentralPoint, error) {
	var p rules.CentralPoint
	var err error
	if p.Point, err = t.point(rec); err != nil {
		return p, err
	}
	cell := t.head.get(rec, 1)
	v, ok := parseBool(cell)
	if !ok {
		return p, t.head.fail(t.src, 1, "expected oui/non, 1/0 or true/false, got "+quote(cell))
	}
	p.Validated = v
	return p, nil
}
