package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// verdictView is a stored verdict (the evaluate output of ARCHITECTURE.md)
// read back for display. rules.Verdict only marshals, so the page reads the
// JSON itself, keeping the order of the score objects' keys (Q10 after Q9).
type verdictView struct {
	Complete bool
	Findings []findingView
	Users    *surveyView
	Agents   *surveyView
	Audit    *auditView
	Central  *centralView
	Level    *string
}

type findingView struct {
	Rule     string            `json:"rule"`
	Severity string            `json:"severity"`
	Section  string            `json:"section"`
	Message  string            `json:"message"`
	Values   map[string]string `json:"values"`
}

// surveyView is a users' or agents' survey score.
type surveyView struct {
	Respondents    int
	Admissible     int
	Solicited      *int
	Headcount      *int
	ResponseRate   *float64
	Valid          bool
	InvalidReasons []string
	Questions      []keyScore
	Engagements    []keyScore
	Satisfaction   *float64
	Score          *float64
}

// auditView is the local audit grid's score.
type auditView struct {
	Points      int
	Engagements []keyScore
	OrCriteria  *float64
}

// centralView is the central grid's score.
type centralView struct {
	Points       int      `json:"points"`
	Validated    int      `json:"validated"`
	ValidatedPct *float64 `json:"validated_pct"`
	Passed       bool     `json:"passed"`
}

// keyScore is one note of a score object: a question code or an engagement
// number, and its note (nil: no note).
type keyScore struct {
	Key   string
	Value *float64
}

type verdictJSON struct {
	Complete bool          `json:"complete"`
	Findings []findingView `json:"findings"`
	Users    *surveyJSON   `json:"users_survey"`
	Agents   *surveyJSON   `json:"agents_survey"`
	Audit    *auditJSON    `json:"audit"`
	Central  *centralView  `json:"central"`
	Level    *string       `json:"level"`
}

type surveyJSON struct {
	Respondents    int             `json:"respondents"`
	Admissible     int             `json:"admissible"`
	Solicited      *int            `json:"solicited"`
	Headcount      *int            `json:"headcount"`
	ResponseRate   *float64        `json:"response_rate"`
	Valid          bool            `json:"valid"`
	InvalidReasons []string        `json:"invalid_reasons"`
	Questions      json.RawMessage `json:"questions"`
	Engagements    json.RawMessage `json:"engagements"`
	Satisfaction   *float64        `json:"satisfaction"`
	Score          *float64        `json:"score"`
}

type auditJSON struct {
	Points      int             `json:"points"`
	Engagements json.RawMessage `json:"engagements"`
	OrCriteria  *float64        `json:"or_criteria"`
}

// decodeVerdict reads a stored verdict; an empty one gives a zero view.
func decodeVerdict(raw []byte) (verdictView, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return verdictView{}, nil
	}
	var j verdictJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return verdictView{}, fmt.Errorf("stored verdict: %w", err)
	}
	v := verdictView{Complete: j.Complete, Findings: j.Findings, Central: j.Central, Level: j.Level}
	var err error
	if v.Users, err = j.Users.view("users_survey"); err != nil {
		return verdictView{}, err
	}
	if v.Agents, err = j.Agents.view("agents_survey"); err != nil {
		return verdictView{}, err
	}
	if j.Audit != nil {
		eng, err := orderedScores(j.Audit.Engagements)
		if err != nil {
			return verdictView{}, fmt.Errorf("stored verdict: audit.engagements: %w", err)
		}
		v.Audit = &auditView{Points: j.Audit.Points, Engagements: eng, OrCriteria: j.Audit.OrCriteria}
	}
	return v, nil
}

func (s *surveyJSON) view(key string) (*surveyView, error) {
	if s == nil {
		return nil, nil
	}
	q, err := orderedScores(s.Questions)
	if err != nil {
		return nil, fmt.Errorf("stored verdict: %s.questions: %w", key, err)
	}
	e, err := orderedScores(s.Engagements)
	if err != nil {
		return nil, fmt.Errorf("stored verdict: %s.engagements: %w", key, err)
	}
	return &surveyView{
		Respondents: s.Respondents, Admissible: s.Admissible, Solicited: s.Solicited, Headcount: s.Headcount,
		ResponseRate: s.ResponseRate, Valid: s.Valid, InvalidReasons: s.InvalidReasons,
		Questions: q, Engagements: e, Satisfaction: s.Satisfaction, Score: s.Score,
	}, nil
}

// orderedScores reads a JSON object of numbers or nulls, keeping its keys'
// order; absent or null gives nothing.
func orderedScores(raw json.RawMessage) ([]keyScore, error) {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("expected an object of notes")
	}
	var out []keyScore
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("read key: %w", err)
		}
		key, _ := t.(string)
		var v *float64
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("key %q: expected a number or null: %w", key, err)
		}
		out = append(out, keyScore{Key: key, Value: v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("end of object: %w", err)
	}
	return out, nil
}

// blocking counts the blocking findings.
func (v verdictView) blocking() int {
	n := 0
	for _, f := range v.Findings {
		if f.Severity == "blocking" {
			n++
		}
	}
	return n
}
