package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/spplus/spplus/rules"
)

// facts are the rule outcomes of one generated candidacy, computed here
// from the form and the attached files with the guide's arithmetic.
type facts struct {
	deposit, selfDiagnosis, usersDate, agentsDate, indicators, reapply, launch bool
	usersValid, agentsValid                                                    bool
	usersScore, agentsScore                                                    float64
	usersDeclaredOK, agentsDeclaredOK                                          bool
	pending                                                                    bool
}

// addMonths applies RULES.md D4: same day number, clamped to the month's end.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, t.Location())
}

func within(x, from, to time.Time) bool { return !x.Before(from) && !x.After(to) }

func factsOf(t *testing.T, g *generator, p parts) facts {
	t.Helper()
	v, a := p.v, p.tl.audit
	deposit := dateOf(p.tl.deposit)
	f := facts{
		deposit:       !deposit.After(addMonths(a, -1)),
		selfDiagnosis: within(v.dates[KeySelfDiagnosticDate], addMonths(a, -12), a),
		usersDate:     within(v.dates[KeyUsersSurveyDate], addMonths(a, -6), a),
		agentsDate:    within(v.dates[KeyAgentsSurveyDate], addMonths(a, -6), a),
		indicators:    !v.dates[KeyIndicatorsSince].After(addMonths(a, -6)),
		reapply:       true,
		launch:        true,
	}
	if r, ok := v.dates[KeyLastRefusalDate]; ok {
		f.reapply = !deposit.Before(addMonths(r, 6))
	}
	for _, k := range []string{KeyUsersSurveyLaunchDate, KeyAgentsSurveyLaunchDate} {
		if l, ok := v.dates[k]; ok && l.After(addMonths(a, -2)) {
			f.launch = false
		}
	}
	var usersAdm, agentsAdm int
	usersAdm, f.usersScore = surveyOf(g, v, KeyUsersSurveyReport, g.pools.q.Users)
	agentsAdm, f.agentsScore = surveyOf(g, v, KeyAgentsSurveyReport, g.pools.q.Agents)
	f.pending = pendingFile(v)
	f.usersValid = usersValid(usersAdm, v.ints[KeyUsersSolicited])
	f.agentsValid = agentsValid(agentsAdm, v.ints[KeyAgentsSolicited], v.ints[KeyAgentsHeadcount])
	f.usersDeclaredOK = declaredOK(v, KeyUsersDeclaredScore, f.usersScore)
	f.agentsDeclaredOK = declaredOK(v, KeyAgentsDeclaredScore, f.agentsScore)
	return f
}

// surveyOf reads the survey data file attached to key back from the
// blobs: admissible count and score (zeros when missing or unreadable).
func surveyOf(g *generator, v *values, key string, layout rules.SurveyLayout) (int, float64) {
	for _, f := range v.files[key] {
		if f.ContentType == contentPDF {
			continue
		}
		data := g.blobs.blobs[f.URL[len("sandbox-blob:"):]].Content
		adm, counts, err := readSurvey(data, layout, g.pools.q)
		if err != nil {
			return 0, 0
		}
		s, _ := score(layout, counts)
		return adm, s
	}
	return 0, 0
}

func pendingFile(v *values) bool {
	for _, fs := range v.files {
		for _, f := range fs {
			if f.VirusScanResult != "safe" {
				return true
			}
		}
	}
	return false
}

func declaredOK(v *values, key string, computed float64) bool {
	d, ok := v.decimals[key]
	return !ok || math.Abs(d-computed) <= 0.01
}

func testGenerator(t *testing.T, seed int64) *generator {
	t.Helper()
	opts, err := Options{N: 1, Seed: seed}.normalized()
	if err != nil {
		t.Fatal(err)
	}
	g, err := newGenerator(opts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestScenarioFacts generates many dossiers of each case and checks that
// exactly the rules the case is about fail (RULES.md, guide §3.4–§3.5).
func TestScenarioFacts(t *testing.T) {
	g := testGenerator(t, 99)
	for i, sc := range scenarioTable() {
		for n := 1; n <= 25; n++ {
			p, err := g.plan(1000*i+n, sc)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("kind %d sub %d level %s #%d", sc.kind, sc.sub, sc.level.name(), n)
			checkFacts(t, name, sc, p, factsOf(t, g, p))
		}
	}
}

// scenarioTable lists every local case and sub-case.
func scenarioTable() []scenario {
	var out []scenario
	for l := levelBronze; l <= levelOr; l++ {
		out = append(out, scenario{kind: kindGood, level: l}, scenario{kind: kindMismatch, level: l},
			scenario{kind: kindRenewal, level: l}, scenario{kind: kindFollowup, level: l})
	}
	for sub := range lateCount {
		out = append(out, scenario{kind: kindLate, level: levelArgent, sub: sub})
	}
	for sub := range invalidCount {
		out = append(out, scenario{kind: kindInvalid, level: levelArgent, sub: sub})
	}
	for sub := range len(missingSets()) {
		out = append(out, scenario{kind: kindMissing, level: levelArgent, sub: sub})
	}
	for sub := range 2 {
		out = append(out, scenario{kind: kindNotSafe, level: levelBronze, sub: sub})
	}
	return append(out, scenario{kind: kindBelow, level: levelBelow})
}

func checkFacts(t *testing.T, name string, sc scenario, p parts, f facts) {
	t.Helper()
	want := facts{deposit: true, selfDiagnosis: true, usersDate: true, agentsDate: true, indicators: true,
		reapply: true, launch: true, usersValid: true, agentsValid: true, usersDeclaredOK: true, agentsDeclaredOK: true}
	switch sc.kind {
	case kindLate:
		switch sc.sub {
		case lateDeposit:
			want.deposit = false
		case lateSelfDiagnosis:
			want.selfDiagnosis = false
		case lateSurveys:
			want.usersDate, want.agentsDate = false, false
		case lateIndicators:
			want.indicators = false
		case lateReapply:
			want.reapply = false
		case lateUsersSurvey:
			want.usersDate = false
		case lateLaunch:
			want.launch = false
		}
	case kindInvalid:
		want.usersValid = sc.sub != invalidUsersFew && sc.sub != invalidUsersRate
		want.agentsValid = sc.sub != invalidAgentsRate && sc.sub != invalidAgentsFew
	case kindMismatch:
		want.usersDeclaredOK, want.agentsDeclaredOK = f.usersDeclaredOK, f.agentsDeclaredOK
		if f.usersDeclaredOK == f.agentsDeclaredOK {
			t.Errorf("%s: want exactly one mistyped score, users ok=%v agents ok=%v", name, f.usersDeclaredOK, f.agentsDeclaredOK)
		}
	case kindNotSafe:
		want.pending = true
	case kindMissing:
		checkMissing(t, name, sc, p.v)
		return // a missing piece may hide the other facts
	}
	if r, ok := p.v.dates[KeyReportReceivedDate]; ok && (!r.After(p.tl.auditEnd) || r.After(p.tl.gridAt)) {
		t.Errorf("%s: report received %s, audit ended %s, grid attached %s", name, r, p.tl.auditEnd, p.tl.gridAt)
	}
	got := f
	got.usersScore, got.agentsScore = 0, 0
	if got != want {
		t.Errorf("%s: facts\n got %+v\nwant %+v", name, got, want)
	}
	checkScores(t, name, sc, f)
}

// checkScores checks the survey scores match the level the case aims at.
func checkScores(t *testing.T, name string, sc scenario, f facts) {
	t.Helper()
	if sc.kind == kindBelow {
		if f.usersScore >= 70 && f.agentsScore >= 50 {
			t.Errorf("%s: users %.2f, agents %.2f: bronze is within reach", name, f.usersScore, f.agentsScore)
		}
		return
	}
	if sc.kind == kindInvalid {
		return
	}
	users := inBand(rules.UsersSurvey, int(sc.level), surveyStats{Score: f.usersScore, HasScore: true, Admissible: 50})
	agents := inBand(rules.AgentsSurvey, int(sc.level), surveyStats{Score: f.agentsScore, HasScore: true})
	if !users || !agents {
		t.Errorf("%s: users %.2f, agents %.2f outside level %s", name, f.usersScore, f.agentsScore, sc.level.name())
	}
}

func checkMissing(t *testing.T, name string, sc scenario, v *values) {
	t.Helper()
	for _, k := range missingSets()[sc.sub] {
		_, d := v.dates[k]
		_, s := v.text[k]
		if d || s || len(v.files[k]) > 0 {
			t.Errorf("%s: %s is filled", name, k)
		}
	}
}

// TestFollowupWindows checks follow-ups are inside (sub 0) or outside
// (sub 1) the window initial decision + 18 months ± 2 (§3.9.1), and that
// renewals happen before the label expires (decision + 3 years, §2.3).
func TestFollowupWindows(t *testing.T) {
	g := testGenerator(t, 5)
	for n := 1; n <= 40; n++ {
		for sub := range 2 {
			p, err := g.plan(n, scenario{kind: kindFollowup, level: levelArgent, sub: sub})
			if err != nil {
				t.Fatal(err)
			}
			initial, a := p.v.dates[KeyInitialDecisionDate], p.tl.audit
			in := within(a, addMonths(initial, 16), addMonths(initial, 20))
			if in != (sub == 0) || !p.v.bools[KeyAlreadyLabelled] || p.v.text[KeyAudit] != OptionAuditFollowup {
				t.Errorf("follow-up sub %d #%d: audit %s, initial %s, in window %v", sub, n, a.Format(time.DateOnly), initial.Format(time.DateOnly), in)
			}
		}
		p, err := g.plan(n, scenario{kind: kindRenewal, level: levelOr})
		if err != nil {
			t.Fatal(err)
		}
		if expires := addMonths(p.v.dates[KeyInitialDecisionDate], 36); !p.tl.audit.Before(expires) {
			t.Errorf("renewal #%d: audit %s after the label expired %s", n, p.tl.audit, expires)
		}
	}
}

// TestCentralCases checks the central sub-cases against §2.2.2 and D8/D9.
func TestCentralCases(t *testing.T) {
	g := testGenerator(t, 8)
	for sub := range centralCount {
		for n := 1; n <= 30; n++ {
			p, err := g.plan(100*sub+n, scenario{kind: kindCentral, sub: sub, audit: auditDone})
			if err != nil {
				t.Fatal(err)
			}
			checkCentral(t, fmt.Sprintf("central sub %d #%d", sub, n), g, sub, p)
		}
	}
}

func checkCentral(t *testing.T, name string, g *generator, sub int, p parts) {
	t.Helper()
	v := p.v
	k, labelled := len(v.locals), 0
	var count [4]int
	for _, r := range v.locals {
		if r.level != levelBelow {
			labelled++
			count[r.level]++
		}
		if r.auditedYear != p.tl.audit.Year() || !within(r.selfDiagnosis, addMonths(p.tl.audit, -12), p.tl.audit) {
			t.Errorf("%s: local %q audited %d, self-diagnosis %s", name, r.name, r.auditedYear, r.selfDiagnosis)
		}
	}
	if small := k < ceilSqrt(v.ints[KeyLocalServices]); small != (sub == centralSampleTooSmall) {
		t.Errorf("%s: %d locals for %d services", name, k, v.ints[KeyLocalServices])
	}
	if 4*labelled < 3*k {
		t.Errorf("%s: %d of %d labelled", name, labelled, k)
	}
	top := plurality(levelsOf(v.locals))
	tie := 0
	for _, c := range count {
		if c == count[top] {
			tie++
		}
	}
	if (tie > 1) != (sub == centralTie) {
		t.Errorf("%s: level counts %v", name, count)
	}
	files := v.files[KeyCentralGrid]
	if len(files) != 1 {
		t.Fatalf("%s: %d central grid files", name, len(files))
	}
	val, total, err := centralShare(g.blobs.blobs[files[0].URL[len("sandbox-blob:"):]].Content)
	if err != nil || (4*val >= 3*total) != (sub != centralGridBelow75) {
		t.Errorf("%s: central grid %d/%d (%v)", name, val, total, err)
	}
}

func levelsOf(rows []localRow) []level {
	out := make([]level, len(rows))
	for i, r := range rows {
		out[i] = r.level
	}
	return out
}

// TestAgentsPopulation checks the headcount bands of §3.4.2 are met or
// missed as asked, for small and large surveys.
func TestAgentsPopulation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, adm := range []int{5, 20, 29, 30, 49, 50, 120, 400} {
		for _, valid := range []bool{true, false} {
			h, s := agentsPopulation(rng, adm, valid, false)
			if agentsValid(adm, s, h) != valid || s > h {
				t.Errorf("admissible %d, valid %v: headcount %d, solicited %d", adm, valid, h, s)
			}
		}
		if h, s := agentsPopulation(rng, adm, false, true); adm < 30 && (h < 50 || h > 300 || agentsValid(adm, s, h)) {
			t.Errorf("few band, admissible %d: headcount %d, solicited %d", adm, h, s)
		}
	}
}

// TestBreakTie checks the plurality is made unique (D9 ties are only for
// the tie scenario).
func TestBreakTie(t *testing.T) {
	for _, ls := range [][]level{
		{levelBronze, levelArgent},
		{levelBronze, levelArgent, levelOr},
		{levelBronze, levelBronze, levelOr, levelOr, levelArgent},
		{levelOr},
	} {
		breakTie(ls)
		var count [4]int
		for _, l := range ls {
			count[l]++
		}
		top, n := plurality(ls), 0
		for _, c := range count {
			if c == count[top] {
				n++
			}
		}
		if n != 1 {
			t.Errorf("after breakTie %v: counts %v", ls, count)
		}
	}
}
