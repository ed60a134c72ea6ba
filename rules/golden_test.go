package rules

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares v's JSON (indented for review) with testdata/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, raw, "", "  "); err != nil {
		t.Fatalf("indent %s: %v", raw, err)
	}
	pretty.WriteByte('\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("%s differs from the golden file:\n%s", name, pretty.Bytes())
	}
}

// mixedUsersTally has an empty question (E6_1) and notes with decimals.
func mixedUsersTally(s Settings) *SurveyTally {
	t := uniformTally(s.Questionnaires.Users, 100, 4)
	t.Respondents = 112
	t.Counts[0] = AnswerCounts{One: 50, ThreeQuarters: 30, Quarter: 10, Zero: 5, NC: 5}
	t.Counts[1] = AnswerCounts{One: 33, ThreeQuarters: 33, Quarter: 33, NC: 1}
	t.Counts[10] = AnswerCounts{NC: 100}
	t.Counts[14] = AnswerCounts{One: 60, ThreeQuarters: 40}
	return t
}

func TestGoldenScores(t *testing.T) {
	s := DefaultSettings()
	golden(t, "score_users.golden", ScoreUsers(mixedUsersTally(s), 1500, s))
	golden(t, "score_users_invalid.golden", ScoreUsers(uniformTally(s.Questionnaires.Users, 0, 4), 0, s))
	agents := uniformTally(s.Questionnaires.Agents, 34, 3)
	agents.Respondents = 36
	agents.Counts[2] = AnswerCounts{One: 10, Zero: 24}
	golden(t, "score_agents.golden", ScoreAgents(agents, 80, 85, s))
	var per [8][]int8
	for i := range per {
		per[i] = []int8{4, 3, 3, 4}
	}
	per[2] = []int8{1, 3}
	golden(t, "score_audit.golden", ScoreAudit(*fullGrid(per, 3), s))
	central := CentralGrid{}
	for i := range 15 {
		central.Points = append(central.Points, CentralPoint{Point: "C", Validated: i%5 != 0})
	}
	golden(t, "score_central.golden", ScoreCentral(central, s))
}

func TestGoldenVerdicts(t *testing.T) {
	s := DefaultSettings()
	golden(t, "verdict_clean.golden", Evaluate(baseCandidacy(), s))

	c := followupBase()
	c.Departement = "57"
	c.UsersSurvey.Tally = mixedUsersTally(s)
	c.UsersSurvey.Solicited = 1500
	c.UsersSurvey.DeclaredScore = NewScore(9000, 100)
	c.AgentsSurvey.Solicited = 79
	c.Pieces.Organigram = false
	c.SelfDiagnosticDate = Date{}
	c.DepositDate = md("2026-05-20")
	c.ReportReceivedDate = md("2026-07-01")
	c.AuditGrid.Grid = nil
	golden(t, "verdict_followup.golden", Evaluate(c, s))

	c = baseCandidacy()
	c.UsersSurvey.NotSafe = "pending"
	c.AgentsSurvey.Unreadable = "agents.csv line 4, column Q3: expected 0, 0.25, 0.75 or 1, got \"2\""
	golden(t, "verdict_files.golden", Evaluate(c, s))

	c = centralBase()
	c.Central.Locals[0].Level = LevelBronze
	c.Central.Locals[1].SelfDiagnosticDate = Date{}
	c.InitialDecisionDate = md("2025-10-01")
	golden(t, "verdict_central.golden", Evaluate(c, s))
}

// TestVerdictNulls: absent scores and level are null, findings an empty array.
func TestVerdictNulls(t *testing.T) {
	b, err := json.Marshal(Verdict{Complete: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"complete":true,"findings":[],"users_survey":null,"agents_survey":null,"audit":null,"level":null,"deadlines":{},"central":null}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}
