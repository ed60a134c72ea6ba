package rules

import (
	"encoding/json"
	"strconv"
)

// MarshalJSON writes the users' score output of ARCHITECTURE.md, keys in the
// contract's order: survey, respondents, admissible, solicited,
// response_rate, valid, invalid_reasons, questions, engagements,
// satisfaction, score.
func (u UsersScore) MarshalJSON() ([]byte, error) {
	o := newObject().field("survey", UsersSurvey)
	u.SurveyResult.head(o)
	o.raw("questions", u.questionsJSON())
	eng := newObject()
	for _, e := range u.Engagements {
		eng.field(strconv.Itoa(e.Engagement), e.Note)
	}
	b, err := eng.bytes()
	if err != nil {
		return nil, err
	}
	o.raw("engagements", b).field("satisfaction", u.Satisfaction).field("score", u.Score)
	return o.bytes()
}

// MarshalJSON writes the agents' score output of ARCHITECTURE.md: survey,
// respondents, admissible, solicited, headcount, response_rate, valid,
// invalid_reasons, questions, score.
func (a AgentsScore) MarshalJSON() ([]byte, error) {
	o := newObject().field("survey", AgentsSurvey)
	o.field("respondents", a.Respondents).field("admissible", a.Admissible).
		field("solicited", nullIfZero(a.Solicited)).field("headcount", nullIfZero(a.Headcount))
	a.tail(o)
	o.raw("questions", a.questionsJSON()).field("score", a.Score)
	return o.bytes()
}

// head writes respondents … invalid_reasons (users' order).
func (r SurveyResult) head(o *object) {
	o.field("respondents", r.Respondents).field("admissible", r.Admissible).
		field("solicited", nullIfZero(r.Solicited))
	r.tail(o)
}

// tail writes response_rate, valid and invalid_reasons.
func (r SurveyResult) tail(o *object) {
	reasons := r.InvalidReasons
	if reasons == nil {
		reasons = []string{}
	}
	o.field("response_rate", r.ResponseRate).field("valid", r.Valid).field("invalid_reasons", reasons)
}

func (r SurveyResult) questionsJSON() json.RawMessage {
	q := newObject()
	for _, n := range r.Questions {
		q.field(n.Code, n.Note)
	}
	b, _ := q.bytes() // Score and string values always marshal
	return b
}
