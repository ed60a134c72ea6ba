package sheets

import "strings"

// isSpaceByte reports the ASCII spaces trimmed around cells.
func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trim removes ASCII spaces and non-breaking spaces around s, which
// spreadsheets often leave around numbers.
func trim(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\u00A0' || r == '\u202F'
	})
	return s
}

// parseQuarters reads a decimal number written with "." or "," (e.g. "0,25",
// "1.00", ".75") as a count of quarter points. num is false when s is not a
// plain decimal number; ok is false when it is one but not a whole number of
// quarters (0.5 is two quarters and is ok here: the caller checks the scale).
// No sign, exponent or thousands separator is accepted: none of them appears
// in a score.
func parseQuarters(s string) (quarters int, num, ok bool) {
	intPart, frac := cutDecimal(s)
	if !allDigits(intPart) || !allDigits(frac) || (intPart == "" && frac == "") {
		return 0, false, false
	}
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	if len(intPart) > 3 {
		return 0, true, false // far off any scale, and no overflow
	}
	n := 0
	for i := 0; i < len(intPart); i++ {
		n = n*10 + int(intPart[i]-'0')
	}
	switch frac {
	case "":
		return 4 * n, true, true
	case "25":
		return 4*n + 1, true, true
	case "5":
		return 4*n + 2, true, true
	case "75":
		return 4*n + 3, true, true
	}
	return 0, true, false
}

// cutDecimal splits s at its decimal separator, "." or ",".
func cutDecimal(s string) (intPart, frac string) {
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseCount reads a whole, non-negative count of answers, such as the cells
// of a distribution. It refuses counts above maxCount, which no survey
// reaches, so that sums cannot overflow.
func parseCount(s string) (int64, bool) {
	s = trim(s)
	if s == "" || len(s) > 12 || !allDigits(s) {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return n, n <= maxCount
}

// maxCount is the largest count a distribution cell may hold.
const maxCount = 1_000_000_000_000

// parseBool reads a yes/no cell: oui/non, 1/0, true/false, and vrai/faux
// (the French spreadsheets' TRUE/FALSE), ignoring case and accents.
func parseBool(s string) (value, ok bool) {
	switch s { // the usual spellings, without folding
	case "oui", "Oui", "OUI", "1", "true", "TRUE", "True", "vrai", "VRAI", "Vrai":
		return true, true
	case "non", "Non", "NON", "0", "false", "FALSE", "False", "faux", "FAUX", "Faux":
		return false, true
	}
	switch Fold(s) {
	case "oui", "1", "true", "vrai":
		return true, true
	case "non", "0", "false", "faux":
		return false, true
	}
	return false, false
}
