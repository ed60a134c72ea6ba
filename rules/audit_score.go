package rules

import (
	"fmt"
	"strconv"
)

// AuditScore is the score of a local audit grid (§3.7.1). It marshals to the
// "audit" score output of ARCHITECTURE.md; Valid and Problems stay in Go.
type AuditScore struct {
	// Points counts every row of the grid, "Or" rows included.
	Points int
	// Engagements holds engagements 1..Settings.Engagements in order; an
	// engagement with no valid point has no note.
	Engagements []EngagementNote
	// OrCriteria is the note of the "Or" criteria (annexe 2).
	OrCriteria Score
	// Valid is false when a problem makes the grid unusable (AUDIT_GRID_INVALID).
	Valid bool
	// Problems explain, in French, why the grid is invalid.
	Problems []string
}

// ScoreAudit scores a local audit grid: each engagement's note is the mean of
// its points ×100, the "Or" criteria likewise (§2.2.1, §3.7.1). A point
// scored outside {0, 0.25, 0.75, 1}, an engagement number outside
// 1..Settings.Engagements, or an engagement with no point makes the grid
// invalid; invalid points are left out of the notes.
func ScoreAudit(g AuditGrid, s Settings) AuditScore {
	n := max(s.Engagements, 0)
	sums, counts := make([]int64, n+1), make([]int64, n+1) // index 0: "Or"
	a := AuditScore{Points: len(g.Points)}
	for i, p := range g.Points {
		e := p.Engagement
		if p.Or {
			e = 0
		}
		switch {
		case e < 0 || e > n:
			a.Problems = append(a.Problems, fmt.Sprintf("ligne %d (point « %s ») : engagement %d inconnu, attendu 1 à %d ou OR", i+1, p.Point, p.Engagement, n))
		case !ValidQuarters(int(p.Quarters)):
			a.Problems = append(a.Problems, fmt.Sprintf("ligne %d (point « %s ») : note %s hors de l'échelle 0 / 0,25 / 0,75 / 1", i+1, p.Point, quartersFrench(p.Quarters)))
		default:
			sums[e] += int64(p.Quarters)
			counts[e]++
		}
	}
	for e := 1; e <= n; e++ {
		note := quarterMean(sums[e], counts[e])
		a.Engagements = append(a.Engagements, EngagementNote{Engagement: e, Note: note})
		if !note.Known() {
			a.Problems = append(a.Problems, fmt.Sprintf("engagement %d : aucun point de contrôle noté", e))
		}
	}
	a.OrCriteria = quarterMean(sums[0], counts[0])
	a.Valid = len(a.Problems) == 0
	return a
}

// quartersFrench prints q quarter points as a French decimal ("0,5").
func quartersFrench(q int8) string {
	return NewScore(int64(q), 4).frenchShort()
}

// frenchShort is String with a decimal comma ("0,5", "72,5", "80").
func (s Score) frenchShort() string {
	out := []byte(s.String())
	for i, c := range out {
		if c == '.' {
			out[i] = ','
		}
	}
	return string(out)
}

// MarshalJSON writes {"grid":"local","points","engagements","or_criteria"}.
func (a AuditScore) MarshalJSON() ([]byte, error) {
	eng := newObject()
	for _, e := range a.Engagements {
		eng.field(strconv.Itoa(e.Engagement), e.Note)
	}
	b, err := eng.bytes()
	if err != nil {
		return nil, err
	}
	return newObject().field("grid", "local").field("points", a.Points).
		raw("engagements", b).field("or_criteria", a.OrCriteria).bytes()
}

// CentralScore is the score of a central-service grid (§3.7.2). It marshals
// to {"grid":"central","points","validated","validated_pct","passed"}.
type CentralScore struct {
	Points       int
	Validated    int
	ValidatedPct Score
	// Passed is true when validated / points reaches Settings.Central.GridMin
	// (4×validated ≥ 3×points with the default 75%). An empty grid never passes.
	Passed bool
}

// ScoreCentral scores a central-service grid: the share of points validated.
func ScoreCentral(g CentralGrid, s Settings) CentralScore {
	c := CentralScore{Points: len(g.Points)}
	for _, p := range g.Points {
		if p.Validated {
			c.Validated++
		}
	}
	c.ValidatedPct = percentOf(int64(c.Validated), int64(c.Points))
	c.Passed = c.ValidatedPct.AtLeast(s.Central.GridMin)
	return c
}

// MarshalJSON writes the central score output of ARCHITECTURE.md.
func (c CentralScore) MarshalJSON() ([]byte, error) {
	return newObject().field("grid", "central").field("points", c.Points).
		field("validated", c.Validated).field("validated_pct", c.ValidatedPct).
		field("passed", c.Passed).bytes()
}
