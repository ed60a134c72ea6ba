package sheets

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// noColumn marks a header cell that is none of the known columns (an empty
// header cell: its cells must stay empty).
const noColumn = -1

// header maps the header row of a file onto the columns a shape knows.
type header struct {
	// slot gives, for each header cell, the known column it is, or noColumn.
	slot []int
	// pos gives, for each known column, its header cell, or -1 if absent.
	pos []int
	// names holds the header cells as written, trimmed, for messages.
	names []string
}

// readHeader returns the first row that is not blank.
func readHeader(src rowSource, file string) ([]string, error) {
	for {
		rec, err := src.next()
		if err == io.EOF {
			return nil, &ParseError{File: file, Msg: "empty file, expected a header row"}
		}
		if err != nil {
			return nil, err
		}
		if !blank(rec) {
			return slices.Clone(rec), nil
		}
	}
}

// mapHeader matches the header cells to known (matched by fold). expected
// describes the known columns for the message about an unknown one.
func mapHeader(src rowSource, head, known []string, expected string) (*header, error) {
	keys := make(map[string]int, len(known))
	for k, name := range known {
		keys[Fold(name)] = k
	}
	h := &header{slot: make([]int, len(head)), pos: make([]int, len(known)), names: make([]string, len(head))}
	for k := range h.pos {
		h.pos[k] = -1
	}
	for i, cell := range head {
		h.names[i] = trim(strings.TrimPrefix(cell, "\uFEFF"))
		h.slot[i] = noColumn
		key := Fold(h.names[i])
		if key == "" {
			continue
		}
		k, ok := keys[key]
		if !ok {
			return nil, failAt(src, i, h.names[i], "unknown column, expected "+expected)
		}
		if h.pos[k] >= 0 {
			return nil, failAt(src, i, h.names[i], fmt.Sprintf("duplicate column, already given as column %d", h.pos[k]+1))
		}
		h.slot[i], h.pos[k] = k, i
	}
	return h, nil
}

// missing lists the known columns among want that the header lacks.
func (h *header) missing(known []string, want int) []string {
	var out []string
	for k := 0; k < want; k++ {
		if h.pos[k] < 0 {
			out = append(out, known[k])
		}
	}
	return out
}

// column returns the header of cell i as written, or "" past the header.
func (h *header) column(i int) string {
	if i < len(h.names) {
		return h.names[i]
	}
	return ""
}

// checkStray refuses a value in a cell with no header, since its meaning
// is unknown and silently dropping it could change a score.
func (h *header) checkStray(src rowSource, rec []string, i int) error {
	if rec[i] == "" || trim(rec[i]) == "" {
		return nil
	}
	if i < len(h.names) {
		return failAt(src, i, "", "value in a column without a header, got "+quote(rec[i]))
	}
	msg := "value past the last header column, got " + quote(rec[i])
	if src.separator() == ',' {
		// The usual cause: 0,75 written unquoted in a comma-separated file.
		msg += ` (an unquoted decimal comma? Quote values like "0,75" or separate the cells with ";")`
	}
	return failAt(src, i, "", msg)
}

// get returns the cell of known column k in rec ("" when the row is short).
func (h *header) get(rec []string, k int) string {
	if i := h.pos[k]; i >= 0 && i < len(rec) {
		return rec[i]
	}
	return ""
}

// fail returns msg located at known column k of the current row.
func (h *header) fail(src rowSource, k int, msg string) error {
	return failAt(src, h.pos[k], h.names[h.pos[k]], msg)
}

// checkRow refuses values in the cells of rec that belong to no known column.
func (h *header) checkRow(src rowSource, rec []string) error {
	for i := range rec {
		if i >= len(h.slot) || h.slot[i] == noColumn {
			if err := h.checkStray(src, rec, i); err != nil {
				return err
			}
		}
	}
	return nil
}
