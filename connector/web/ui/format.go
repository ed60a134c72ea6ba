package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/spplus/spplus/connector/report"
)

func itoa(n int) string { return strconv.Itoa(n) }

// score shows a note on 100 with two decimals and a decimal comma, as the
// rules' messages do ("68,50"); nil is "—".
func score(v *float64) string {
	if v == nil {
		return "—"
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', 2, 64), ".", ",", 1)
}

// percent shows a rate with two decimals and a % sign.
func percent(v *float64) string {
	if v == nil {
		return "—"
	}
	return score(v) + " %"
}

// intOrDash shows an optional count.
func intOrDash(v *int) string {
	if v == nil {
		return "—"
	}
	return itoa(*v)
}

// frenchDate turns YYYY-MM-DD into dd/mm/yyyy.
func frenchDate(iso string) string {
	if iso == "" {
		return "—"
	}
	return report.FrenchDate(iso)
}

// clock formats times for people in one zone.
type clock struct {
	loc *time.Location
}

// dateTime shows t as dd/mm/yyyy hh:mm in the zone; the zero time is "—".
func (c clock) dateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(c.loc).Format("02/01/2006 15:04")
}

// isoDateTime is t for a <time datetime> attribute.
func (c clock) isoDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(c.loc).Format(time.RFC3339)
}

// today is the current date in the zone, YYYY-MM-DD.
func (c clock) today(now time.Time) string { return now.In(c.loc).Format(time.DateOnly) }

// duration shows how long a pass took: "1 min 05 s", "850 ms".
func duration(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Second:
		return itoa(int(d/time.Millisecond)) + " ms"
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
	}
	m := int(d / time.Minute)
	s := int((d % time.Minute) / time.Second)
	return itoa(m) + " min " + pad2(s) + " s"
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

// daysUntil counts the calendar days from today to iso (both YYYY-MM-DD);
// ok is false when one does not parse.
func daysUntil(today, iso string) (int, bool) {
	a, err1 := time.Parse(time.DateOnly, today)
	b, err2 := time.Parse(time.DateOnly, iso)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(b.Sub(a).Hours() / 24), true
}

// inDays says "aujourd'hui", "dans 3 jours", "il y a 2 jours".
func inDays(n int) string {
	switch {
	case n == 0:
		return "aujourd'hui"
	case n == 1:
		return "demain"
	case n == -1:
		return "hier"
	case n > 0:
		return "dans " + itoa(n) + " jours"
	}
	return "il y a " + itoa(-n) + " jours"
}

// redactor blanks the secrets out of texts that could carry them.
type redactor []string

func (r redactor) clean(s string) string {
	for _, secret := range r {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "<secret>")
		}
	}
	return s
}
