package graphql

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// bigInt is a DS BigInt: a JSON string of digits ("2712286911"). A bare
// JSON number is accepted too, since older servers and fakes send one.
// Implementing json.Unmarshaler also makes hasura treat it as a scalar.
type bigInt struct {
	v     int64
	valid bool
}

// UnmarshalJSON accepts "123", 123 and null.
func (b *bigInt) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		*b = bigInt{}
		return nil
	}
	s := string(data)
	if len(data) > 0 && data[0] == '"' {
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("BigInt: expected an integer, got %q", truncate(s, 40))
	}
	*b = bigInt{v: v, valid: true}
	return nil
}

// Paris-offset timestamps ("2019-07-10T00:00:00+02:00") are RFC 3339;
// dates are ISO 8601 calendar dates.
const isoDate = "2006-01-02"

// parseDateTime parses an ISO8601DateTime; "" (null) gives the zero time.
func parseDateTime(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: expected an ISO 8601 date-time, got %q", field, truncate(s, 40))
	}
	return t, nil
}

// parseISODate parses an ISO8601Date to midnight UTC of that calendar day.
func parseISODate(field, s string) (time.Time, error) {
	t, err := time.Parse(isoDate, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: expected a date YYYY-MM-DD, got %q", field, truncate(s, 40))
	}
	return t, nil
}

// truncate bounds outside text quoted in an error.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
