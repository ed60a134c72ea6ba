package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ICS writes the deadlines of rows as an iCalendar feed (RFC 5545) that
// calendar applications subscribe to: one all-day event per deadline.
type ICS struct {
	// Name is the calendar's name shown by applications (X-WR-CALNAME);
	// empty gives "Services Publics+ : échéances".
	Name string
	// URL, when set, gives the link of a row's event (e.g. the dossier's
	// page); an empty result leaves the event without a link.
	URL func(Row) string
}

// WriteICS writes rows' deadlines with the default ICS settings; see
// ICS.Write.
func WriteICS(w io.Writer, rows []Row, now time.Time) error {
	return ICS{}.Write(w, rows, now)
}

// icsEvent is one deadline of one dossier.
type icsEvent struct {
	row  Row
	name string
	date time.Time
}

// Write writes one VEVENT per deadline of rows, sorted by date, then
// démarche, dossier and name. Each event is all-day (DTSTART;VALUE=DATE
// and the next day as DTEND), transparent (a deadline does not make anyone
// busy), and has a UID made of the démarche, the dossier and the deadline
// name: it stays the same when the date moves, so that applications update
// the event instead of adding one. DTSTAMP is now, in UTC. Lines end with
// CRLF and are folded at 75 octets without splitting a UTF-8 character;
// text is escaped (\\ \; \, \n). A deadline whose date is not YYYY-MM-DD is
// left out.
func (c ICS) Write(w io.Writer, rows []Row, now time.Time) error {
	bw := bufio.NewWriter(w)
	lw := &icsLines{w: bw}
	name := c.Name
	if name == "" {
		name = "Services Publics+ : échéances"
	}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:-//spplus//Services Publics Plus//FR")
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	lw.line("X-WR-CALNAME:" + icsText(name))
	stamp := now.UTC().Format("20060102T150405Z")
	for _, ev := range icsEvents(rows) {
		c.event(lw, ev, stamp)
	}
	lw.line("END:VCALENDAR")
	if lw.err != nil {
		return fmt.Errorf("write ics: %w", lw.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write ics: %w", err)
	}
	return nil
}

func (c ICS) event(lw *icsLines, ev icsEvent, stamp string) {
	r := ev.row
	lw.line("BEGIN:VEVENT")
	lw.line(fmt.Sprintf("UID:spplus-%d-%d-%s@spplus", r.Demarche, r.Number, icsUIDPart(ev.name)))
	lw.line("DTSTAMP:" + stamp)
	lw.line("DTSTART;VALUE=DATE:" + ev.date.Format("20060102"))
	lw.line("DTEND;VALUE=DATE:" + ev.date.AddDate(0, 0, 1).Format("20060102"))
	summary := fmt.Sprintf("%s – dossier %d", DeadlineLabel(ev.name), r.Number)
	if r.ServiceName != "" {
		summary += " – " + r.ServiceName
	}
	lw.line("SUMMARY:" + icsText(summary))
	lw.line("DESCRIPTION:" + icsText(description(r, ev.name)))
	if c.URL != nil {
		if u := c.URL(r); u != "" {
			lw.line("URL:" + icsURI(u))
		}
	}
	lw.line("CATEGORIES:" + icsText(ev.name))
	lw.line("TRANSP:TRANSPARENT")
	lw.line("END:VEVENT")
}

func description(r Row, name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Démarche %d, dossier %d", r.Demarche, r.Number)
	if r.GroupeInstructeur != "" {
		fmt.Fprintf(&b, " (%s)", r.GroupeInstructeur)
	}
	fmt.Fprintf(&b, ".\nÉchéance : %s (%s).", DeadlineLabel(name), name)
	if r.Status != "" {
		fmt.Fprintf(&b, "\nStatut SP+ : %s.", r.Status)
	}
	return b.String()
}

// icsEvents lists the deadlines of rows in a stable order.
func icsEvents(rows []Row) []icsEvent {
	var out []icsEvent
	for _, r := range rows {
		for name, iso := range r.Deadlines {
			d, err := time.Parse(time.DateOnly, iso)
			if err != nil {
				continue
			}
			out = append(out, icsEvent{row: r, name: name, date: d})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case !a.date.Equal(b.date):
			return a.date.Before(b.date)
		case a.row.Demarche != b.row.Demarche:
			return a.row.Demarche < b.row.Demarche
		case a.row.Number != b.row.Number:
			return a.row.Number < b.row.Number
		}
		return a.name < b.name
	})
	return out
}

// icsText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon,
// comma and line breaks; other control characters are dropped, since no
// property may hold them.
func icsText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == utf8.RuneError || unicode.IsControl(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsURI keeps a URI value on its line: it drops controls and spaces.
func icsURI(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// icsUIDPart keeps a deadline name safe in a UID: letters, digits, _ and -.
func icsUIDPart(s string) string {
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return r
		}
		return '_'
	}, s)
}

// icsLines writes content lines, folded, and keeps the first error.
type icsLines struct {
	w   io.Writer
	err error
}

// maxOctets is the longest a content line may be, CRLF excluded (§3.1).
const maxOctets = 75

// line writes s folded: each physical line holds at most 75 octets, the
// continuation lines start with a space (which counts in their 75), and a
// UTF-8 character is never cut.
func (l *icsLines) line(s string) {
	if l.err != nil {
		return
	}
	var b strings.Builder
	limit := maxOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxOctets - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	_, l.err = io.WriteString(l.w, b.String())
}
