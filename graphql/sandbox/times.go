package sandbox

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Paris must resolve in scratch and distroless images.
)

// paris is DS's application time zone (config.time_zone = 'Paris').
var paris = mustParis()

func mustParis() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		// time/tzdata is linked in, so this cannot fail; fall back to a fixed offset
		// rather than panic.
		return time.FixedZone("CET", 3600)
	}
	return loc
}

// dsTimeLayout is how DS serializes ISO8601DateTime: seconds precision, numeric offset.
const dsTimeLayout = "2006-01-02T15:04:05-07:00"

// formatDSTime writes t the way DS does: Europe/Paris, seconds precision.
func formatDSTime(t time.Time) string {
	return t.In(paris).Truncate(time.Second).Format(dsTimeLayout)
}

// parseDSTime reads a time from the data file or a query argument. Like graphql-ruby's
// ISO8601DateTime it accepts a full RFC 3339 value or a bare date (midnight, Paris).
func parseDSTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, paris); err == nil {
			return t, nil
		}
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, paris); err == nil {
		return d, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a valid ISO 8601 datetime", s)
}

// frenchMonths are the month names of DS's French locale ("%d %B %Y").
var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// frenchDate formats a date as DS's stringValue does for date champs: "10 juillet 2019".
func frenchDate(t time.Time) string {
	return fmt.Sprintf("%02d %s %d", t.Day(), frenchMonths[t.Month()-1], t.Year())
}

// parseDate reads an ISO8601Date ("YYYY-MM-DD") as midnight in Paris.
func parseDate(s string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, s, paris)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a valid ISO 8601 date", s)
	}
	return d, nil
}
