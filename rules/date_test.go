package rules

import (
	"encoding/json"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{in: "2026-06-15", want: "2026-06-15"},
		{in: "2024-02-29", want: "2024-02-29"}, // leap year
		{in: "2025-02-29", wantErr: true},      // not a leap year
		{in: "2026-13-01", wantErr: true},
		{in: "2026-00-10", wantErr: true},
		{in: "2026-04-31", wantErr: true},
		{in: "15/06/2026", wantErr: true},
		{in: "2026-6-15", wantErr: true},
		{in: "+026-06-15", wantErr: true},
		{in: "2026-06-1x", wantErr: true},
		{in: "0000-01-01", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestAddMonths checks decision D4: the day number is kept and clamped to
// the last day of the target month.
func TestAddMonths(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-03-31", -1, "2026-02-28"}, // D4 example, common year
		{"2024-03-31", -1, "2024-02-29"}, // D4 example, leap year
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2026-01-31", 1, "2026-02-28"},
		{"2026-08-31", 6, "2027-02-28"},
		{"2026-05-31", -1, "2026-04-30"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-01-15", -1, "2025-12-15"},
		{"2026-06-15", -13, "2025-05-15"},
		{"2026-06-15", 36, "2029-06-15"},
		{"2026-06-15", 0, "2026-06-15"},
	}
	for _, tt := range tests {
		if got := md(tt.from).AddMonths(tt.n); got.String() != tt.want {
			t.Errorf("%s %+d months = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

// TestWithinMonthsBefore checks that [X − N months, X] includes both ends (D4).
func TestWithinMonthsBefore(t *testing.T) {
	tests := []struct {
		d, x string
		n    int
		want bool
	}{
		{"2025-12-15", "2026-06-15", 6, true}, // exactly 6 months before
		{"2025-12-14", "2026-06-15", 6, false},
		{"2026-06-15", "2026-06-15", 6, true}, // the day itself
		{"2026-06-16", "2026-06-15", 6, false},
		{"2026-02-28", "2026-08-31", 6, true}, // clamped start
		{"2026-02-27", "2026-08-31", 6, false},
		{"2025-06-15", "2026-06-15", 12, true},
		{"2025-06-14", "2026-06-15", 12, false},
	}
	for _, tt := range tests {
		if got := md(tt.d).WithinMonthsBefore(md(tt.x), tt.n); got != tt.want {
			t.Errorf("%s within %d months before %s = %v, want %v", tt.d, tt.n, tt.x, got, tt.want)
		}
	}
}

func TestDateFormatsAndJSON(t *testing.T) {
	x := md("2026-06-05")
	if got := x.French(); got != "05/06/2026" {
		t.Errorf("French() = %q", got)
	}
	b, err := json.Marshal(struct{ A, B Date }{A: x})
	if err != nil || string(b) != `{"A":"2026-06-05","B":null}` {
		t.Errorf("marshal = %s, %v", b, err)
	}
	var back struct{ A, B Date }
	if err := json.Unmarshal(b, &back); err != nil || back.A != x || !back.B.IsZero() {
		t.Errorf("unmarshal = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"A":"05/06/2026"}`), &back); err == nil {
		t.Error("unmarshal of dd/mm/yyyy succeeded")
	}
	if !md("2026-01-01").Before(md("2026-01-02")) || md("2026-01-02").Before(md("2026-01-01")) {
		t.Error("Before is wrong")
	}
	if NewDate(2026, 1, 32) != md("2026-02-01") {
		t.Error("NewDate does not normalise")
	}
}
