package gen

import (
	"math"

	"github.com/spplus/spplus/rules"
)

// surveyKeys names the champs of one survey.
type surveyKeys struct {
	kind                                  rules.SurveyKind
	report, date, launch, close, declared string
	file                                  string // the data file's name, without extension
}

func usersKeys() surveyKeys {
	return surveyKeys{rules.UsersSurvey, KeyUsersSurveyReport, KeyUsersSurveyDate, KeyUsersSurveyLaunchDate,
		KeyUsersSurveyCloseDate, KeyUsersDeclaredScore, "reponses-usagers"}
}

func agentsKeys() surveyKeys {
	return surveyKeys{rules.AgentsSurvey, KeyAgentsSurveyReport, KeyAgentsSurveyDate, KeyAgentsSurveyLaunchDate,
		KeyAgentsSurveyCloseDate, KeyAgentsDeclaredScore, "reponses-agents"}
}

// fillSurveys attaches both surveys with their dates, counts and declared
// scores.
func (c *candidacy) fillSurveys() error {
	ub, ab := c.surveyBands()
	users, err := c.pools.survey(rules.UsersSurvey, ub, c.rng.IntN(poolVariants), c.flaw(rules.UsersSurvey))
	if err != nil {
		return err
	}
	agents, err := c.pools.survey(rules.AgentsSurvey, ab, c.rng.IntN(poolVariants), c.flaw(rules.AgentsSurvey))
	if err != nil {
		return err
	}
	if err := c.attachSurvey(usersKeys(), users); err != nil {
		return err
	}
	if err := c.attachSurvey(agentsKeys(), agents); err != nil {
		return err
	}
	c.v.ints[KeyUsersSolicited] = usersSolicited(c.rng, users.stats.Admissible, !c.invalid(invalidUsersRate))
	h, s := agentsPopulation(c.rng, agents.stats.Admissible,
		!c.invalid(invalidAgentsRate) && !c.invalid(invalidAgentsFew), c.invalid(invalidAgentsFew))
	c.v.ints[KeyAgentsHeadcount], c.v.ints[KeyAgentsSolicited] = h, s
	c.declareScores(users.stats, agents.stats)
	c.surveyDates(usersKeys(), c.late(lateSurveys) || c.late(lateUsersSurvey))
	c.surveyDates(agentsKeys(), c.late(lateSurveys))
	return nil
}

func (c *candidacy) invalid(sub int) bool { return c.sc.kind == kindInvalid && c.sc.sub == sub }

// surveyBands returns the bands of the users' and agents' surveys.
func (c *candidacy) surveyBands() (users, agents int) {
	users, agents = int(c.sc.level), int(c.sc.level)
	switch {
	case c.sc.kind == kindBelow:
		v := c.rng.IntN(3) // users below, agents below, or both
		users, agents = int(levelBelow), int(levelBelow)
		if v == 1 {
			users = int(levelBronze)
		} else if v == 0 {
			agents = int(levelBronze)
		}
	case c.invalid(invalidUsersFew):
		users = bandFew
	case c.invalid(invalidAgentsFew):
		agents = bandFew
	}
	return users, agents
}

// flaw returns the defect a bad-file scenario puts in the survey of kind.
func (c *candidacy) flaw(kind rules.SurveyKind) defect {
	switch {
	case c.sc.kind != kindBadFile:
		return defectNone
	case c.sc.sub == badTitleLine && kind == rules.UsersSurvey:
		return defectTitleLine
	case c.sc.sub == badOutOfScale && kind == rules.AgentsSurvey:
		return defectOutOfScale
	}
	return defectNone
}

// attachSurvey attaches the data file, after the PDF report when the
// candidate sent one too (half do); a not-safe scenario leaves the data
// file's virus scan pending.
func (c *candidacy) attachSurvey(k surveyKeys, a asset) error {
	if c.rng.IntN(2) == 0 {
		d := c.descs[k.report]
		report, err := c.pools.piece(d.StableID, d.Label)
		if err != nil {
			return err
		}
		c.v.addFile(k.report, report.ref.file(c.pieceName(k.report), c.uploadAt(), "safe"))
	}
	scan := "safe"
	if c.sc.kind == kindNotSafe && (c.sc.sub == 1) == (k.kind == rules.AgentsSurvey) {
		scan = "pending"
	}
	c.v.addFile(k.report, a.ref.file(k.file+"."+a.ext, c.uploadAt(), scan))
	return nil
}

// declareScores types the surveys' scores in the form (most candidates do),
// rounded to 2 decimals; a mismatch scenario types a wrong one.
func (c *candidacy) declareScores(users, agents surveyStats) {
	wrong := -1
	if c.sc.kind == kindMismatch {
		wrong = c.rng.IntN(3) / 2 // users twice as often as agents
	}
	for i, st := range []surveyStats{users, agents} {
		key := []string{KeyUsersDeclaredScore, KeyAgentsDeclaredScore}[i]
		if !st.HasScore || (wrong < 0 && c.rng.IntN(7) == 0) {
			continue
		}
		score := round2(st.Score)
		if i == wrong {
			delta := round2(1.5 + 4.5*c.rng.Float64())
			if score+delta > 100 {
				delta = -delta
			}
			score = round2(score + delta)
		}
		c.v.decimals[key] = score
	}
}

// round2 rounds half away from zero to 2 decimals, as the rules display.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// surveyDates sets a survey's result, launch and close dates: within the 6
// months before the audit and before the deposit, or older when late.
func (c *candidacy) surveyDates(k surveyKeys, late bool) {
	a, deposit := c.tl.audit, dateOf(c.tl.deposit)
	date := days(deposit, -(3 + c.rng.IntN(max(1, 167-c.tl.lead))))
	if late {
		date = days(a, -(200 + c.rng.IntN(120)))
	}
	closed := days(date, -c.rng.IntN(5))
	launch := days(closed, -(28 + c.rng.IntN(33)))
	if c.late(lateLaunch) {
		launch = days(a, -(25 + c.rng.IntN(25)))
		closed = days(launch, 14+c.rng.IntN(7))
		date = days(closed, c.rng.IntN(4))
	}
	c.v.dates[k.date] = date
	if c.rng.IntN(10) < 7 || c.late(lateLaunch) {
		c.v.dates[k.launch], c.v.dates[k.close] = launch, closed
	}
}

// fillGrid attaches the audit grid once the candidate has received it.
func (c *candidacy) fillGrid() error {
	if c.tl.gridAt.IsZero() {
		return nil
	}
	lv := c.sc.level
	if c.sc.kind == kindBelow && c.rng.IntN(2) == 0 {
		lv = levelBronze
	}
	half := c.sc.kind == kindBadFile && c.sc.sub == badGridHalf
	a, err := c.pools.localGrid(lv, c.rng.IntN(poolVariants), half)
	if err != nil {
		return err
	}
	c.v.addFile(KeyAuditGrid, a.ref.file("grille-audit."+a.ext, c.tl.gridAt, "safe"))
	c.v.updated[KeyAuditGrid] = c.tl.gridAt
	c.fillReportReceived()
	return nil
}

// fillReportReceived sets, for most audited dossiers, the day the audit
// report arrived: between the end of the audit and the grid's upload.
func (c *candidacy) fillReportReceived() {
	if c.rng.IntN(10) >= 7 {
		return
	}
	received := latest(days(c.tl.auditEnd, 1), days(dateOf(c.tl.gridAt), -c.rng.IntN(3)))
	c.v.dates[KeyReportReceivedDate] = received
	c.v.updated[KeyReportReceivedDate] = c.tl.gridAt
}
