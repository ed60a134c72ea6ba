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
	text := bufio.NewReaderSize(newTextReader(br), sniffSize)
	comma, err := sniffComma(text)
	if err != nil {
		return nil, readError(name, err)
	}
	return &csvRows{s: &csvScanner{r: text, comma: comma, max: opt.MaxLineBytes, file: name}}, nil
}

// sniffComma returns the separator the header line (the first line that
// is not blank) uses more of: ";" (French spreadsheets) or "," (the
// default, also for a one-column header).
func sniffComma(text *bufio.Reader) (byte, error) {
	// Peek hands its read error over only once: keep it, or it is lost.
	buf, err := text.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, err
	}
	commas, semicolons, quoted, seen := 0, 0, false, false
	for _, c := range buf {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' && seen:
			return pickComma(commas, semicolons), nil
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		}
		seen = seen || !isSpaceByte(c)
	}
	return pickComma(commas, semicolons), nil
}

func pickComma(commas, semicolons int) byte {
	if semicolons > commas {
		return ';'
	}
	return ','
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
