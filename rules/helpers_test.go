package rules

import "testing"

// d builds a date for tests: d("2026-06-15").
func d(t testing.TB, s string) Date {
	t.Helper()
	v, err := ParseDate(s)
	if err != nil {
		t.Fatalf("bad test date %q: %v", s, err)
	}
	return v
}

// md is d without a testing.TB, for table literals.
func md(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic("bad test date " + s)
	}
	return v
}

// uniformTally returns a tally of layout where admissible respondents all
// answered every question with q quarter points.
func uniformTally(layout SurveyLayout, admissible int64, q int8) *SurveyTally {
	t := NewSurveyTally(layout)
	t.Respondents, t.Admissible = admissible, admissible
	for i := range t.Counts {
		t.Counts[i] = countsOf(admissible, q)
	}
	return t
}

func countsOf(n int64, q int8) AnswerCounts {
	switch q {
	case 0:
		return AnswerCounts{Zero: n}
	case 1:
		return AnswerCounts{Quarter: n}
	case 3:
		return AnswerCounts{ThreeQuarters: n}
	}
	return AnswerCounts{One: n}
}

// fullGrid returns a valid local grid: per engagement the given quarter
// points, and two "Or" criteria of orQ.
func fullGrid(per [8][]int8, orQ int8) *AuditGrid {
	g := &AuditGrid{}
	for e, qs := range per {
		for i, q := range qs {
			g.Points = append(g.Points, AuditPoint{Point: pointName(e+1, i+1), Engagement: e + 1, Quarters: q})
		}
	}
	for i := 1; i <= 2; i++ {
		g.Points = append(g.Points, AuditPoint{Point: pointName(0, i), Or: true, Quarters: orQ})
	}
	return g
}

func pointName(e, i int) string {
	if e == 0 {
		return "OR." + string(rune('0'+i))
	}
	return string(rune('0'+e)) + "." + string(rune('0'+i))
}

// gridAll is a grid with two points per engagement, all scored q.
func gridAll(q int8) *AuditGrid {
	var per [8][]int8
	for i := range per {
		per[i] = []int8{q, q}
	}
	return fullGrid(per, q)
}

// baseCandidacy is a complete local initial candidacy that reaches "or": every
// rule passes. Test rows change one thing at a time.
func baseCandidacy() Candidacy {
	s := DefaultSettings()
	return Candidacy{
		Service: ServiceLocal, Audit: AuditInitial,
		AuditDate: md("2026-06-15"), DepositDate: md("2026-05-10"),
		Pieces: Pieces{Identification: true, CertificationBody: true, Organigram: true,
			TrainingPlanCurrent: true, TrainingPlanPrevious: true, SelfDiagnosticReport: true,
			SampleMethod: true, UsersSurveyReport: true, AgentsSurveyReport: true,
			ActionPlan: true, IndicatorsList: true},
		SelfDiagnosticDate: md("2025-09-01"), UsersSurveyDate: md("2026-02-01"),
		AgentsSurveyDate: md("2026-02-01"), IndicatorsSince: md("2025-10-01"),
		UsersSurvey: SurveyInput{FileInput: FileInput{File: "users.csv"}, Solicited: 1000,
			Tally: uniformTally(s.Questionnaires.Users, 60, 4)},
		AgentsSurvey: SurveyInput{FileInput: FileInput{File: "agents.csv"}, Solicited: 80, Headcount: 80,
			Tally: uniformTally(s.Questionnaires.Agents, 40, 4)},
		AuditGrid: AuditGridInput{FileInput: FileInput{File: "grid.csv"}, Grid: gridAll(4)},
	}
}

// ruleIDs lists the rule IDs of v's findings.
func ruleIDs(v Verdict) []RuleID {
	var ids []RuleID
	for _, f := range v.Findings {
		ids = append(ids, f.Rule)
	}
	return ids
}
