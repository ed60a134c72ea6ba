package rules

import (
	"slices"
	"strings"
	"testing"
)

func TestBaseCandidacyIsClean(t *testing.T) {
	v := Evaluate(baseCandidacy(), DefaultSettings())
	if len(v.Findings) != 0 || !v.Complete || v.Level != LevelOr {
		t.Fatalf("findings = %v, complete = %v, level = %q", ruleIDs(v), v.Complete, v.Level)
	}
}

// ruleRow is one row of the rule tables: the section of the guide, a change
// to the clean base candidacy, and whether rule must fire.
type ruleRow struct {
	section string
	name    string
	mutate  func(c *Candidacy)
	rule    RuleID
	fire    bool
}

func runRuleRows(t *testing.T, base func() Candidacy, rows []ruleRow) {
	t.Helper()
	s := DefaultSettings()
	for _, r := range rows {
		t.Run("§"+r.section+" "+string(r.rule)+" "+r.name, func(t *testing.T) {
			c := base()
			r.mutate(&c)
			v := Evaluate(c, s)
			if got := v.Has(r.rule); got != r.fire {
				t.Errorf("%s fired = %v, want %v (findings %v)", r.rule, got, r.fire, ruleIDs(v))
			}
		})
	}
}

// TestPieceRules: §3.5.1, each piece or its date absent.
func TestPieceRules(t *testing.T) {
	rows := []ruleRow{
		{"3.5.1", "identification", func(c *Candidacy) { c.Pieces.Identification = false }, MissingIdentification, true},
		{"3.5.1", "certification body", func(c *Candidacy) { c.Pieces.CertificationBody = false }, MissingCertificationBody, true},
		{"3.5.1", "organigram", func(c *Candidacy) { c.Pieces.Organigram = false }, MissingOrganigram, true},
		{"3.5.1", "training plan current", func(c *Candidacy) { c.Pieces.TrainingPlanCurrent = false }, MissingTrainingPlanCurrent, true},
		{"3.5.1", "training plan previous", func(c *Candidacy) { c.Pieces.TrainingPlanPrevious = false }, MissingTrainingPlanPrevious, true},
		{"3.5.1", "self-diagnostic report", func(c *Candidacy) { c.Pieces.SelfDiagnosticReport = false }, MissingSelfDiagnostic, true},
		{"3.5.1", "self-diagnostic date", func(c *Candidacy) { c.SelfDiagnosticDate = Date{} }, MissingSelfDiagnostic, true},
		{"3.5.1", "sample method", func(c *Candidacy) { c.Pieces.SampleMethod = false }, MissingSampleMethod, true},
		{"3.5.1", "users report", func(c *Candidacy) { c.Pieces.UsersSurveyReport = false }, MissingUsersSurvey, true},
		{"3.5.1", "users date", func(c *Candidacy) { c.UsersSurveyDate = Date{} }, MissingUsersSurvey, true},
		{"3.5.1", "users file", func(c *Candidacy) { c.UsersSurvey.Tally = nil }, MissingUsersSurvey, true},
		{"3.5.1", "users file unreadable is FILE_UNREADABLE alone", func(c *Candidacy) {
			c.UsersSurvey.Tally, c.UsersSurvey.Unreadable = nil, "users.csv line 4: bad cell"
		}, MissingUsersSurvey, false},
		{"3.5.1", "agents report", func(c *Candidacy) { c.Pieces.AgentsSurveyReport = false }, MissingAgentsSurvey, true},
		{"3.5.1", "agents date", func(c *Candidacy) { c.AgentsSurveyDate = Date{} }, MissingAgentsSurvey, true},
		{"3.5.1", "agents file", func(c *Candidacy) { c.AgentsSurvey.Tally = nil }, MissingAgentsSurvey, true},
		{"3.5.1", "action plan", func(c *Candidacy) { c.Pieces.ActionPlan = false }, MissingActionPlan, true},
		{"3.5.1", "indicators list", func(c *Candidacy) { c.Pieces.IndicatorsList = false }, MissingIndicators, true},
		{"3.5.1", "indicators date", func(c *Candidacy) { c.IndicatorsSince = Date{} }, MissingIndicators, true},
		{"3.5.1", "no audit date", func(c *Candidacy) { c.AuditDate = Date{} }, AuditDateMissing, true},
		{"3.5.1", "audit date given", func(c *Candidacy) {}, AuditDateMissing, false},
	}
	runRuleRows(t, baseCandidacy, rows)
}

// TestDateRules: the date rules of §3.1, §3.4, §3.5.1 and §3.8, on and just
// past each boundary, month ends and leap years included.
func TestDateRules(t *testing.T) {
	rows := []ruleRow{
		{"3.5.1", "deposit exactly 1 month before", func(c *Candidacy) { c.DepositDate = md("2026-05-15") }, DepositOneMonth, false},
		{"3.5.1", "deposit 1 day late", func(c *Candidacy) { c.DepositDate = md("2026-05-16") }, DepositOneMonth, true},
		{"3.5.1", "31 March − 1 month = 28 Feb", func(c *Candidacy) {
			c.AuditDate, c.DepositDate = md("2026-03-31"), md("2026-02-28")
		}, DepositOneMonth, false},
		{"3.5.1", "1 March is late for 31 March", func(c *Candidacy) {
			c.AuditDate, c.DepositDate = md("2026-03-31"), md("2026-03-01")
		}, DepositOneMonth, true},
		{"3.5.1", "leap year: 29 Feb for 31 March", func(c *Candidacy) {
			c.AuditDate, c.DepositDate = md("2024-03-31"), md("2024-02-29")
		}, DepositOneMonth, false},
		{"3.5.1", "leap year: 1 March is late", func(c *Candidacy) {
			c.AuditDate, c.DepositDate = md("2024-03-31"), md("2024-03-01")
		}, DepositOneMonth, true},
		{"3.5.1", "no deposit date: no date rule", func(c *Candidacy) { c.DepositDate = Date{} }, DepositOneMonth, false},
		{"3.1", "self-diagnostic exactly 12 months before", func(c *Candidacy) { c.SelfDiagnosticDate = md("2025-06-15") }, SelfDiagnostic12Months, false},
		{"3.1", "self-diagnostic 12 months and 1 day", func(c *Candidacy) { c.SelfDiagnosticDate = md("2025-06-14") }, SelfDiagnostic12Months, true},
		{"3.1", "self-diagnostic after the audit", func(c *Candidacy) { c.SelfDiagnosticDate = md("2026-06-16") }, SelfDiagnostic12Months, true},
		{"3.1", "self-diagnostic missing is MISSING_* alone", func(c *Candidacy) { c.SelfDiagnosticDate = Date{} }, SelfDiagnostic12Months, false},
		{"3.4", "users survey exactly 6 months", func(c *Candidacy) { c.UsersSurveyDate = md("2025-12-15") }, UsersSurvey6Months, false},
		{"3.4", "users survey 6 months and 1 day", func(c *Candidacy) { c.UsersSurveyDate = md("2025-12-14") }, UsersSurvey6Months, true},
		{"3.4", "users survey old, follow-up audit", func(c *Candidacy) {
			c.UsersSurveyDate, c.Audit = md("2025-12-14"), AuditFollowup
		}, UsersSurvey6Months, false},
		{"3.10", "users survey old, renewal audit", func(c *Candidacy) {
			c.UsersSurveyDate, c.Audit = md("2025-12-14"), AuditRenewal
		}, UsersSurvey6Months, true},
		{"3.4", "agents survey exactly 6 months", func(c *Candidacy) { c.AgentsSurveyDate = md("2025-12-15") }, AgentsSurvey6Months, false},
		{"3.4", "agents survey 6 months and 1 day", func(c *Candidacy) { c.AgentsSurveyDate = md("2025-12-14") }, AgentsSurvey6Months, true},
		{"3.4", "31 Aug − 6 months = 28 Feb", func(c *Candidacy) {
			c.AuditDate, c.AgentsSurveyDate = md("2026-08-31"), md("2026-02-28")
		}, AgentsSurvey6Months, false},
		{"3.5.1", "indicators exactly 6 months", func(c *Candidacy) { c.IndicatorsSince = md("2025-12-15") }, Indicators6Months, false},
		{"3.5.1", "indicators 1 day short", func(c *Candidacy) { c.IndicatorsSince = md("2025-12-16") }, Indicators6Months, true},
		{"3.5.1", "indicators, month end", func(c *Candidacy) {
			c.AuditDate, c.IndicatorsSince = md("2026-08-31"), md("2026-03-01")
		}, Indicators6Months, true},
		{"3.5.1", "indicators, month end on the day", func(c *Candidacy) {
			c.AuditDate, c.IndicatorsSince = md("2026-08-31"), md("2026-02-28")
		}, Indicators6Months, false},
		{"3.4", "users launch exactly 2 months before", func(c *Candidacy) { c.UsersSurveyLaunchDate = md("2026-04-15") }, SurveyLaunch2Months, false},
		{"3.4", "users launch 1 day late", func(c *Candidacy) { c.UsersSurveyLaunchDate = md("2026-04-16") }, SurveyLaunch2Months, true},
		{"3.4", "agents launch 1 day late", func(c *Candidacy) { c.AgentsSurveyLaunchDate = md("2026-04-16") }, SurveyLaunch2Months, true},
		{"3.8", "refiled exactly 6 months after refusal", func(c *Candidacy) { c.LastRefusalDate = md("2025-11-10") }, Reapply6Months, false},
		{"3.8", "refiled 1 day early", func(c *Candidacy) { c.LastRefusalDate = md("2025-11-11") }, Reapply6Months, true},
		{"3.8", "refusal 31 Aug, filed 28 Feb", func(c *Candidacy) {
			c.LastRefusalDate, c.DepositDate = md("2025-08-31"), md("2026-02-28")
		}, Reapply6Months, false},
		{"3.8", "refusal 31 Aug, filed 27 Feb", func(c *Candidacy) {
			c.LastRefusalDate, c.DepositDate = md("2025-08-31"), md("2026-02-27")
		}, Reapply6Months, true},
	}
	runRuleRows(t, baseCandidacy, rows)
}

// usersAt70 makes every users' question note exactly 70 (2.8 quarters on
// average: 24×1 + 24×0.75 + 12×0 over 60 answers); under lowers one note.
func usersAt70(under bool) func(c *Candidacy) {
	return func(c *Candidacy) {
		for i := range c.UsersSurvey.Tally.Counts {
			c.UsersSurvey.Tally.Counts[i] = AnswerCounts{One: 24, ThreeQuarters: 24, Zero: 12}
		}
		if under {
			c.UsersSurvey.Tally.Counts[0] = AnswerCounts{One: 24, ThreeQuarters: 23, Quarter: 1, Zero: 12}
		}
	}
}

// agentsAt50 makes every agents' note exactly 50; under lowers one note.
func agentsAt50(under bool) func(c *Candidacy) {
	return func(c *Candidacy) {
		for i := range c.AgentsSurvey.Tally.Counts {
			c.AgentsSurvey.Tally.Counts[i] = AnswerCounts{One: 20, Zero: 20}
		}
		if under {
			c.AgentsSurvey.Tally.Counts[0] = AnswerCounts{One: 19, Zero: 21}
		}
	}
}

// TestSurveyRules: §3.4, §3.4.1, §3.4.2 and the file rules.
func TestSurveyRules(t *testing.T) {
	s := DefaultSettings()
	rows := []ruleRow{
		{"3.4.1", "49 admissible", func(c *Candidacy) { c.UsersSurvey.Tally = uniformTally(s.Questionnaires.Users, 49, 4) }, UsersSurveyInvalid, true},
		{"3.4.1", "50 admissible at 5%", func(c *Candidacy) {
			c.UsersSurvey.Tally, c.UsersSurvey.Solicited = uniformTally(s.Questionnaires.Users, 50, 4), 1000
		}, UsersSurveyInvalid, false},
		{"3.4.1", "50 admissible under 5%", func(c *Candidacy) {
			c.UsersSurvey.Tally, c.UsersSurvey.Solicited = uniformTally(s.Questionnaires.Users, 50, 4), 1001
		}, UsersSurveyInvalid, true},
		{"3.4.1", "solicited unknown", func(c *Candidacy) { c.UsersSurvey.Solicited = 0 }, UsersSurveyInvalid, true},
		{"3.4.2", "headcount unknown", func(c *Candidacy) { c.AgentsSurvey.Headcount = 0 }, AgentsSurveyInvalid, true},
		{"3.4.2", "H=50, 29 admissible", func(c *Candidacy) {
			c.AgentsSurvey.Tally, c.AgentsSurvey.Headcount, c.AgentsSurvey.Solicited = uniformTally(s.Questionnaires.Agents, 29, 4), 50, 50
		}, AgentsSurveyInvalid, true},
		{"3.4.2", "H=49, 25 of 49", func(c *Candidacy) {
			c.AgentsSurvey.Tally, c.AgentsSurvey.Headcount, c.AgentsSurvey.Solicited = uniformTally(s.Questionnaires.Agents, 25, 4), 49, 49
		}, AgentsSurveyInvalid, false},
		{"3.4.2", "solicited below headcount", func(c *Candidacy) { c.AgentsSurvey.Solicited = 79 }, AgentsSolicitedBelowHeadcount, true},
		{"3.4.2", "solicited equal to headcount", func(c *Candidacy) {}, AgentsSolicitedBelowHeadcount, false},
		{"3.4", "users exactly 70", usersAt70(false), SurveysBelowBronze, false},
		{"3.4", "users just under 70", usersAt70(true), SurveysBelowBronze, true},
		{"3.4", "agents exactly 50", agentsAt50(false), SurveysBelowBronze, false},
		{"3.4", "agents just under 50", agentsAt50(true), SurveysBelowBronze, true},
		{"3.4", "question with only NC", func(c *Candidacy) { c.UsersSurvey.Tally.Counts[3] = AnswerCounts{NC: 60} }, EmptyQuestion, true},
		{"3.4", "agents question with no answer", func(c *Candidacy) { c.AgentsSurvey.Tally.Counts[10] = AnswerCounts{} }, EmptyQuestion, true},
		{"3.4", "declared = computed", func(c *Candidacy) { c.UsersSurvey.DeclaredScore = NewScore(100, 1) }, ScoreMismatch, false},
		{"3.4", "declared 0.01 off", func(c *Candidacy) { c.UsersSurvey.DeclaredScore = NewScore(9999, 100) }, ScoreMismatch, false},
		{"3.4", "declared 0.011 off", func(c *Candidacy) { c.AgentsSurvey.DeclaredScore = NewScore(99989, 1000) }, ScoreMismatch, true},
		{"-", "users file unreadable", func(c *Candidacy) { c.UsersSurvey.Unreadable = "users.csv line 4: cell C: expected 0, 0.25, 0.75 or 1" }, FileUnreadable, true},
		{"-", "grid not safe", func(c *Candidacy) { c.AuditGrid.NotSafe = "pending" }, FileNotSafe, true},
		{"-", "agents infected", func(c *Candidacy) { c.AgentsSurvey.NotSafe = "infected" }, FileNotSafe, true},
		{"3.7.1", "point scored 0.5", func(c *Candidacy) { c.AuditGrid.Grid.Points[0].Quarters = 2 }, AuditGridInvalid, true},
		{"3.7.1", "engagement 3 without points", func(c *Candidacy) {
			g := c.AuditGrid.Grid
			g.Points = slices.DeleteFunc(g.Points, func(p AuditPoint) bool { return p.Engagement == 3 && !p.Or })
		}, AuditGridInvalid, true},
	}
	runRuleRows(t, baseCandidacy, rows)
}

// followupBase is the clean base turned into a local follow-up audit: label
// awarded 2024-12-15 (target 2026-06-15), initial audit 2024-12-01.
func followupBase() Candidacy {
	c := baseCandidacy()
	c.Audit = AuditFollowup
	c.InitialDecisionDate = md("2024-12-15")
	c.Followup.InitialAuditDate = md("2024-12-01")
	return c
}

// TestFollowupRules: §3.9.1 (local) and §3.9.2 (central window).
func TestFollowupRules(t *testing.T) {
	rows := []ruleRow{
		{"3.9.1", "on target", func(c *Candidacy) {}, FollowupWindow, false},
		{"3.9.1", "window end exactly", func(c *Candidacy) { c.InitialDecisionDate = md("2024-10-15") }, FollowupWindow, false},
		{"3.9.1", "1 day after window", func(c *Candidacy) { c.InitialDecisionDate = md("2024-10-14") }, FollowupWindow, true},
		{"3.9.1", "window start exactly", func(c *Candidacy) { c.InitialDecisionDate = md("2025-02-15") }, FollowupWindow, false},
		{"3.9.1", "1 day before window", func(c *Candidacy) { c.InitialDecisionDate = md("2025-02-16") }, FollowupWindow, true},
		{"3.9.1", "initial audit: no window", func(c *Candidacy) {
			c.Audit, c.InitialDecisionDate = AuditInitial, md("2025-02-16")
		}, FollowupWindow, false},
		{"3.9.1", "self-diagnostic in year 1", func(c *Candidacy) {}, FollowupSelfDiagnostics, false},
		{"3.9.1", "no self-diagnostic in year 1", func(c *Candidacy) { c.SelfDiagnosticDate = md("2026-01-10") }, FollowupSelfDiagnostics, true},
		{"3.9.1", "listed self-diagnostic on the year's end", func(c *Candidacy) {
			c.SelfDiagnosticDate = md("2026-01-10")
			c.Followup.SelfDiagnosticDates = []Date{md("2025-12-01")}
		}, FollowupSelfDiagnostics, false},
		{"3.9.1", "anchor falls back to the decision", func(c *Candidacy) {
			c.Followup.InitialAuditDate = Date{}
			c.SelfDiagnosticDate = md("2026-01-10")
		}, FollowupSelfDiagnostics, true},
		{"3.9.1", "no anchor: not checked", func(c *Candidacy) {
			c.Followup.InitialAuditDate, c.InitialDecisionDate = Date{}, Date{}
			c.SelfDiagnosticDate = md("2026-01-10")
		}, FollowupSelfDiagnostics, false},
		{"3.9.1", "surveys since the initial audit", func(c *Candidacy) {}, FollowupSurveys, false},
		{"3.9.1", "users survey before the initial audit", func(c *Candidacy) { c.UsersSurveyDate = md("2024-11-30") }, FollowupSurveys, true},
		{"3.9.1", "listed users survey on the initial audit day", func(c *Candidacy) {
			c.UsersSurveyDate = md("2024-11-30")
			c.Followup.UsersSurveyDates = []Date{md("2024-12-01")}
		}, FollowupSurveys, false},
		{"3.9.1", "agents survey missing", func(c *Candidacy) { c.AgentsSurveyDate = Date{} }, FollowupSurveys, true},
	}
	runRuleRows(t, followupBase, rows)
}

// centralBase is a clean central candidacy: n = 100, ten locals audited in
// 2026 (5 argent, 3 bronze, 2 or), grid 16/20.
func centralBase() Candidacy {
	c := Candidacy{Service: ServiceCentral, Audit: AuditInitial, AuditDate: md("2026-10-15"), DepositDate: md("2026-09-01")}
	c.Central.LocalServices = 100
	levels := []Level{LevelArgent, LevelArgent, LevelArgent, LevelArgent, LevelArgent, LevelBronze, LevelBronze, LevelBronze, LevelOr, LevelOr}
	for i, l := range levels {
		c.Central.Locals = append(c.Central.Locals, LocalService{Name: "Local " + string(rune('A'+i)), AuditedYear: 2026,
			Level: l, SelfDiagnosticDate: md("2026-01-10")})
	}
	g := &CentralGrid{}
	for i := range 20 {
		g.Points = append(g.Points, CentralPoint{Point: "C", Validated: i < 16})
	}
	c.Central.Grid = CentralGridInput{FileInput: FileInput{File: "central.csv"}, Grid: g}
	return c
}

func setLevels(levels ...Level) func(c *Candidacy) {
	return func(c *Candidacy) {
		for i, l := range levels {
			c.Central.Locals[i].Level = l
		}
	}
}

func setValidated(n int) func(c *Candidacy) {
	return func(c *Candidacy) {
		for i := range c.Central.Grid.Grid.Points {
			c.Central.Grid.Grid.Points[i].Validated = i < n
		}
	}
}

// TestCentralRules: §2.2.2, §3.1, §3.3, §3.7.2, §3.9.2.
func TestCentralRules(t *testing.T) {
	n := LevelNone
	rows := []ruleRow{
		{"3.1", "10 audited for n=100", func(c *Candidacy) {}, CentralSampleTooSmall, false},
		{"3.1", "10 audited for n=101", func(c *Candidacy) { c.Central.LocalServices = 101 }, CentralSampleTooSmall, true},
		{"3.1", "n unknown", func(c *Candidacy) { c.Central.LocalServices = 0 }, CentralSampleTooSmall, true},
		{"3.3", "audits of another year do not count", func(c *Candidacy) { c.Central.Locals[0].AuditedYear = 2025 }, CentralSampleTooSmall, true},
		{"2.2.2", "8 of 10 labelled", setLevels(n, n), CentralLabelled75, false},
		{"2.2.2", "7 of 10 labelled", setLevels(n, n, n), CentralLabelled75, true},
		{"2.2.2", "undecided locals are not labelled", setLevels(LevelUnknown, LevelUnknown, LevelUnknown), CentralLabelled75, true},
		{"3.7.2", "15 of 20 validated", setValidated(15), CentralGrid75, false},
		{"3.7.2", "14 of 20 validated", setValidated(14), CentralGrid75, true},
		{"3.7.2", "empty grid", func(c *Candidacy) { c.Central.Grid.Grid.Points = nil }, CentralGrid75, true},
		{"2.2.2", "self-diagnostic exactly 12 months", func(c *Candidacy) { c.Central.Locals[3].SelfDiagnosticDate = md("2025-10-15") }, CentralSelfDiagnostics, false},
		{"2.2.2", "self-diagnostic 1 day too old", func(c *Candidacy) { c.Central.Locals[3].SelfDiagnosticDate = md("2025-10-14") }, CentralSelfDiagnostics, true},
		{"2.2.2", "no self-diagnostic", func(c *Candidacy) { c.Central.Locals[9].SelfDiagnosticDate = Date{} }, CentralSelfDiagnostics, true},
		{"2.2.2", "clear plurality", func(c *Candidacy) {}, CentralLevelTie, false},
		{"2.2.2", "tie argent/bronze", setLevels(LevelBronze), CentralLevelTie, true},
		{"3.9.2", "central follow-up at 12 months", func(c *Candidacy) {
			c.Audit, c.InitialDecisionDate = AuditFollowup, md("2025-10-15")
		}, FollowupWindow, false},
		{"3.9.2", "central follow-up at 24 months", func(c *Candidacy) {
			c.Audit, c.InitialDecisionDate = AuditFollowup, md("2024-10-15")
		}, FollowupWindow, false},
		{"3.9.2", "central follow-up at 18 months", func(c *Candidacy) {
			c.Audit, c.InitialDecisionDate = AuditFollowup, md("2025-04-15")
		}, FollowupWindow, true},
		{"3.5.1", "local pieces do not apply", func(c *Candidacy) {}, MissingOrganigram, false},
		{"3.5.1", "no audit date", func(c *Candidacy) { c.AuditDate = Date{} }, AuditDateMissing, true},
	}
	runRuleRows(t, centralBase, rows)
}

// TestCentralLevel: D9, plurality, ties to the lower level, "none" when a
// 75% rule fails, null without a grid.
func TestCentralLevel(t *testing.T) {
	n := LevelNone
	tests := []struct {
		name   string
		mutate func(c *Candidacy)
		want   Level
	}{
		{"plurality argent", func(c *Candidacy) {}, LevelArgent},
		{"tie argent/bronze goes to bronze", setLevels(LevelBronze), LevelBronze},
		{"three-way tie", setLevels(LevelOr, LevelOr, LevelOr, LevelBronze, LevelBronze, LevelBronze, LevelArgent, LevelArgent, LevelArgent, n), LevelBronze},
		{"grid under 75%", setValidated(14), LevelNone},
		{"labelled under 75%", setLevels(n, n, n), LevelNone},
		{"no grid", func(c *Candidacy) { c.Central.Grid.Grid = nil }, LevelUnknown},
		{"grid unreadable", func(c *Candidacy) { c.Central.Grid.Unreadable = "central.csv line 2: expected oui or non" }, LevelUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := centralBase()
			tt.mutate(&c)
			if got := Evaluate(c, DefaultSettings()).Level; got != tt.want {
				t.Errorf("level = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLevelIgnoresOtherFindings: ARCHITECTURE.md, the level depends on the
// scores alone.
func TestLevelIgnoresOtherFindings(t *testing.T) {
	c := baseCandidacy()
	c.Pieces.Organigram = false
	c.DepositDate = md("2026-06-01")
	v := Evaluate(c, DefaultSettings())
	if v.Complete || v.Level != LevelOr {
		t.Errorf("complete = %v level = %q, want false / or", v.Complete, v.Level)
	}
	c = baseCandidacy()
	c.UsersSurvey.Tally = uniformTally(DefaultSettings().Questionnaires.Users, 49, 4)
	if v := Evaluate(c, DefaultSettings()); v.Level != LevelUnknown {
		t.Errorf("invalid survey: level = %q, want null", v.Level)
	}
	c = baseCandidacy()
	c.AuditGrid.Grid = gridAll(0)
	if v := Evaluate(c, DefaultSettings()); v.Level != LevelNone {
		t.Errorf("scores below bronze: level = %q, want none", v.Level)
	}
}

// TestFindingOrder: blocking first, then warnings, each in RULES.md order.
func TestFindingOrder(t *testing.T) {
	c := baseCandidacy()
	c.AgentsSurvey.Solicited = 79              // warning
	c.Pieces.ActionPlan = false                // blocking
	c.Pieces.Identification = false            // blocking, earlier in the table
	c.UsersSurveyLaunchDate = md("2026-05-01") // warning
	c.AuditGrid.Grid.Points[0].Quarters = 2    // blocking, later in the table
	v := Evaluate(c, DefaultSettings())
	want := []RuleID{MissingIdentification, MissingActionPlan, AuditGridInvalid, AgentsSolicitedBelowHeadcount, SurveyLaunch2Months}
	if got := ruleIDs(v); !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	if !slices.Equal(v.RuleIDs(), want) {
		t.Errorf("RuleIDs = %v", v.RuleIDs())
	}
	c = baseCandidacy()
	c.AgentsSurvey.Solicited = 79
	if v := Evaluate(c, DefaultSettings()); !v.Complete {
		t.Error("a warning alone must leave the candidacy complete")
	}
}

// TestMessagesCiteValues: messages are French, name what is wrong and what
// to do, with dates as dd/mm/yyyy and scores with a decimal comma.
func TestMessagesCiteValues(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(c *Candidacy)
		rule   RuleID
		want   []string
	}{
		{"deposit", func(c *Candidacy) { c.DepositDate = md("2026-05-16") }, DepositOneMonth,
			[]string{"16/05/2026", "15/06/2026", "15/05/2026", "Convenez"}},
		{"below bronze", usersAt70(true), SurveysBelowBronze,
			[]string{"69,95/100", "70/100", "Bronze"}},
		{"below bronze with close date", func(c *Candidacy) {
			usersAt70(true)(c)
			c.UsersSurveyCloseDate = md("2026-01-31")
		}, SurveysBelowBronze, []string{"à partir du 31/07/2026"}},
		{"invalid users", func(c *Candidacy) { c.UsersSurvey.Solicited = 2000 }, UsersSurveyInvalid,
			[]string{"3,00 %", "5 %", "Prolongez"}},
		{"file", func(c *Candidacy) { c.UsersSurvey.Unreadable = "users.csv line 4: bad" }, FileUnreadable,
			[]string{"users.csv line 4: bad", "Corrigez"}},
		{"training plan years (D7)", func(c *Candidacy) { c.Pieces.TrainingPlanPrevious = false }, MissingTrainingPlanPrevious,
			[]string{"2025", "Joignez"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCandidacy()
			tt.mutate(&c)
			v := Evaluate(c, DefaultSettings())
			for _, f := range v.Findings {
				if f.Rule != tt.rule {
					continue
				}
				for _, w := range tt.want {
					if !strings.Contains(f.Message, w) {
						t.Errorf("message %q lacks %q", f.Message, w)
					}
				}
				return
			}
			t.Errorf("%s did not fire: %v", tt.rule, ruleIDs(v))
		})
	}
}
