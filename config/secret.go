package config

import (
	"fmt"
	"log/slog"
)

// redacted is what a Secret prints as, whatever the format.
const redacted = "<secret>"

// Secret is a string that never prints: String, GoString, Format,
// MarshalJSON, MarshalYAML, MarshalText and LogValue all give "<secret>"
// (or "" when the secret is empty, so that "not set" stays visible).
// Use Value to read it, and only where it is sent.
type Secret string

// Value returns the secret itself.
func (s Secret) Value() string { return string(s) }

// String returns "<secret>", or "" when s is empty.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString returns the same as String, for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("%q", s.String()) }

// Format prints the redacted form for every verb (%v, %s, %q, %x, %#v...),
// so that no verb can reach the underlying string.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", s.String())
	case 'v':
		if f.Flag('#') {
			fmt.Fprint(f, s.GoString())
			return
		}
		fmt.Fprint(f, s.String())
	default:
		fmt.Fprint(f, s.String())
	}
}

// MarshalText redacts the secret in the encoders that use encoding.TextMarshaler.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// MarshalJSON redacts the secret.
func (s Secret) MarshalJSON() ([]byte, error) { return fmt.Appendf(nil, "%q", s.String()), nil }

// MarshalYAML redacts the secret.
func (s Secret) MarshalYAML() (any, error) { return s.String(), nil }

// LogValue redacts the secret in log/slog records.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }
