package config

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// labelReplacer folds the typographic variants DS labels are typed with
// (curly apostrophes, ligatures, dashes, non-breaking spaces) into one form.
var labelReplacer = strings.NewReplacer(
	"\u2019", "'", "\u2018", "'", "\u02bc", "'", "\u00b4", "'", "`", "'", "\u2032", "'",
	"\u0153", "oe", "\u0152", "oe", "\u00e6", "ae", "\u00c6", "ae",
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-",
)

// NormalizeLabel returns the form labels are compared in: lower case,
// without accents, with every apostrophe variant as ', ligatures spelled
// out, dashes as -, and runs of spaces (non-breaking ones included) as one
// space, trimmed. Two labels a human would call equal normalize alike:
// "Date de l’Audit" and "date de l'audit " both give "date de l'audit".
func NormalizeLabel(s string) string {
	// Decompose first (valid UTF-8 only: NFD leaves a character after an
	// invalid byte composed), so that an accented ligature (Ǽ) loses its
	// accent before the ligature is spelled out.
	s = labelReplacer.Replace(norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")))
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent left by NFD decomposition
		case unicode.IsSpace(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
