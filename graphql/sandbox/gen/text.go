package gen

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slug turns a French name into a file-name and e-mail friendly token:
// "Préfecture du Rhône" → "prefecture-du-rhone".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// monthName returns the French name of m, in lower case.
func monthName(m time.Month) string {
	switch m {
	case time.January:
		return "janvier"
	case time.February:
		return "février"
	case time.March:
		return "mars"
	case time.April:
		return "avril"
	case time.May:
		return "mai"
	case time.June:
		return "juin"
	case time.July:
		return "juillet"
	case time.August:
		return "août"
	case time.September:
		return "septembre"
	case time.October:
		return "octobre"
	case time.November:
		return "novembre"
	default:
		return "décembre"
	}
}

// frenchDate renders a date as DS's stringValue does ("%d %B %Y" in French):
// "15 juin 2026".
func frenchDate(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthName(t.Month()) + " " + strconv.Itoa(t.Year())
}

// frenchDateTime renders a datetime as DS's stringValue does: "28 mai 2026 14:30".
func frenchDateTime(t time.Time) string {
	return frenchDate(t) + " " + t.Format("15:04")
}

// titleCase capitalises the first letter: "argent" → "Argent".
func titleCase(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
