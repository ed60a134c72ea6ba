package rules

import (
	"strings"
	"testing"
)

// TestScoreAudit checks §3.7.1: engagement notes are means of their points,
// the "Or" criteria apart; points counts every row.
func TestScoreAudit(t *testing.T) {
	s := DefaultSettings()
	var per [8][]int8
	for i := range per {
		per[i] = []int8{4, 4}
	}
	per[0] = []int8{4, 3, 1, 0} // (1 + 0.75 + 0.25 + 0) / 4 = 50
	per[7] = []int8{3}          // 75
	a := ScoreAudit(*fullGrid(per, 3), s)
	if !a.Valid || a.Points != 4+6*2+1+2 {
		t.Fatalf("valid=%v points=%d problems=%v", a.Valid, a.Points, a.Problems)
	}
	if a.Engagements[0].Note.Cmp(Percent(50)) != 0 || a.Engagements[7].Note.Cmp(Percent(75)) != 0 {
		t.Errorf("engagements = %s, %s", a.Engagements[0].Note, a.Engagements[7].Note)
	}
	if a.OrCriteria.Cmp(Percent(75)) != 0 {
		t.Errorf("or = %s", a.OrCriteria)
	}
}

// TestAuditGridInvalid checks AUDIT_GRID_INVALID's causes (§3.7.1).
func TestAuditGridInvalid(t *testing.T) {
	s := DefaultSettings()
	tests := []struct {
		name  string
		grid  func() AuditGrid
		cause string
	}{
		{"point scored 0.5", func() AuditGrid {
			g := gridAll(4)
			g.Points[0].Quarters = 2
			return *g
		}, "note 0,5 hors de l'échelle"},
		{"engagement without points", func() AuditGrid {
			g := gridAll(4)
			g.Points = g.Points[2:] // drop engagement 1
			return *g
		}, "engagement 1 : aucun point"},
		{"engagement 9", func() AuditGrid {
			g := gridAll(4)
			g.Points = append(g.Points, AuditPoint{Point: "9.1", Engagement: 9, Quarters: 4})
			return *g
		}, "engagement 9 inconnu"},
		{"empty grid", func() AuditGrid { return AuditGrid{} }, "engagement 8 : aucun point"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ScoreAudit(tt.grid(), s)
			if a.Valid || !strings.Contains(strings.Join(a.Problems, "|"), tt.cause) {
				t.Errorf("valid=%v problems=%v, want %q", a.Valid, a.Problems, tt.cause)
			}
		})
	}
}

// TestScoreCentral checks §3.7.2 / D8: 4×validated ≥ 3×points.
func TestScoreCentral(t *testing.T) {
	s := DefaultSettings()
	grid := func(validated, points int) CentralGrid {
		g := CentralGrid{}
		for i := range points {
			g.Points = append(g.Points, CentralPoint{Point: "P", Validated: i < validated})
		}
		return g
	}
	tests := []struct {
		validated, points int
		passed            bool
		pct               string
	}{
		{15, 20, true, "75"},
		{14, 20, false, "70"},
		{3, 4, true, "75"},
		{8, 11, false, "72.73"}, // 4×8=32 < 33
		{9, 11, true, "81.82"},
		{0, 0, false, "null"},
	}
	for _, tt := range tests {
		c := ScoreCentral(grid(tt.validated, tt.points), s)
		if c.Passed != tt.passed || c.ValidatedPct.String() != tt.pct {
			t.Errorf("%d/%d: passed=%v pct=%s", tt.validated, tt.points, c.Passed, c.ValidatedPct)
		}
	}
}

func TestCeilSqrt(t *testing.T) {
	for _, tt := range []struct{ n, want int64 }{
		{0, 0}, {1, 1}, {2, 2}, {4, 2}, {5, 3}, {99, 10}, {100, 10}, {101, 11}, {120, 11}, {121, 11}, {122, 12},
		{1 << 62, 1 << 31},
	} {
		if got := CeilSqrt(tt.n); got != tt.want {
			t.Errorf("CeilSqrt(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}
