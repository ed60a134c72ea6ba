package gen

import (
	"math/rand/v2"
	"time"
)

// Traitement events (API-NOTES §5).
const (
	evDepose          = "depose"
	evInstruction     = "passe_en_instruction"
	evBackToBuilding  = "repasse_en_construction"
	evAccepte         = "accepte"
	evRefuse          = "refuse"
	evClasseSansSuite = "classe_sans_suite"
)

// event is one state change of a dossier.
type event struct {
	at         time.Time
	kind       string
	by         string // instructeur e-mail; "" for the candidate
	motivation string
}

// timeline is the life of a dossier up to "now": when it was filed, when the
// audit is, what happened since. Dates (audit) are midnight in Paris.
type timeline struct {
	created, deposit time.Time
	audit, auditEnd  time.Time
	multiDay         bool
	lead             int // days from deposit to audit
	events           []event
	// gridAt is when the candidate attached the audit grid (zero: not yet).
	gridAt time.Time
}

// state returns the dossier's state: that of its last event.
func (t timeline) state() string {
	switch last := t.events[len(t.events)-1].kind; last {
	case evDepose, evBackToBuilding:
		return "en_construction"
	case evInstruction:
		return "en_instruction"
	case evClasseSansSuite:
		return "sans_suite"
	default:
		return last
	}
}

// last returns the time of the last event of kind k, or zero.
func (t timeline) last(k string) time.Time {
	for i := len(t.events) - 1; i >= 0; i-- {
		if t.events[i].kind == k {
			return t.events[i].at
		}
	}
	return time.Time{}
}

// audited reports whether the audit is over.
func (t timeline) audited(today time.Time) bool { return t.auditEnd.Before(today) }

// clock gives a timeline its "now" and time zone.
type clock struct {
	now, today time.Time // today is midnight of now's day, in Paris
}

// at returns day at a working hour drawn from rng.
func (c clock) at(rng *rand.Rand, day time.Time, fromHour, toHour int) time.Time {
	return day.Add(time.Duration(fromHour)*time.Hour + time.Duration(rng.IntN((toHour-fromHour)*3600))*time.Second)
}

// days returns day moved by n calendar days, at midnight (DST-safe).
func days(day time.Time, n int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+n, 0, 0, 0, 0, day.Location())
}

// weekday moves day forward to a Monday–Friday.
func weekday(day time.Time) time.Time {
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = days(day, 1)
	}
	return day
}

// dateOf returns the midnight of t's day.
func dateOf(t time.Time) time.Time { return days(t, 0) }

// newTimeline draws the deposit and audit dates for sc and the events up to
// now; by is the instructeur who handles the dossier.
func (c clock) newTimeline(rng *rand.Rand, sc scenario, by string) timeline {
	t := timeline{lead: 35 + rng.IntN(56)}
	if sc.kind == kindLate && sc.sub == lateDeposit {
		t.lead = 8 + rng.IntN(18) // with a weekend shift, still under 28 days
	}
	depositDay := days(c.today, -c.depositAgo(rng, t.lead, sc))
	t.deposit = c.at(rng, depositDay, 8, 19)
	t.created = c.at(rng, days(depositDay, -(1+rng.IntN(30))), 8, 19) // the brouillon
	t.audit = weekday(days(depositDay, t.lead))
	t.auditEnd = t.audit
	if rng.IntN(5) < 2 {
		t.multiDay = true
		t.auditEnd = weekday(days(t.audit, 1+rng.IntN(2)))
	}
	t.events = []event{{at: t.deposit, kind: evDepose}}
	if t.audited(c.today) {
		c.afterAudit(rng, &t, sc, by)
	} else if rng.IntN(4) == 0 {
		c.add(&t, event{at: c.at(rng, days(depositDay, 2+rng.IntN(t.lead/2)), 9, 18), kind: evInstruction, by: by})
	}
	return t
}

// depositAgo draws how many days ago the dossier was filed so that the
// audit is over, or ahead, as sc requires.
func (c clock) depositAgo(rng *rand.Rand, lead int, sc scenario) int {
	switch {
	case sc.audit == auditDone && sc.decision != "":
		return lead + 45 + rng.IntN(100) // room for grid, instruction and decision
	case sc.audit == auditDone:
		return lead + 20 + rng.IntN(130)
	case sc.audit == auditAhead:
		return 1 + rng.IntN(lead-3)
	default:
		return 1 + rng.IntN(200)
	}
}

// afterAudit adds what follows an audit: instruction before it, a return
// "en construction" so that the candidate attaches the grid, instruction
// again, and maybe a decision. Events that would be after now do not happen.
func (c clock) afterAudit(rng *rand.Rand, t *timeline, sc scenario, by string) {
	inst := c.at(rng, days(dateOf(t.deposit), 2+rng.IntN(min(9, t.lead-2))), 9, 18)
	back := c.at(rng, days(t.auditEnd, 1+rng.IntN(3)), 9, 18)
	grid := c.at(rng, days(dateOf(back), 1+rng.IntN(4)), 8, 20)
	again := c.at(rng, days(dateOf(grid), 1+rng.IntN(3)), 9, 18)
	if !c.add(t, event{at: inst, kind: evInstruction, by: by}) ||
		!c.add(t, event{at: back, kind: evBackToBuilding, by: by}) ||
		grid.After(c.now) {
		return
	}
	t.gridAt = grid
	if !c.add(t, event{at: again, kind: evInstruction, by: by}) {
		return
	}
	if d := decide(rng, sc); d != "" {
		c.add(t, event{at: c.at(rng, days(dateOf(again), 7+rng.IntN(19)), 9, 18), kind: d, by: by})
	}
}

// add appends e if it happened before now.
func (c clock) add(t *timeline, e event) bool {
	if !e.at.Before(c.now) {
		return false
	}
	t.events = append(t.events, e)
	return true
}

// decide returns the decision an audited dossier of scenario sc gets, or "".
func decide(rng *rand.Rand, sc scenario) string {
	if sc.decision != "" {
		return sc.decision
	}
	u := rng.IntN(10)
	switch sc.kind {
	case kindGood, kindFollowup, kindRenewal:
		if u < 4 {
			return evAccepte
		}
	case kindBelow:
		if u < 6 {
			return evRefuse
		}
	case kindCentral:
		if sc.sub == centralGood && u < 4 {
			return evAccepte
		}
	case kindMissing:
		if u < 2 {
			return evClasseSansSuite
		}
	}
	return ""
}
