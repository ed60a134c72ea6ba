package sheets

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// scanAll reads every record of text with a csvScanner.
func scanAll(text string, comma byte, max int) ([][]string, []int, error) {
	s := newCSVScanner(iotest.HalfReader(strings.NewReader(text)), max, "f.csv")
	s.buf = make([]byte, 16) // small, to cross blocks and grow
	s.comma = comma
	var recs [][]string
	var lines []int
	for {
		rec, err := s.read()
		if err == io.EOF {
			return recs, lines, nil
		}
		if err != nil {
			return recs, lines, err
		}
		recs = append(recs, append([]string(nil), rec...))
		lines = append(lines, s.fieldLine(len(rec)-1))
	}
}

// stdAll reads every record of text with encoding/csv, set up as the
// scanner claims to behave.
func stdAll(text string, comma byte) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = rune(comma)
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// TestCSVScanner checks records and the line of their last field
// (ARCHITECTURE.md: errors name the line).
func TestCSVScanner(t *testing.T) {
	tests := []struct {
		name, in string
		want     [][]string
		lines    []int
		err      string
	}{
		{"plain", "a,b\n1,2\n", [][]string{{"a", "b"}, {"1", "2"}}, []int{1, 2}, ""},
		{"crlf, no final newline", "a,b\r\n1,2", [][]string{{"a", "b"}, {"1", "2"}}, []int{1, 2}, ""},
		{"empty lines skipped", "\n\na\n\r\n\nb\n", [][]string{{"a"}, {"b"}}, []int{3, 6}, ""},
		{"empty fields", ",,\n", [][]string{{"", "", ""}}, []int{1}, ""},
		{"quotes", `"a,1","b""c",d` + "\n", [][]string{{"a,1", `b"c`, "d"}}, []int{1}, ""},
		{"quoted newline", "x,\"a\r\nb\",c\nz\n", [][]string{{"x", "a\nb", "c"}, {"z"}}, []int{2, 3}, ""},
		{"quoted empty", `"",""` + "\n", [][]string{{"", ""}}, []int{1}, ""},
		{"bare quote", "a\nb\"c\n", nil, nil, `f.csv line 2: malformed CSV: bare " in non-quoted-field`},
		{"text after quote", "\"a\"b\n", nil, nil, `f.csv line 1: malformed CSV: extraneous or missing " in quoted-field`},
		{"unterminated", "a\n\"b\n\n", nil, nil, `f.csv line 2: malformed CSV: extraneous or missing " in quoted-field`},
		{"long line", strings.Repeat("x", 40) + "\n", nil, nil, `f.csv line 1: line longer than the 32-byte limit`},
		{"long record", "\"" + strings.Repeat("x\n", 20) + "\"\n", nil, nil, `f.csv line 1: record longer than the 32-byte limit`},
		{"line at the limit", strings.Repeat("x", 32) + "\r\n", [][]string{{strings.Repeat("x", 32)}}, []int{1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, lines, err := scanAll(tt.in, ',', 32)
			if errText(err) != tt.err {
				t.Fatalf("error %q, want %q", errText(err), tt.err)
			}
			if tt.err == "" && (!reflect.DeepEqual(recs, tt.want) || !reflect.DeepEqual(lines, tt.lines)) {
				t.Errorf("got %q lines %v, want %q lines %v", recs, lines, tt.want, tt.lines)
			}
		})
	}
}

// FuzzCSVScanner checks the scanner reads what encoding/csv reads, and
// refuses what it refuses.
func FuzzCSVScanner(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"a\r\nb\",\"c\"\"\"\r\n", "a;\"b\";c\r", "\n\"\"\n,\n", "a\"b", "\"a\"b"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, in string, semicolon bool) {
		comma := byte(',')
		if semicolon {
			comma = ';'
		}
		want, stdErr := stdAll(in, comma)
		got, _, err := scanAll(in, comma, 1<<20)
		if (err != nil) != (stdErr != nil) {
			t.Fatalf("%q: error %v, encoding/csv error %v", in, err, stdErr)
		}
		if err != nil {
			if _, ok := errors.AsType[*ParseError](err); !ok {
				t.Fatalf("%q: error %v is not a *ParseError", in, err)
			}
			return
		}
		if len(want) == 0 && len(got) == 0 {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %q, encoding/csv %q", in, got, want)
		}
	})
}
