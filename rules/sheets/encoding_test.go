package sheets

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// TestTextReader checks the "valid UTF-8 → UTF-8, else Windows-1252" rule
// (ARCHITECTURE.md "Survey and grid files"), whatever the read sizes.
func TestTextReader(t *testing.T) {
	cp := func(s string) string {
		out, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	long := strings.Repeat("abcdefgh", 10_000)
	tests := []struct{ name, in, want string }{
		{"ascii", "a;b\n1;2\n", "a;b\n1;2\n"},
		{"utf-8", "Plutôt satisfait;Non concerné\n", "Plutôt satisfait;Non concerné\n"},
		{"utf-8 across chunks", long + "é€😀" + long, long + "é€😀" + long},
		{"windows-1252", cp("Plutôt satisfait;Non concerné;€\n"), "Plutôt satisfait;Non concerné;€\n"},
		{"windows-1252 after a long ascii prefix", long + cp("ô"), long + "ô"},
		{"cut sequence at the end", "abc\xC3", "abcÃ"},
		{"lone continuation byte", "a\x80b", "a€b"},
		{"empty", "", ""},
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
	}
	for _, tt := range tests {
		for rname, wrap := range readers {
			got, err := io.ReadAll(newTextReader(wrap(strings.NewReader(tt.in))))
			if err != nil || string(got) != tt.want {
				t.Errorf("%s, %s reads: got %q, %v; want %q", tt.name, rname, got, err, tt.want)
			}
		}
		if err := iotest.TestReader(newTextReader(strings.NewReader(tt.in)), []byte(tt.want)); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

// TestTextReaderError passes a read error through.
func TestTextReaderError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("abc\xC3"), iotest.ErrReader(io.ErrUnexpectedEOF))
	got, err := io.ReadAll(newTextReader(r))
	if err != io.ErrUnexpectedEOF || string(got) != "abcÃ" {
		t.Errorf("got %q, %v", got, err)
	}
}

// FuzzTextReader checks the output is always UTF-8 and that UTF-8 input
// passes unchanged.
func FuzzTextReader(f *testing.F) {
	f.Add([]byte("Plutôt satisfait"))
	f.Add([]byte("Plut\xF4t satisfait"))
	f.Add([]byte("abc\xC3"))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := io.ReadAll(newTextReader(iotest.HalfReader(bytes.NewReader(in))))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(got) {
			t.Fatalf("output %q is not UTF-8", got)
		}
		if utf8.Valid(in) && !bytes.Equal(got, in) {
			t.Fatalf("UTF-8 input %q changed into %q", in, got)
		}
	})
}
