package sheets

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"math/bits"
	"strings"
)

// csvScanner splits CSV text into records with the semantics of
// encoding/csv (RFC 4180, strict quotes, ragged rows, empty lines skipped,
// CRLF read as LF), which a fuzz test checks. It exists for speed and
// safety. Input is turned into strings a block at a time, not a line at a
// time, and a line without quotes — nearly every line of a survey file — is
// cut into cells that share the block's memory, without allocation. No line
// or record may grow past max bytes, where encoding/csv would buffer a line
// of any length.
type csvScanner struct {
	src  io.Reader
	max  int
	file string
	// buf holds raw input; block is buf[:len(block)] as a string: the
	// complete lines being handed out. pos is the next line's offset.
	buf   []byte
	n     int // bytes of buf in use
	block string
	pos   int
	err   error // the input's error, once seen
	line  int   // physical lines read

	comma  byte
	fields []string // the record, reused
	lines  []int    // line of each field, when the record spans lines
	first  int      // line of the record's first field
	multi  bool     // whether lines applies
	lineAt int      // offset in block of the line last read
	rec    []byte   // the unquoted text of a record with quotes
	ends   []int    // end of each field in rec
}

// scanBlock is the initial size of a scanner's buffer.
const scanBlock = 64 << 10

func newCSVScanner(src io.Reader, max int, file string) *csvScanner {
	return &csvScanner{src: src, max: max, file: file, buf: make([]byte, scanBlock), comma: ','}
}

// read returns the next record, valid until the following call, or io.EOF.
func (s *csvScanner) read() ([]string, error) {
	for {
		line, err := s.readLine()
		if err != nil {
			return nil, err
		}
		if len(line) == 0 {
			continue
		}
		if bytes.IndexByte(line, '"') < 0 {
			s.splitPlain(line)
			return s.fields, nil
		}
		return s.parseQuoted(line)
	}
}

// fieldLine returns the line on which field i of the last record starts.
func (s *csvScanner) fieldLine(i int) int {
	if s.multi && i >= 0 && i < len(s.lines) {
		return s.lines[i]
	}
	return s.first
}

// readLine returns the next physical line without its line ending, as a
// view of buf valid until the next call.
func (s *csvScanner) readLine() ([]byte, error) {
	for {
		rest := s.block[s.pos:]
		end := strings.IndexByte(rest, '\n') + 1
		if end == 0 {
			end = len(rest) // the last line, without a line break
		}
		if end == 0 {
			if err := s.refill(); err != nil {
				return nil, err
			}
			continue
		}
		s.lineAt = s.pos
		s.pos += end
		s.line++
		line := trimLineEnd(s.buf[s.lineAt : s.lineAt+end])
		if len(line) > s.max {
			return nil, s.limit(s.line, "line")
		}
		return line, nil
	}
}

// refill drops the lines handed out and makes a new block of the complete
// lines that follow, reading as needed. At the end of the input, the block
// is what is left, line break or not.
func (s *csvScanner) refill() error {
	s.n = copy(s.buf, s.buf[len(s.block):s.n])
	s.block, s.pos = "", 0
	for {
		if s.err != nil && s.err != io.EOF {
			return s.err
		}
		if k := bytes.LastIndexByte(s.buf[:s.n], '\n'); k >= 0 {
			s.block = string(s.buf[:k+1])
			return nil
		}
		if s.err == io.EOF {
			if s.n == 0 {
				return io.EOF
			}
			s.block = string(s.buf[:s.n])
			return nil
		}
		if err := s.grow(); err != nil {
			return err
		}
		var m int
		m, s.err = s.src.Read(s.buf[s.n:])
		s.n += m
	}
}

// grow makes room in a full buffer, which then holds part of one line:
// up to max bytes and a line ending.
func (s *csvScanner) grow() error {
	if s.n < len(s.buf) {
		return nil
	}
	if s.n > s.max+2 {
		return s.limit(s.line+1, "line")
	}
	bigger := make([]byte, 2*len(s.buf))
	copy(bigger, s.buf[:s.n])
	s.buf = bigger
	return nil
}

// trimLineEnd removes "\n" or "\r\n", and a "\r" ending the file.
func trimLineEnd(line []byte) []byte {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n > 0 && line[n-1] == '\r' {
		n--
	}
	return line[:n]
}

func (s *csvScanner) limit(line int, what string) error {
	return &ParseError{File: s.file, Line: line, Msg: fmt.Sprintf("%s longer than the %d-byte limit", what, s.max), Err: ErrLimit}
}

// splitPlain cuts a line without quotes at each separator. It looks for
// separators eight bytes at a time: cells are short, so a call per cell
// (bytes.IndexByte) costs more than it saves.
func (s *csvScanner) splitPlain(line []byte) {
	str := s.block[s.lineAt : s.lineAt+len(line)]
	fields := s.fields[:0] // a local: appending to s.fields reloads it each time
	sep := s.comma
	comma := uint64(sep) * lowBits
	start, i := 0, 0
	for ; i+8 <= len(line); i += 8 {
		m := zeroBytes(binary.LittleEndian.Uint64(line[i:]) ^ comma)
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			fields = append(fields, str[start:j])
			start = j + 1
			m &= m - 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == sep {
			fields = append(fields, str[start:i])
			start = i + 1
		}
	}
	s.fields = append(fields, str[start:])
	s.first, s.multi = s.line, false
}

const (
	lowBits  = 0x0101010101010101
	low7Bits = 0x7F7F7F7F7F7F7F7F
)

// zeroBytes returns a word with the high bit of each zero byte of w set,
// and no other bit: exact, with no carry from one byte to the next.
func zeroBytes(w uint64) uint64 {
	return ^((w&low7Bits + low7Bits) | w | low7Bits)
}

// parseQuoted reads a record holding quotes, which may span lines.
func (s *csvScanner) parseQuoted(line []byte) ([]string, error) {
	s.rec, s.ends, s.lines = s.rec[:0], s.ends[:0], s.lines[:0]
	s.first, s.multi = s.line, true
	for {
		s.lines = append(s.lines, s.line)
		var more bool
		var err error
		if len(line) > 0 && line[0] == '"' {
			line, more, err = s.quotedField(line[1:])
		} else {
			line, more, err = s.plainField(line)
		}
		if err != nil {
			return nil, err
		}
		s.ends = append(s.ends, len(s.rec))
		if !more {
			break
		}
	}
	str := string(s.rec)
	s.fields = s.fields[:0]
	start := 0
	for _, end := range s.ends {
		s.fields = append(s.fields, str[start:end])
		start = end
	}
	return s.fields, nil
}

// plainField reads a field that does not start with a quote; it may not
// hold one. It returns the rest of the line and whether a field follows.
func (s *csvScanner) plainField(line []byte) ([]byte, bool, error) {
	i := bytes.IndexByte(line, s.comma)
	field := line
	if i >= 0 {
		field = line[:i]
	}
	if bytes.IndexByte(field, '"') >= 0 {
		return nil, false, s.quoteError(s.line, csv.ErrBareQuote)
	}
	s.rec = append(s.rec, field...)
	if i < 0 {
		return nil, false, nil
	}
	return line[i+1:], true, nil
}

// quotedField reads a quoted field, its opening quote already consumed,
// across lines if need be.
func (s *csvScanner) quotedField(line []byte) ([]byte, bool, error) {
	start := s.line
	for {
		i := bytes.IndexByte(line, '"')
		if i < 0 {
			if err := s.continueField(line, start); err != nil {
				return nil, false, err
			}
			var err error
			if line, err = s.readLine(); err != nil {
				return nil, false, s.eofInQuotes(err, start)
			}
			continue
		}
		s.rec = append(s.rec, line[:i]...)
		line = line[i+1:]
		switch {
		case len(line) > 0 && line[0] == '"':
			s.rec = append(s.rec, '"')
			line = line[1:]
		case len(line) > 0 && line[0] == s.comma:
			return line[1:], true, nil
		case len(line) == 0:
			return nil, false, nil
		default:
			return nil, false, s.quoteError(s.line, csv.ErrQuote)
		}
	}
}

// continueField keeps the end of a line in a quoted field that goes on.
func (s *csvScanner) continueField(line []byte, start int) error {
	s.rec = append(s.rec, line...)
	s.rec = append(s.rec, '\n')
	if len(s.rec) > s.max {
		return s.limit(start, "record")
	}
	return nil
}

func (s *csvScanner) eofInQuotes(err error, start int) error {
	if err == io.EOF {
		return s.quoteError(start, csv.ErrQuote)
	}
	return err
}

func (s *csvScanner) quoteError(line int, err error) error {
	return &ParseError{File: s.file, Line: line, Msg: "malformed CSV: " + err.Error(), Err: err}
}
