package sheets

import (
	"errors"
	"strconv"
	"strings"
)

// ErrLimit is wrapped by every error that stops a file because it exceeds
// a limit of Options (bytes, rows, line or cell length, uncompressed size).
var ErrLimit = errors.New("limit exceeded")

// ParseError is an error about the content of one file. It says where the
// problem is — the line of a CSV file, or the sheet and cell of an XLSX
// file — and what was expected, in words a candidate can act on.
type ParseError struct {
	// File is the file's name as given to the parser.
	File string
	// Sheet is the XLSX sheet; empty for CSV files.
	Sheet string
	// Line is the CSV line, or the XLSX row, 1-based; 0 for the whole file.
	Line int
	// Cell is the XLSX cell reference (e.g. "B7"); empty for CSV files.
	Cell string
	// Column is the column's header, when the error concerns one column.
	Column string
	// Msg says what was expected and what was found.
	Msg string
	// Err is the underlying cause, if any (ErrLimit, an I/O error...).
	Err error
}

// Error formats the error as, for example,
// `users.csv line 7, column "E2_1": expected ..., got "2"` or
// `users.xlsx sheet "Feuil1" cell B7, column "E2_1": expected ..., got "2"`.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Sheet != "" && e.Cell != "":
		b.WriteString(" sheet " + strconv.Quote(e.Sheet) + " cell " + e.Cell)
	case e.Sheet != "" && e.Line > 0:
		b.WriteString(" sheet " + strconv.Quote(e.Sheet) + " row " + strconv.Itoa(e.Line))
	case e.Sheet != "":
		b.WriteString(" sheet " + strconv.Quote(e.Sheet))
	case e.Line > 0:
		b.WriteString(" line " + strconv.Itoa(e.Line))
	}
	if e.Column != "" {
		b.WriteString(", column " + strconv.Quote(e.Column))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *ParseError) Unwrap() error { return e.Err }

// maxQuoted bounds how much of a bad value an error message repeats, so a
// huge cell does not make a huge message.
const maxQuoted = 60

// quote quotes a cell's value for an error message, shortened if long.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
