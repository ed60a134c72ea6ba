package sheets

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the key under which a label, header or token is matched:
// accents removed, lower case, typographic apostrophes made plain, runs of
// spaces (non-breaking ones included) made one, no space around "/", and
// no leading or trailing space. So "Non concerné  /  NE SE PRONONCE PAS"
// and "non concerne/ne se prononce pas" have the same key.
func Fold(s string) string {
	if isPlainASCII(s) {
		return foldASCII(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r) || r == '\uFEFF':
			space = b.Len() > 0
			continue
		case r == '\u2019' || r == '\u2018' || r == '\u02BC':
			r = '\''
		}
		writeFolded(&b, unicode.ToLower(r), &space)
	}
	return b.String()
}

// foldASCII is Fold for plain ASCII text, the common case, without the
// Unicode normalisation pass.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || (c >= '\t' && c <= '\r') {
			space = b.Len() > 0
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		writeFolded(&b, rune(c), &space)
	}
	return b.String()
}

// writeFolded appends r, preceded by one space if a run of spaces was
// skipped, except next to a "/".
func writeFolded(b *strings.Builder, r rune, space *bool) {
	prev := lastByte(b)
	if *space && r != '/' && prev != '/' {
		b.WriteByte(' ')
	}
	*space = false
	b.WriteRune(r)
}

func lastByte(b *strings.Builder) byte {
	s := b.String()
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
