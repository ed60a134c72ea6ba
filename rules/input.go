package rules

// This file holds the values that outside files are parsed into (by
// rules/sheets) and that the scoring functions consume. It is the contract
// between the parsers and the engine: keep it small and stable.

// AnswerKind says what a questionnaire cell held.
type AnswerKind uint8

const (
	// AnswerEmpty is a cell with no answer.
	AnswerEmpty AnswerKind = iota
	// AnswerNC is "non concerné / ne se prononce pas": it neutralises the question (§3.4).
	AnswerNC
	// AnswerPoints is a scored answer; its value is in Answer.Quarters.
	AnswerPoints
)

// Answer is one normalised questionnaire cell. Scores are counted in
// quarter points so that every mean stays exact (decision D1).
type Answer struct {
	Kind AnswerKind
	// Quarters is the score in quarter points: 0, 1, 3 or 4 (0, 0.25, 0.75, 1).
	Quarters int8
}

// ValidQuarters reports whether q is one of the four scores the guide allows
// (0, 0.25, 0.75, 1 — §3.4 and §3.7.1).
func ValidQuarters(q int) bool { return q == 0 || q == 1 || q == 3 || q == 4 }

// SurveyKind names a questionnaire.
type SurveyKind string

const (
	// UsersSurvey is the users' questionnaire (§3.4.1).
	UsersSurvey SurveyKind = "users"
	// AgentsSurvey is the agents' questionnaire (§3.4.2).
	AgentsSurvey SurveyKind = "agents"
)

// Question describes one scored question of a questionnaire.
type Question struct {
	// Code is the column header in survey files (e.g. "E1_1", "Q3").
	Code string
	// Engagement is the engagement (1..8) the question belongs to, or 0 when
	// it belongs to none (the users' global satisfaction, every agents' question).
	Engagement int
	// Satisfaction marks the users' global satisfaction question.
	Satisfaction bool
}

// SurveyLayout is the list of scored questions of one questionnaire, in order.
type SurveyLayout struct {
	Kind      SurveyKind
	Questions []Question
}

// AnswerLabel maps a label that may appear in a survey cell to its score.
type AnswerLabel struct {
	Label    string
	Quarters int8
}

// Questionnaires is what a parser needs to read survey files: the layouts and
// the answer labels. The questionnaires' labels are not public, so they are
// configuration, never code (RULES.md, "Facts of the programme").
type Questionnaires struct {
	Users  SurveyLayout
	Agents SurveyLayout
	// AnswerLabels are matched ignoring case and accents.
	AnswerLabels []AnswerLabel
	// NCLabels are the spellings of "non concerné / ne se prononce pas",
	// matched ignoring case and accents.
	NCLabels []string
}

// AnswerCounts counts the answers given to one question by admissible respondents.
type AnswerCounts struct {
	Zero, Quarter, ThreeQuarters, One, NC int64
}

// Scored is the number of non-NC answers.
func (c AnswerCounts) Scored() int64 { return c.Zero + c.Quarter + c.ThreeQuarters + c.One }

// QuarterSum is the total of the non-NC answers in quarter points.
func (c AnswerCounts) QuarterSum() int64 { return c.Quarter + 3*c.ThreeQuarters + 4*c.One }

// SurveyTally accumulates a survey file without keeping its rows, so that the
// memory used does not grow with the number of respondents.
type SurveyTally struct {
	Layout SurveyLayout
	// Respondents counts every questionnaire read (rows of the responses shape).
	Respondents int64
	// Admissible counts the admissible questionnaires (decision D3).
	Admissible int64
	// Counts is indexed like Layout.Questions.
	Counts []AnswerCounts
}

// NewSurveyTally returns an empty tally for layout.
func NewSurveyTally(layout SurveyLayout) *SurveyTally {
	return &SurveyTally{Layout: layout, Counts: make([]AnswerCounts, len(layout.Questions))}
}

// AddRespondent adds one questionnaire. answers is indexed like
// Layout.Questions. Only admissible questionnaires count in the notes
// (decision D3: completed, and strictly more than half of the scored questions
// answered with a non-NC answer).
func (t *SurveyTally) AddRespondent(answers []Answer, complete bool) {
	t.Respondents++
	if !complete || !Admissible(answers, len(t.Layout.Questions)) {
		return
	}
	t.Admissible++
	for i, a := range answers {
		if i >= len(t.Counts) {
			break
		}
		t.Counts[i].add(a)
	}
}

// Admissible applies decision D3 to one questionnaire's answers: strictly
// more than half of the total scored questions carry a non-NC answer.
func Admissible(answers []Answer, total int) bool {
	answered := 0
	for _, a := range answers {
		if a.Kind == AnswerPoints {
			answered++
		}
	}
	return 2*answered > total
}

func (c *AnswerCounts) add(a Answer) {
	switch a.Kind {
	case AnswerNC:
		c.NC++
	case AnswerPoints:
		switch a.Quarters {
		case 0:
			c.Zero++
		case 1:
			c.Quarter++
		case 3:
			c.ThreeQuarters++
		case 4:
			c.One++
		}
	}
}

// AuditPoint is one control point of a local audit grid (§3.7.1).
type AuditPoint struct {
	// Point is the control point's label or number, as in the file.
	Point string
	// Engagement is 1..8, or 0 for an "Or" criterion.
	Engagement int
	// Or marks the criteria that only count for the "or" level.
	Or bool
	// Quarters is the score in quarter points: 0, 1, 3 or 4.
	Quarters int8
}

// AuditGrid is a local audit grid, in file order.
type AuditGrid struct {
	Points []AuditPoint
}

// CentralPoint is one point of the central-service grid (§3.7.2): oui/non.
type CentralPoint struct {
	Point     string
	Validated bool
}

// CentralGrid is a central-service audit grid, in file order.
type CentralGrid struct {
	Points []CentralPoint
}
