package rules

import (
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/fr"
)

// This file counts "jours ouvrés" (decision D5): Monday to Friday less the
// French public holidays of the candidate's département. The calendar is
// built for each call, never kept in a package variable, because the
// library's calendars carry a mutable cache.

// WorkCalendar tells working days apart for one département.
type WorkCalendar struct {
	bc *cal.BusinessCalendar
}

// NewWorkCalendar returns the working-day calendar of a département: the 11
// national holidays (Whit Monday included), plus Good Friday and 26 December
// in Moselle, Bas-Rhin and Haut-Rhin (57, 67, 68), plus the day commemorating
// the abolition of slavery overseas (971, 972, 973, 974, 976, 977, 978).
// An empty or unknown département gets the national calendar.
func NewWorkCalendar(departement string) WorkCalendar {
	bc := cal.NewBusinessCalendar()
	bc.AddHoliday(fr.Holidays...)
	bc.AddHoliday(localHolidays(NormalizeDepartement(departement))...)
	return WorkCalendar{bc: bc}
}

// NormalizeDepartement trims a département code and upper-cases Corsica's
// letters, so that " 2a" and "2A" name the same place. A one-digit code gets
// its leading zero ("7" → "07").
func NormalizeDepartement(dep string) string {
	dep = strings.ToUpper(strings.TrimSpace(dep))
	if len(dep) == 1 && dep[0] >= '1' && dep[0] <= '9' {
		return "0" + dep
	}
	return dep
}

// localHolidays returns the holidays a département adds to the national list.
// The dates are documented, with their sources, in docs/rules.md.
func localHolidays(dep string) []*cal.Holiday {
	switch dep {
	case "57", "67", "68":
		return []*cal.Holiday{
			aa.GoodFriday.Clone(&cal.Holiday{Name: "Vendredi saint", Type: cal.ObservancePublic}),
			aa.ChristmasDay2.Clone(&cal.Holiday{Name: "Saint-Étienne", Type: cal.ObservancePublic}),
		}
	case "971":
		return abolition(time.May, 27, 0, 0)
	case "972":
		return abolition(time.May, 22, 0, 0)
	case "973":
		return abolition(time.June, 10, 0, 0)
	case "974":
		return abolition(time.December, 20, 0, 0)
	case "976":
		return abolition(time.April, 27, 0, 0)
	case "977":
		return abolition(time.October, 9, 0, 0)
	case "978":
		// Saint-Martin moved its day from 27 to 28 May in 2018.
		return append(abolition(time.May, 27, 0, 2017), abolition(time.May, 28, 2018, 0)...)
	}
	return nil
}

func abolition(m time.Month, day, from, to int) []*cal.Holiday {
	return []*cal.Holiday{{
		Name:      "Abolition de l'esclavage",
		Type:      cal.ObservancePublic,
		Month:     m,
		Day:       day,
		StartYear: from,
		EndYear:   to,
		Func:      cal.CalcDayOfMonth,
	}}
}

// IsWorkingDay reports whether d is a working day.
func (w WorkCalendar) IsWorkingDay(d Date) bool {
	if w.bc == nil {
		w = NewWorkCalendar("")
	}
	return w.bc.IsWorkday(d.Time())
}

// WorkingDaysBefore returns the n-th working day counted back from d, d
// itself not counted: "n jours ouvrés avant d" (decision D5). n ≤ 0 returns d.
func (w WorkCalendar) WorkingDaysBefore(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(-1)
		if w.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBefore returns the n-th working day before d in the calendar of
// departement (see NewWorkCalendar), d itself not counted.
func WorkingDaysBefore(d Date, n int, departement string) Date {
	return NewWorkCalendar(departement).WorkingDaysBefore(d, n)
}
