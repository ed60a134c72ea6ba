package attestation

import (
	"strings"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// The core PDF fonts (Helvetica) are single-byte fonts in the Windows-1252
// code page, which holds every letter of French (é à ç œ Œ Ÿ) and the
// guillemets « ». fpdf's own translator (UnicodeTranslatorFromDescriptor)
// maps the same table but turns any other rune into '.', silently; cp1252
// below keeps more of a foreign name by dropping accents it cannot print
// (ő → o) and marks what is left with '?'.

// cp1252 converts s to Windows-1252 bytes for the core fonts. Outside text
// goes through clean first (see outside).
func cp1252(s string) string {
	enc := charmap.Windows1252
	var b strings.Builder
	for _, r := range typeset(strings.ToValidUTF8(s, "?")) {
		if c, ok := enc.EncodeRune(r); ok {
			b.WriteByte(c)
			continue
		}
		b.WriteString(fallback(r))
	}
	return b.String()
}

// typeset puts no-break spaces where French typography wants them, so that
// a line never starts with "»", ":" or the "+" of the label's name.
func typeset(s string) string {
	const nbsp = "\u00a0"
	return strings.NewReplacer("« ", "«"+nbsp, " »", nbsp+"»", " :", nbsp+":", " ;", nbsp+";",
		"Publics +", "Publics"+nbsp+"+", "PUBLICS +", "PUBLICS"+nbsp+"+", "n° ", "n°"+nbsp, "§ ", "§"+nbsp).Replace(s)
}

// strokeLetter spells the letters that do not decompose (the stroke is
// part of the letter) as their base letter; "" for any other rune.
func strokeLetter(r rune) string {
	from, to := []rune("ŁłĐđĦħŦŧı"), []rune("LlDdHhTti")
	for i, f := range from {
		if f == r {
			return string(to[i])
		}
	}
	return ""
}

// fallback is the printable form of a rune outside Windows-1252: its base
// letters when it decomposes to some (ő, ș), a plain space for the other
// spaces, '?' otherwise.
func fallback(r rune) string {
	if unicode.IsSpace(r) {
		return " "
	}
	if s := strokeLetter(r); s != "" {
		return s
	}
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if c, ok := charmap.Windows1252.EncodeRune(d); ok && !unicode.Is(unicode.Mn, d) {
			b.WriteByte(c)
		}
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
}

// outside converts text from the candidate or the caller for printing.
func outside(s string) string { return cp1252(clean(s)) }

// clean makes outside text printable on one line: control characters and
// line breaks become spaces, runs of spaces shrink to one, invisible format
// characters (zero-width spaces, bidirectional overrides) go, the ends are
// trimmed, and text longer than maxNameRunes is cut with "…".
func clean(s string) string {
	s = strings.ToValidUTF8(s, "?")
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	fields := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	out := strings.Join(fields, " ")
	if r := []rune(out); len(r) > maxNameRunes {
		out = string(r[:maxNameRunes-1]) + "…"
	}
	return out
}
