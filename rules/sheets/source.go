package sheets

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// rowSource is a file read row by row, whatever its format.
type rowSource interface {
	// next returns the cells of the next row, valid until the following
	// call, or io.EOF after the last row.
	next() ([]string, error)
	// at locates cell col of the row last returned (col < 0: the row).
	at(col int) ParseError
	// close releases what the source holds (XLSX temporary files).
	close() error
	// separator returns the CSV separator, or 0 for a workbook.
	separator() rune
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xD0\xCF\x11\xE0")
)

// sniffSize is the buffer in front of the file, enough to see its format.
const sniffSize = 64 << 10

// openRows opens a file for reading rows, deciding its format from its
// first bytes, and applies the limits of opt (already defaulted).
func openRows(name string, r io.Reader, opt Options) (rowSource, error) {
	br := bufio.NewReaderSize(&capReader{r: r, max: opt.MaxBytes, file: name}, sniffSize)
	head, err := br.Peek(len(zipMagic))
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return nil, readError(name, err)
		}
		return nil, &ParseError{File: name, Msg: "empty file, expected a header row"}
	}
	var src rowSource
	switch {
	case bytes.Equal(head, zipMagic):
		src, err = openXLSX(name, br, opt)
	case bytes.Equal(head, oleMagic):
		return nil, &ParseError{File: name, Msg: "a legacy .xls workbook or an encrypted file, expected XLSX or CSV: save it as .xlsx or as CSV"}
	case isXLSXName(name):
		return nil, &ParseError{File: name, Msg: "named like an XLSX workbook but not one (no zip signature)"}
	default:
		src, err = openCSV(name, br, opt)
	}
	if err != nil {
		return nil, err
	}
	return &limitedRows{src: src, maxRows: opt.MaxRows, maxCell: opt.MaxCellBytes, maxCells: opt.MaxCells}, nil
}

func isXLSXName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// readError reports an I/O error, keeping a *ParseError from a limit as is.
func readError(name string, err error) error {
	if pe, ok := errors.AsType[*ParseError](err); ok {
		return pe
	}
	return &ParseError{File: name, Msg: "cannot read the file: " + err.Error(), Err: err}
}

// limitedRows enforces the row and cell limits on any source.
type limitedRows struct {
	src      rowSource
	rows     int64
	maxRows  int64
	cells    int64
	maxCells int64
	maxCell  int
}

func (l *limitedRows) next() ([]string, error) {
	rec, err := l.src.next()
	if err != nil {
		return nil, err
	}
	l.rows++
	if l.rows > l.maxRows {
		return nil, l.limit(-1, fmt.Sprintf("more than %d rows (the row limit)", l.maxRows))
	}
	l.cells += int64(len(rec))
	if l.cells > l.maxCells {
		return nil, l.limit(-1, fmt.Sprintf("more than %d cells (the cell limit)", l.maxCells))
	}
	for i, c := range rec {
		if len(c) > l.maxCell {
			return nil, l.limit(i, fmt.Sprintf("cell longer than the %d-byte limit", l.maxCell))
		}
	}
	return rec, nil
}

func (l *limitedRows) limit(col int, msg string) error {
	e := l.src.at(col)
	e.Msg, e.Err = msg, ErrLimit
	return &e
}

func (l *limitedRows) at(col int) ParseError { return l.src.at(col) }

func (l *limitedRows) close() error { return l.src.close() }

func (l *limitedRows) separator() rune { return l.src.separator() }

// blank reports a row whose cells are all empty or spaces.
func blank(rec []string) bool {
	for _, c := range rec {
		if !blankCell(c) {
			return false
		}
	}
	return true
}

// blankCell reports a cell that is empty or spaces, deciding on the first
// byte in the common case of a cell starting with a letter or digit.
func blankCell(c string) bool {
	for i := 0; i < len(c); i++ {
		switch b := c[i]; {
		case b == ' ' || b == '\t' || b == '\r' || b == '\n':
		case b >= 0x80:
			return trim(c) == ""
		default:
			return false
		}
	}
	return true
}

// failAt returns the error msg located at cell col of the current row.
func failAt(src rowSource, col int, column, msg string) error {
	e := src.at(col)
	e.Column, e.Msg = column, msg
	return &e
}
