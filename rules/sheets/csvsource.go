package sheets

import (
	"bufio"
	"bytes"
	"io"
)

var (
	utf8BOM    = []byte("\xEF\xBB\xBF")
	utf16LEBOM = []byte("\xFF\xFE")
	utf16BEBOM = []byte("\xFE\xFF")
)

// csvRows reads a CSV file record by record.
type csvRows struct {
	s    *csvScanner
	last int // cells in the row last returned
}

// openCSV strips a UTF-8 byte-order mark, decodes the text (UTF-8 or
// Windows-1252), and guesses the separator.
func openCSV(name string, br *bufio.Reader, opt Options) (rowSource, error) {
	head, _ := br.Peek(len(utf8BOM))
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		if _, err := br.Discard(len(utf8BOM)); err != nil {
			return nil, readError(name, err)
		}
	case bytes.HasPrefix(head, utf16LEBOM) || bytes.HasPrefix(head, utf16BEBOM):
		return nil, &ParseError{File: name, Msg: "UTF-16 text, expected UTF-8 or Windows-1252: save the file as CSV UTF-8"}
	}
	sc := newCSVScanner(newTextReader(br), opt.MaxLineBytes, name)
	if err := sc.sniffComma(); err != nil {
		return nil, readError(name, err)
	}
	return &csvRows{s: sc}, nil
}

// sniffComma reads until the header line (the first line that is not
// blank) is in the buffer, and takes as separator the one it holds more
// of: ";" (French spreadsheets) or "," (the default, also for a one-column
// header).
func (s *csvScanner) sniffComma() error {
	commas, semicolons, done := headerSeparators(s.buf[:s.n])
	for !done && s.err == nil && s.n < len(s.buf) {
		var m int
		m, s.err = s.src.Read(s.buf[s.n:])
		s.n += m
		commas, semicolons, done = headerSeparators(s.buf[:s.n])
	}
	if s.err != nil && s.err != io.EOF {
		return s.err
	}
	if semicolons > commas {
		s.comma = ';'
	}
	return nil
}

// headerSeparators counts the separators outside quotes in the first line
// of text that is not blank, and says whether that line is complete.
func headerSeparators(text []byte) (commas, semicolons int, complete bool) {
	quoted, seen := false, false
	for _, c := range text {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' && seen:
			return commas, semicolons, true
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		}
		seen = seen || !isSpaceByte(c)
	}
	return commas, semicolons, false
}

func (c *csvRows) next() ([]string, error) {
	rec, err := c.s.read()
	c.last = len(rec)
	switch {
	case err == nil:
		return rec, nil
	case err == io.EOF:
		return nil, io.EOF
	}
	return nil, readError(c.s.file, err)
}

func (c *csvRows) at(col int) ParseError {
	e := ParseError{File: c.s.file}
	if c.last > 0 {
		e.Line = c.s.fieldLine(max(0, min(col, c.last-1)))
	}
	return e
}

func (c *csvRows) close() error { return nil }

func (c *csvRows) separator() rune { return rune(c.s.comma) }
