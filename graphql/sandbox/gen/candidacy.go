package gen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// candidacy fills the form of one dossier from its scenario, identity and
// timeline. Every date is placed relative to the audit so that the rules
// of RULES.md hold exactly when the scenario says they should.
type candidacy struct {
	rng   *rand.Rand
	pools *pools
	clock clock
	sc    scenario
	id    identity
	tl    timeline
	body  string // certification body (groupe instructeur label)
	descs map[string]Descriptor
	v     *values
}

// fill returns the form's values.
func (c *candidacy) fill() (*values, error) {
	c.v = newValues()
	c.fillIdentity()
	c.fillAudit()
	c.fillHistory()
	var err error
	if c.sc.kind == kindCentral {
		err = c.fillCentral()
	} else {
		err = c.fillLocal()
	}
	if err != nil {
		return nil, err
	}
	if c.sc.kind == kindMissing {
		c.applyMissing(missingSets()[c.sc.sub%len(missingSets())])
	}
	return c.v, nil
}

func (c *candidacy) fillLocal() error {
	if err := c.fillPieces(KeyIdentification, KeyOrganigram, KeyTrainingPlanCurrent,
		KeyTrainingPlanPrevious, KeySelfDiagnosticReport, KeySampleMethod, KeyActionPlan,
		KeyIndicatorsList); err != nil {
		return err
	}
	c.fillLocalDates()
	if err := c.fillSurveys(); err != nil {
		return err
	}
	return c.fillGrid()
}

func (c *candidacy) fillIdentity() {
	v := c.v
	v.text[KeyService] = OptionServiceLocal
	if c.sc.kind == kindCentral {
		v.text[KeyService] = OptionServiceCentral
	}
	v.text[KeyAudit] = auditOption(c.sc.kind)
	v.text[KeyServiceName] = c.id.name
	v.dep = &c.id.dep
	if c.rng.IntN(3) == 0 { // optional: a third of the candidates fill it
		v.address = &c.id.address
	}
	v.text[KeyCertificationBody] = c.body
	v.bools[KeyAlreadyLabelled] = c.sc.kind == kindFollowup || c.sc.kind == kindRenewal
}

func auditOption(k kind) string {
	switch k {
	case kindFollowup:
		return OptionAuditFollowup
	case kindRenewal:
		return OptionAuditRenewal
	default:
		return OptionAuditInitial
	}
}

// fillAudit sets the audit dates and, once the audit plan is due (10
// working days before), the time the auditor filed it.
func (c *candidacy) fillAudit() {
	c.v.dates[KeyAuditDate] = c.tl.audit
	if c.tl.multiDay {
		c.v.dates[KeyAuditEndDate] = c.tl.auditEnd
	}
	filed := c.clock.at(c.rng, days(c.tl.audit, -(14+c.rng.IntN(8))), 9, 18)
	if filed.Before(c.clock.now) && c.rng.IntN(5) > 0 {
		c.v.datetimes[KeyAuditPlanFiledAt] = filed
	}
}

// fillHistory sets the label history: the initial decision of a follow-up
// (inside its window, or not) or a renewal, a suspension or an old
// withdrawal now and then, and a past refusal.
func (c *candidacy) fillHistory() {
	a := c.tl.audit
	jitter := c.rng.IntN(71) - 35
	switch {
	case c.sc.kind == kindFollowup && c.sc.sub == 0:
		c.v.dates[KeyInitialDecisionDate] = days(a.AddDate(0, -18, 0), jitter)
	case c.sc.kind == kindFollowup:
		c.v.dates[KeyInitialDecisionDate] = days(a.AddDate(0, -23, 0), jitter/4)
	case c.sc.kind == kindRenewal:
		c.v.dates[KeyInitialDecisionDate] = days(a.AddDate(-3, 0, 0), 20+c.rng.IntN(60))
	}
	deposit := dateOf(c.tl.deposit)
	switch {
	case c.sc.kind == kindFollowup && c.sc.sub == 0 && c.rng.IntN(8) == 0:
		c.v.dates[KeySuspensionStartDate] = days(a, -(30 + c.rng.IntN(170)))
	case c.sc.kind == kindGood && c.rng.IntN(40) == 0:
		c.v.dates[KeyWithdrawalDate] = days(deposit, -(200 + c.rng.IntN(400)))
	}
	switch {
	case c.sc.kind == kindLate && c.sc.sub == lateReapply:
		c.v.dates[KeyLastRefusalDate] = days(deposit, -(40 + c.rng.IntN(110)))
	case c.sc.kind != kindFollowup && c.sc.kind != kindRenewal && c.rng.IntN(12) == 0:
		c.v.dates[KeyLastRefusalDate] = days(deposit, -(200 + c.rng.IntN(300)))
	}
}

// fillPieces attaches the shared PDF of each piece.
func (c *candidacy) fillPieces(keys ...string) error {
	for _, key := range keys {
		d := c.descs[key]
		a, err := c.pools.piece(d.StableID, d.Label)
		if err != nil {
			return err
		}
		c.v.addFile(key, a.ref.file(c.pieceName(key), c.uploadAt(), "safe"))
	}
	return nil
}

// pieceName names a piece the way candidates do (short names: they are
// repeated in every dossier of the file).
func (c *candidacy) pieceName(key string) string {
	year := strconv.Itoa(c.tl.audit.Year())
	switch key {
	case KeyIdentification:
		return "fiche-identification.pdf"
	case KeyOrganigram:
		return "organigramme-" + year + ".pdf"
	case KeyTrainingPlanCurrent:
		return "plan-formation-" + year + ".pdf"
	case KeyTrainingPlanPrevious:
		return "plan-formation-" + strconv.Itoa(c.tl.audit.Year()-1) + ".pdf"
	case KeySelfDiagnosticReport:
		return "autodiagnostic.pdf"
	case KeySampleMethod:
		return "echantillonnage.pdf"
	case KeyActionPlan:
		return "plan-actions-" + year + ".pdf"
	case KeyIndicatorsList:
		return "indicateurs.pdf"
	case KeyUsersSurveyReport:
		return "rapport-enquete-usagers.pdf"
	default:
		return "rapport-enquete-agents.pdf"
	}
}

// uploadAt is when a piece was attached: in the weeks before the deposit.
func (c *candidacy) uploadAt() time.Time {
	return c.tl.deposit.Add(-time.Duration(c.rng.IntN(10*24*3600)) * time.Second)
}

// fillLocalDates sets the self-diagnostic and indicators dates, on time or
// late as the scenario says.
func (c *candidacy) fillLocalDates() {
	a, deposit := c.tl.audit, dateOf(c.tl.deposit)
	self := days(deposit, -(3 + c.rng.IntN(max(1, 320-c.tl.lead))))
	if c.late(lateSelfDiagnosis) {
		self = days(a, -(380 + c.rng.IntN(160)))
	}
	c.v.dates[KeySelfDiagnosticDate] = self
	since := days(a, -(200 + c.rng.IntN(800)))
	if c.late(lateIndicators) {
		since = days(a, -(40 + c.rng.IntN(130)))
	}
	c.v.dates[KeyIndicatorsSince] = since
}

func (c *candidacy) late(sub int) bool { return c.sc.kind == kindLate && c.sc.sub == sub }

// applyMissing empties the champs of keys (and what makes no sense without
// them).
func (c *candidacy) applyMissing(keys []string) {
	for _, k := range keys {
		c.v.clear(k)
		if k == KeyAuditDate {
			c.v.clear(KeyAuditEndDate)
			c.v.clear(KeyAuditPlanFiledAt)
		}
	}
}
