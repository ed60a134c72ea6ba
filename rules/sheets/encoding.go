package sheets

import (
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// textReader yields the text of a CSV file as UTF-8. It passes the input
// through while it is valid UTF-8 and decodes everything from the first
// invalid byte on as Windows-1252. A Windows-1252 file is plain ASCII up to
// its first accented letter, which is never valid UTF-8 in French text, so
// this is "valid UTF-8 → UTF-8, else Windows-1252" without reading the file
// twice or holding it.
type textReader struct {
	src io.Reader
	buf []byte
	// out holds checked bytes not yet handed out; it points into buf.
	out []byte
	// pend holds the start of a UTF-8 sequence cut by the end of a read.
	pend  [utf8.UTFMax]byte
	npend int
	// cp1252 is set once the input proved not to be UTF-8.
	cp1252 io.Reader
	err    error
}

func newTextReader(src io.Reader) *textReader {
	// As large as the bufio.Reader in front, which then reads into buf
	// directly instead of through its own buffer.
	return &textReader{src: src, buf: make([]byte, sniffSize)}
}

// Read implements io.Reader.
func (t *textReader) Read(p []byte) (int, error) {
	for len(t.out) == 0 {
		if t.cp1252 != nil {
			return t.cp1252.Read(p)
		}
		if t.err != nil {
			return 0, t.err
		}
		t.fill()
	}
	n := copy(p, t.out)
	t.out = t.out[n:]
	return n, nil
}

// fill reads the next chunk and checks it. A sequence cut by the end of the
// chunk waits for the next one; an invalid byte switches the rest of the
// input, that byte included, to Windows-1252.
func (t *textReader) fill() {
	k := copy(t.buf, t.pend[:t.npend])
	t.npend = 0
	m, err := t.src.Read(t.buf[k:])
	t.err = err
	data := t.buf[:k+m]
	i := validPrefix(data)
	t.out = data[:i]
	rest := data[i:]
	switch {
	case len(rest) == 0:
	case err == nil && !utf8.FullRune(rest):
		t.npend = copy(t.pend[:], rest)
	default:
		src := io.MultiReader(bytes.NewReader(bytes.Clone(rest)), t.remaining())
		t.cp1252 = transform.NewReader(src, charmap.Windows1252.NewDecoder())
	}
}

// remaining returns what is left of the input, ending with its error.
func (t *textReader) remaining() io.Reader {
	switch t.err {
	case nil:
		return t.src
	case io.EOF:
		return bytes.NewReader(nil)
	}
	return errReader{t.err}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// validPrefix returns the length of the longest prefix of p that is valid
// UTF-8. The common case, a valid chunk perhaps ending in a cut sequence,
// goes through utf8.Valid, which is fast on ASCII; the byte-wise scan only
// runs on the chunk where the text stops being UTF-8.
func validPrefix(p []byte) int {
	end := len(p)
	if start := lastRuneStart(p); start >= 0 && !utf8.FullRune(p[start:]) {
		end = start
	}
	if utf8.Valid(p[:end]) {
		return end
	}
	i := 0
	for i < len(p) {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return i
}

// lastRuneStart returns the index of the last byte of p, among its last
// utf8.UTFMax, that is not a continuation byte, or -1.
func lastRuneStart(p []byte) int {
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			return i
		}
	}
	return -1
}
