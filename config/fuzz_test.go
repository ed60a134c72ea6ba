package config

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary documents to Load: it must never panic, and
// whatever it accepts must validate or fail validation without panicking,
// and render back into a document that loads into the same configuration.
func FuzzLoad(f *testing.F) {
	f.Add(string(Example()))
	f.Add("")
	f.Add("ds: {base_url: x, request_timeout: 1h}\n")
	f.Add("demarches:\n  - number: 1\n    fields: {service: a}\n    schedule: '@every 1m'\n")
	f.Add("demarches: [{messages: {max_reminders: -1}}]\n")
	f.Add("rules: {answer_labels: [{label: x, points: 0.25}]}\n")
	f.Add("&a [*a]")
	f.Add("ds: !!binary aGVsbG8=\n")
	f.Fuzz(func(t *testing.T, doc string) {
		c, err := Load(strings.NewReader(doc))
		if err != nil {
			return
		}
		_ = c.Validate()
		out, err := Render(c, nil, nil)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		back, err := Load(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("rendered document does not load: %v\n%s", err, out)
		}
		again, err := Render(back, nil, nil)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("round trip changed\n%s\ninto\n%s (%v)", out, again, err)
		}
	})
}

// FuzzNormalizeLabel checks that normalizing is idempotent and yields no
// upper case, double or edge spaces.
func FuzzNormalizeLabel(f *testing.F) {
	for _, s := range []string{"Date de l’audit", "  ÉTÉ  ", "Œ\u00a0x", "a\u0301", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeLabel(s)
		if NormalizeLabel(n) != n {
			t.Errorf("NormalizeLabel not idempotent on %q: %q then %q", s, n, NormalizeLabel(n))
		}
		if strings.Contains(n, "  ") || strings.TrimSpace(n) != n {
			t.Errorf("NormalizeLabel(%q) = %q keeps spaces", s, n)
		}
	})
}
