package rules

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Date is a civil date (year, month, day) with no time of day and no time
// zone, so that a deadline never moves with the server's location. The zero
// Date means "no date" (the input was absent).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalised like time.Date (32 January is
// 1 February).
func NewDate(y int, m time.Month, d int) Date {
	return dateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
}

func dateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate reads a date written YYYY-MM-DD and rejects impossible days
// (2026-02-30) and any other layout.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("expected a date YYYY-MM-DD, got %q", s)
	}
	y, errY := strconv.Atoi(s[0:4])
	m, errM := strconv.Atoi(s[5:7])
	d, errD := strconv.Atoi(s[8:10])
	if errY != nil || errM != nil || errD != nil || !digitsOnly(s) {
		return Date{}, fmt.Errorf("expected a date YYYY-MM-DD, got %q", s)
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, fmt.Errorf("expected a date YYYY-MM-DD, got %q (no such day)", s)
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, nil
}

func digitsOnly(s string) bool {
	for i, r := range s {
		if i == 4 || i == 7 {
			continue
		}
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// IsZero reports whether d is the zero Date, i.e. no date was given.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// French formats d as dd/mm/yyyy for messages to candidates.
func (d Date) French() string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// Time returns d at noon UTC; noon keeps the calendar day whatever zone a
// caller later converts it to.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays returns d moved by n calendar days (n may be negative).
func (d Date) AddDays(n int) Date { return dateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths returns d moved by n months, keeping the day number and clamping
// it to the last day of the target month (decision D4: 31 March − 1 month is
// 28 or 29 February; 29 February + 12 months is 28 February).
func (d Date) AddMonths(n int) Date {
	total := d.Year*12 + int(d.Month) - 1 + n
	y, m := floorDiv(total, 12), time.Month(floorMod(total, 12)+1)
	day := min(d.Day, daysIn(y, m))
	return Date{Year: y, Month: m, Day: day}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Between reports whether d lies in [from, to], both ends included.
func (d Date) Between(from, to Date) bool { return !d.Before(from) && !d.After(to) }

// WithinMonthsBefore reports whether d lies in [x − n months, x], both ends
// included: the reading of "dans les n mois précédant x" and "de moins de
// n mois" fixed by decision D4.
func (d Date) WithinMonthsBefore(x Date, n int) bool {
	return d.Between(x.AddMonths(-n), x)
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null (the zero Date).
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("expected a date YYYY-MM-DD, got %s", b)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
