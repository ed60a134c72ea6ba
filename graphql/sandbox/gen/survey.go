package gen

import (
	"math"
	"math/rand/v2"

	"github.com/spplus/spplus/rules"
)

// cell is one questionnaire answer: quarter points (0, 1, 3, 4), or one of
// the two markers below.
type cell int8

const (
	cellEmpty cell = -1 // no answer
	cellNC    cell = -2 // "non concerné / ne se prononce pas"
)

// response is one respondent's questionnaire.
type response struct {
	cells    []cell
	complete bool
}

// survey is a generated set of responses to one questionnaire.
type survey struct {
	layout rules.SurveyLayout
	rows   []response
}

// surveyStats is what the generator knows about a survey file: it fills
// the form's counts and declared scores from it, so that the connector's
// computed values agree with the form unless a scenario says otherwise.
type surveyStats struct {
	Respondents, Admissible int
	// Score is on 100, computed as RULES.md D2 says; HasScore is false when
	// no question has a note.
	Score    float64
	HasScore bool
}

// answerQuarters returns the four scores of a question, in quarter points.
func answerQuarters() [4]cell { return [4]cell{0, 1, 3, 4} }

// quarterCDF returns the cumulative probabilities of 0, 0.25, 0.75 and 1
// for the maximum-entropy distribution whose mean is mean (in [0, 1]): it
// looks like real answers (a mode and tails) and hits the mean exactly.
func quarterCDF(mean float64) [4]float64 {
	mean = math.Min(0.98, math.Max(0.02, mean))
	lo, hi := -40.0, 40.0
	var p [4]float64
	for range 60 {
		beta := (lo + hi) / 2
		p = softmax(beta)
		if expected(p) < mean {
			lo = beta
		} else {
			hi = beta
		}
	}
	for i := 1; i < 4; i++ {
		p[i] += p[i-1]
	}
	return p
}

func softmax(beta float64) [4]float64 {
	var p [4]float64
	sum := 0.0
	for i, q := range answerQuarters() {
		p[i] = math.Exp(beta * float64(q) / 4)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

func expected(p [4]float64) float64 {
	m := 0.0
	for i, q := range answerQuarters() {
		m += p[i] * float64(q) / 4
	}
	return m
}

func draw(rng *rand.Rand, cdf [4]float64) cell {
	u := rng.Float64()
	for i, c := range cdf {
		if u < c {
			return answerQuarters()[i]
		}
	}
	return 4
}

// surveyPlan says how to draw a survey.
type surveyPlan struct {
	respondents int
	mean        float64 // target mean answer, 0..1
	// withComplete adds the `complete` column, and with it incomplete rows.
	withComplete bool
}

// newSurvey draws a survey following plan. About 4 % of respondents answer
// mostly NC (inadmissible, D3); with a `complete` column about 4 % stop
// half-way.
func newSurvey(rng *rand.Rand, layout rules.SurveyLayout, plan surveyPlan) survey {
	cdfs := make([][4]float64, len(layout.Questions))
	for i := range cdfs {
		cdfs[i] = quarterCDF(plan.mean + (rng.Float64()-0.5)*0.1)
	}
	s := survey{layout: layout, rows: make([]response, plan.respondents)}
	for r := range s.rows {
		s.rows[r] = newResponse(rng, cdfs, plan.withComplete)
	}
	return s
}

func newResponse(rng *rand.Rand, cdfs [][4]float64, withComplete bool) response {
	mostlyNC := rng.Float64() < 0.04
	stopAt := len(cdfs)
	complete := true
	if withComplete && rng.Float64() < 0.04 {
		complete = false
		stopAt = rng.IntN(len(cdfs))
	}
	cells := make([]cell, len(cdfs))
	for q, cdf := range cdfs {
		u := rng.Float64()
		switch {
		case q >= stopAt:
			cells[q] = cellEmpty
		case mostlyNC && u < 0.7, u < 0.04:
			cells[q] = cellNC
		case u < 0.06:
			cells[q] = cellEmpty
		default:
			cells[q] = draw(rng, cdf)
		}
	}
	return response{cells: cells, complete: complete}
}

// admissible applies RULES.md D3: completed, and strictly more than half of
// the scored questions answered with a non-NC answer.
func (r response) admissible() bool {
	if !r.complete {
		return false
	}
	answered := 0
	for _, c := range r.cells {
		if c >= 0 {
			answered++
		}
	}
	return 2*answered > len(r.cells)
}

// counts returns, per question, the number of admissible answers of each
// score (index 0..3 for 0, 0.25, 0.75, 1) and of NC (index 4).
func (s survey) counts() [][5]int {
	out := make([][5]int, len(s.layout.Questions))
	for _, r := range s.rows {
		if !r.admissible() {
			continue
		}
		for q, c := range r.cells {
			switch c {
			case cellEmpty:
			case cellNC:
				out[q][4]++
			default:
				out[q][quarterIndex(c)]++
			}
		}
	}
	return out
}

func quarterIndex(c cell) int {
	switch c {
	case 0:
		return 0
	case 1:
		return 1
	case 3:
		return 2
	default:
		return 3
	}
}

// stats computes the respondents, admissible count and score (D2).
func (s survey) stats() surveyStats {
	st := surveyStats{Respondents: len(s.rows)}
	for _, r := range s.rows {
		if r.admissible() {
			st.Admissible++
		}
	}
	st.Score, st.HasScore = score(s.layout, s.counts())
	return st
}

// score applies RULES.md D2 to per-question counts: question note = mean of
// the non-NC answers; a users' engagement note = mean of its questions'
// notes; the score = mean of the notes (9 for users, 11 for agents) × 100.
// Notes without answers are left out.
func score(layout rules.SurveyLayout, counts [][5]int) (float64, bool) {
	byEngagement := map[int][]float64{}
	var notes []float64
	for i, q := range layout.Questions {
		n, ok := questionNote(counts[i])
		if !ok {
			continue
		}
		if q.Engagement > 0 {
			byEngagement[q.Engagement] = append(byEngagement[q.Engagement], n)
			continue
		}
		notes = append(notes, n)
	}
	for e := 1; e <= 8; e++ {
		if ns := byEngagement[e]; len(ns) > 0 {
			notes = append(notes, mean(ns))
		}
	}
	if len(notes) == 0 {
		return 0, false
	}
	return 100 * mean(notes), true
}

func questionNote(c [5]int) (float64, bool) {
	scored := c[0] + c[1] + c[2] + c[3]
	if scored == 0 {
		return 0, false
	}
	quarters := c[1] + 3*c[2] + 4*c[3]
	return float64(quarters) / float64(4*scored), true
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
