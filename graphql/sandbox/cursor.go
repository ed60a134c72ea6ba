package sandbox

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// cursorTimeLayout is Ruby's "%Y-%m-%dT%H:%M:%S.%NZ" on a UTC time (nanoseconds, 9 digits).
const cursorTimeLayout = "2006-01-02T15:04:05.000000000Z"

// encodeCursor builds DS's keyset cursor: base64url without padding of "<UTC time>;<id>".
func encodeCursor(t time.Time, id int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(t.UTC().Format(cursorTimeLayout) + ";" + strconv.Itoa(id)))
}

// cursorPos is a decoded cursor. valid is false for a cursor that decodes as base64 but
// not as "<time>;<id>": DS then compares against NULL and finds no rows.
type cursorPos struct {
	at    time.Time
	id    int
	valid bool
}

// decodeCursor reverses encodeCursor. Bad base64 is an error (DS answers HTTP 400
// bad_request "invalid base64").
func decodeCursor(c string) (cursorPos, error) {
	c = strings.TrimRight(c, "=")
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		if raw, err = base64.RawStdEncoding.DecodeString(c); err != nil {
			return cursorPos{}, fmt.Errorf("invalid base64")
		}
	}
	ts, id, ok := strings.Cut(string(raw), ";")
	if !ok {
		return cursorPos{}, nil
	}
	t, terr := time.Parse(time.RFC3339Nano, ts)
	n, nerr := strconv.Atoi(id)
	if terr != nil || nerr != nil {
		return cursorPos{}, nil
	}
	return cursorPos{at: t, id: n, valid: true}, nil
}
