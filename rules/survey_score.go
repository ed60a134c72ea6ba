package rules

import (
	"fmt"
	"slices"
)

// Survey invalidity reasons: short, stable codes that scripts can match on.
// The French explanation is in the USERS_SURVEY_INVALID / AGENTS_SURVEY_INVALID
// finding's message (docs/rules.md lists them).
const (
	// ReasonTooFewAdmissible: fewer admissible questionnaires than the minimum.
	ReasonTooFewAdmissible = "too_few_admissible"
	// ReasonRateTooLow: admissible / solicited below the minimum rate.
	ReasonRateTooLow = "response_rate_too_low"
	// ReasonSolicitedUnknown: the number of people solicited is not given.
	ReasonSolicitedUnknown = "solicited_unknown"
	// ReasonHeadcountUnknown: the agents' headcount is not given, so the band
	// of the validity rule cannot be chosen.
	ReasonHeadcountUnknown = "headcount_unknown"
)

// QuestionNote is the note of one question: the mean of its non-NC answers
// in admissible questionnaires, ×100 (D2); no value when it has none.
type QuestionNote struct {
	Code string
	Note Score
}

// EngagementNote is the note of one engagement: the mean of its questions'
// notes (§3.4.1).
type EngagementNote struct {
	Engagement int
	Note       Score
}

// SurveyResult is what both surveys share.
type SurveyResult struct {
	Respondents int64
	Admissible  int64
	// Solicited is the number of people asked to answer; 0 when unknown.
	Solicited int64
	// ResponseRate is admissible / solicited in percent.
	ResponseRate Score
	Valid        bool
	// InvalidReasons holds Reason* codes, in the order the rule checks them.
	InvalidReasons []string
	Questions      []QuestionNote
	// Empty lists the codes of the questions with no note (EMPTY_QUESTION).
	Empty []string
	Score Score
}

// UsersScore is the score of a users' survey (§3.4.1). It marshals to the
// "users" score output of ARCHITECTURE.md.
type UsersScore struct {
	SurveyResult
	Engagements  []EngagementNote
	Satisfaction Score
}

// AgentsScore is the score of an agents' survey (§3.4.2). It marshals to the
// "agents" score output of ARCHITECTURE.md.
type AgentsScore struct {
	SurveyResult
	// Headcount is the number of agents concerned; 0 when unknown.
	Headcount int64
}

// ScoreUsers scores a users' survey: the mean of the 8 engagement notes and
// the satisfaction note, ×100 (D2), and its validity (§3.4.1). A nil tally
// is an empty survey of the default layout. solicited ≤ 0 means unknown.
func ScoreUsers(t *SurveyTally, solicited int, s Settings) UsersScore {
	t = tallyOrEmpty(t, s.Questionnaires.Users)
	u := UsersScore{SurveyResult: baseResult(t, int64(solicited))}
	notes := make([]Score, 0, len(u.Questions))
	for _, e := range engagementsOf(t.Layout) {
		note := engagementNote(t.Layout, u.Questions, e)
		u.Engagements = append(u.Engagements, EngagementNote{Engagement: e, Note: note})
		notes = append(notes, note)
	}
	for i, q := range t.Layout.Questions {
		if q.Engagement == 0 {
			notes = append(notes, u.Questions[i].Note)
			if q.Satisfaction && !u.Satisfaction.Known() {
				u.Satisfaction = u.Questions[i].Note
			}
		}
	}
	u.Score = meanOf(notes)
	u.InvalidReasons = usersInvalidity(u.Admissible, u.Solicited, u.ResponseRate, s.Users)
	u.Valid = len(u.InvalidReasons) == 0
	return u
}

// ScoreAgents scores an agents' survey: the mean of its question notes ×100
// (§3.4.2), and its validity by headcount band. solicited or headcount ≤ 0
// means unknown.
func ScoreAgents(t *SurveyTally, solicited, headcount int, s Settings) AgentsScore {
	t = tallyOrEmpty(t, s.Questionnaires.Agents)
	a := AgentsScore{SurveyResult: baseResult(t, int64(solicited)), Headcount: max(int64(headcount), 0)}
	notes := make([]Score, len(a.Questions))
	for i, q := range a.Questions {
		notes[i] = q.Note
	}
	a.Score = meanOf(notes)
	a.InvalidReasons = agentsInvalidity(a.Admissible, a.Solicited, a.Headcount, a.ResponseRate, s.AgentBands)
	a.Valid = len(a.InvalidReasons) == 0
	return a
}

func tallyOrEmpty(t *SurveyTally, layout SurveyLayout) *SurveyTally {
	if t == nil {
		return NewSurveyTally(layout)
	}
	return t
}

// baseResult computes the counts, the rate and the question notes.
func baseResult(t *SurveyTally, solicited int64) SurveyResult {
	r := SurveyResult{
		Respondents: t.Respondents,
		Admissible:  t.Admissible,
		Solicited:   max(solicited, 0),
	}
	r.ResponseRate = percentOf(t.Admissible, r.Solicited)
	for i, q := range t.Layout.Questions {
		var c AnswerCounts
		if i < len(t.Counts) {
			c = t.Counts[i]
		}
		note := quarterMean(c.QuarterSum(), c.Scored())
		r.Questions = append(r.Questions, QuestionNote{Code: q.Code, Note: note})
		if !note.Known() {
			r.Empty = append(r.Empty, q.Code)
		}
	}
	return r
}

// engagementsOf lists the engagements of a layout in increasing order.
func engagementsOf(l SurveyLayout) []int {
	var out []int
	seen := map[int]bool{}
	for _, q := range l.Questions {
		if q.Engagement > 0 && !seen[q.Engagement] {
			seen[q.Engagement] = true
			out = append(out, q.Engagement)
		}
	}
	slices.Sort(out)
	return out
}

func engagementNote(l SurveyLayout, notes []QuestionNote, e int) Score {
	var of []Score
	for i, q := range l.Questions {
		if q.Engagement == e {
			of = append(of, notes[i].Note)
		}
	}
	return meanOf(of)
}

func usersInvalidity(admissible, solicited int64, rate Score, v UsersValidity) []string {
	reasons := []string{}
	if admissible < v.MinAdmissible {
		reasons = append(reasons, ReasonTooFewAdmissible)
	}
	if solicited <= 0 {
		return append(reasons, ReasonSolicitedUnknown)
	}
	if !rate.AtLeast(v.MinRate) {
		reasons = append(reasons, ReasonRateTooLow)
	}
	return reasons
}

func agentsInvalidity(admissible, solicited, headcount int64, rate Score, bands []AgentBand) []string {
	reasons := []string{}
	if headcount <= 0 {
		reasons = append(reasons, ReasonHeadcountUnknown)
	} else if band, ok := AgentBandFor(headcount, bands); ok && admissible < band.MinAdmissible {
		reasons = append(reasons, ReasonTooFewAdmissible)
	}
	if solicited <= 0 {
		return append(reasons, ReasonSolicitedUnknown)
	}
	if band, ok := AgentBandFor(headcount, bands); ok && headcount > 0 && !rate.AtLeast(band.MinRate) {
		reasons = append(reasons, ReasonRateTooLow)
	}
	return reasons
}

// AgentBandFor returns the validity band of an agents' survey for the
// headcount concerned (§3.4.2): the first band whose MaxHeadcount is ≥ it, or
// the unbounded one. ok is false when no band fits.
func AgentBandFor(headcount int64, bands []AgentBand) (AgentBand, bool) {
	for _, b := range bands {
		if b.MaxHeadcount == 0 || headcount <= b.MaxHeadcount {
			return b, true
		}
	}
	return AgentBand{}, false
}

// describe describes the band for messages: "moins de 50 agents concernés".
func (b AgentBand) describe(prev int64) string {
	switch {
	case b.MaxHeadcount == 0:
		return fmt.Sprintf("plus de %d agents concernés", prev)
	case prev == 0:
		return fmt.Sprintf("moins de %d agents concernés", b.MaxHeadcount+1)
	default:
		return fmt.Sprintf("entre %d et %d agents concernés", prev+1, b.MaxHeadcount)
	}
}
