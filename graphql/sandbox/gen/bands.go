package gen

import (
	"math"
	"math/rand/v2"

	"github.com/spplus/spplus/rules"
)

// bandMean is the mean answer (0..1) a survey of band aims at: the middle of
// the level's score range (RULES.md, "Levels"), far enough from the
// thresholds that sampling noise does not cross them.
func bandMean(kind rules.SurveyKind, band int) float64 {
	if kind == rules.AgentsSurvey {
		return [...]float64{0.40, 0.575, 0.72, 0.89, 0.70}[band]
	}
	return [...]float64{0.60, 0.75, 0.85, 0.94, 0.80}[band]
}

// inBand reports whether st is what band promises: a score within the
// level's range (and, for users, at least 50 admissible answers, so the
// survey is valid). The too-few band promises only its count.
func inBand(kind rules.SurveyKind, band int, st surveyStats) bool {
	if band == bandFew {
		return true
	}
	if !st.HasScore {
		return false
	}
	lo := [...]float64{30, 70, 80, 90}
	if kind == rules.AgentsSurvey {
		lo = [...]float64{20, 50, 65, 80}
	}
	hi := 100.0
	if band < int(levelOr) {
		hi = lo[band+1]
	}
	ok := st.Score >= lo[band] && st.Score < hi
	if kind == rules.UsersSurvey {
		ok = ok && st.Admissible >= 50
	}
	return ok
}

// respondents draws the size of a survey file: 60–400 users (skewed to the
// small end, as real campaigns are), 20–300 agents; label-spelled files and
// too-few surveys are smaller.
func respondents(rng *rand.Rand, kind rules.SurveyKind, band int, f fileFormat) int {
	u := rng.Float64()
	switch {
	case band == bandFew && kind == rules.AgentsSurvey:
		return 20 + rng.IntN(9)
	case band == bandFew:
		return 60 + rng.IntN(11)
	case f == formatCSV1252 && kind == rules.AgentsSurvey:
		return 20 + rng.IntN(60)
	case f == formatCSV1252:
		return 60 + rng.IntN(60)
	case kind == rules.AgentsSurvey:
		return 20 + int(280*u*u)
	default:
		return 60 + int(340*u*u)
	}
}

// fewAdmissible is the admissible count of a too-few survey: under the 50
// users the guide requires, under the 30 agents of the 50–300 band.
func fewAdmissible(kind rules.SurveyKind) int {
	if kind == rules.AgentsSurvey {
		return 26
	}
	return 46
}

// capAdmissible marks respondents incomplete, from the last, until at most
// limit are admissible.
func capAdmissible(s survey, limit int) {
	n := s.stats().Admissible
	for i := len(s.rows) - 1; i >= 0 && n > limit; i-- {
		if s.rows[i].admissible() {
			s.rows[i].complete = false
			n--
		}
	}
}

// usersValid applies the users' validity rule (§3.4.1): at least 50
// admissible and a response rate of at least 5 %.
func usersValid(admissible, solicited int) bool {
	return admissible >= 50 && solicited > 0 && 20*admissible >= solicited
}

// agentsValid applies the agents' validity rule (§3.4.2) by headcount band.
func agentsValid(admissible, solicited, headcount int) bool {
	if solicited <= 0 {
		return false
	}
	switch {
	case headcount < 50:
		return 2*admissible >= solicited
	case headcount <= 300:
		return 10*admissible >= 3*solicited && admissible >= 30
	default:
		return 10*admissible >= solicited && admissible >= 50
	}
}

// usersSolicited returns a number of solicited users giving a rate between
// 6 and 30 % (valid) or between 2 and 4.5 % (invalid).
func usersSolicited(rng *rand.Rand, admissible int, valid bool) int {
	rate := 0.06 + 0.24*rng.Float64()
	if !valid {
		rate = 0.02 + 0.025*rng.Float64()
	}
	return max(1, int(math.Ceil(float64(max(admissible, 1))/rate)))
}

// agentsPopulation returns the agents concerned and solicited so that the
// survey is valid or not, as asked. fewBand keeps the headcount within
// 50–300 (where 30 admissible are required).
func agentsPopulation(rng *rand.Rand, admissible int, valid, fewBand bool) (headcount, solicited int) {
	a := max(admissible, 1)
	for range 100 {
		switch {
		case fewBand:
			headcount = 50 + rng.IntN(251)
		case valid:
			headcount = a + rng.IntN(3*a+10)
		default:
			headcount = 3*a + rng.IntN(12*a+10)
		}
		solicited = headcount
		if valid && rng.IntN(10) == 0 {
			solicited = headcount - rng.IntN(headcount/10+1) // a warning, not a failure
		}
		if agentsValid(admissible, solicited, headcount) == valid {
			return headcount, solicited
		}
	}
	return a, a // everyone answered: valid in every band
}
