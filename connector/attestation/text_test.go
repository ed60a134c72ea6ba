package attestation

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func TestCP1252(t *testing.T) {
	tests := []struct {
		name, in, want string // want is UTF-8; the test encodes it
	}{
		{"ascii", "Mairie de Metz", "Mairie de Metz"},
		{"french", "Œuvre élève à ç ù ÿ Ÿ æ €", "Œuvre élève à ç ù ÿ Ÿ æ €"},
		{"guillemets keep their words", "le label « Or »", "le label «\u00a0Or\u00a0»"},
		{"colon", "service local :", "service local\u00a0:"},
		{"decomposable", "Ștefan Ő", "Stefan O"},
		{"stroke letters", "Łódź Đakovo", "Lódz Dakovo"},
		{"no base letter", "日本 🙂", "?? ?"},
		{"other spaces", "a\u2009b\u202fc", "a b c"},
		{"invalid UTF-8", "a\xffb", "a?b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := charmap.Windows1252.NewEncoder().String(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if got := cp1252(tt.in); got != want {
				t.Errorf("cp1252(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"trims and joins", "  Mairie\n de\t\tMetz \r\n", "Mairie de Metz"},
		{"control characters", "a\x00b\x1bc", "a b c"},
		{"format characters", "a\u200bb\u202ec\ufeff", "abc"},
		{"no-break space is a space", "a\u00a0\u00a0b", "a b"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanCutsLongText(t *testing.T) {
	got := clean(strings.Repeat("é", 5000))
	if n := utf8.RuneCountInString(got); n != maxNameRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("%d runes, ends %q; want %d ending with …", n, got[len(got)-6:], maxNameRunes)
	}
}
