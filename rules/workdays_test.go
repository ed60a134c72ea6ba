package rules

import "testing"

// TestWorkingDaysBefore checks "n jours ouvrés avant X" (§3.7, D5): X is
// not counted, weekends and the holidays of the département are skipped.
func TestWorkingDaysBefore(t *testing.T) {
	tests := []struct {
		name, dep, from string
		n               int
		want            string
	}{
		{"plain week", "75", "2026-04-09", 1, "2026-04-08"},
		{"Easter Monday 2026-04-06 skipped, Good Friday worked", "75", "2026-04-08", 2, "2026-04-03"},
		{"Moselle: Good Friday 2026-04-03 off too", "57", "2026-04-08", 2, "2026-04-02"},
		{"Bas-Rhin: Good Friday", "67", "2026-04-08", 2, "2026-04-02"},
		{"Haut-Rhin: Good Friday", "68", "2026-04-08", 2, "2026-04-02"},
		{"Ascension 2026-05-14", "", "2026-05-15", 1, "2026-05-13"},
		{"Whit Monday 2026-05-25", "", "2026-05-26", 1, "2026-05-22"},
		{"14 July 2025 (Monday)", "", "2025-07-15", 1, "2025-07-11"},
		{"15 August 2025 (Friday)", "", "2025-08-18", 1, "2025-08-14"},
		{"26 December 2025 worked nationally", "", "2025-12-29", 1, "2025-12-26"},
		{"Moselle: 26 December 2025 off", "57", "2025-12-29", 1, "2025-12-24"},
		{"10 days across Whit Monday and Ascension (§3.7 audit plan)", "", "2026-05-29", 10, "2026-05-13"},
		{"10 days, plain", "", "2026-06-15", 10, "2026-06-01"},
		{"X on a Sunday is not counted", "", "2026-06-14", 1, "2026-06-12"},
		{"Guadeloupe 27 May", "971", "2026-05-28", 1, "2026-05-26"},
		{"Martinique 22 May", "972", "2026-05-26", 1, "2026-05-21"},
		{"Guyane 10 June", "973", "2026-06-11", 1, "2026-06-09"},
		{"La Réunion 20 December", "974", "2024-12-23", 1, "2024-12-19"},
		{"Mayotte 27 April", "976", "2026-04-28", 1, "2026-04-24"},
		{"Saint-Barthélemy 9 October", "977", "2026-10-12", 1, "2026-10-08"},
		{"Saint-Martin 28 May since 2018", "978", "2026-05-29", 1, "2026-05-27"},
		{"Saint-Martin 27 May until 2017", "978", "2016-05-30", 1, "2016-05-26"},
		{"mainland does not get 27 May", "75", "2026-05-28", 1, "2026-05-27"},
		{"n = 0 returns X", "", "2026-06-15", 0, "2026-06-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WorkingDaysBefore(md(tt.from), tt.n, tt.dep); got.String() != tt.want {
				t.Errorf("WorkingDaysBefore(%s, %d, %q) = %s, want %s", tt.from, tt.n, tt.dep, got, tt.want)
			}
		})
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		dep, day string
		want     bool
	}{
		{"", "2026-01-01", false}, // Nouvel an
		{"", "2026-05-01", false}, // Fête du travail
		{"", "2026-05-08", false},
		{"", "2026-07-14", false},
		{"", "2026-11-11", false},
		{"", "2026-12-25", false},
		{"", "2026-06-13", false}, // Saturday
		{"", "2026-06-15", true},
		{" 57 ", "2026-12-25", false},
		{"2A", "2026-04-03", true}, // Corsica: national calendar
		{"7", "2026-04-03", true},
	}
	for _, tt := range tests {
		if got := NewWorkCalendar(tt.dep).IsWorkingDay(md(tt.day)); got != tt.want {
			t.Errorf("IsWorkingDay(%q, %s) = %v, want %v", tt.dep, tt.day, got, tt.want)
		}
	}
	var zero WorkCalendar
	if zero.IsWorkingDay(md("2026-07-14")) {
		t.Error("zero WorkCalendar should use the national calendar")
	}
}
