package gen

import "math/rand/v2"

// kind is the quality case a dossier illustrates.
type kind uint8

const (
	kindGood     kind = iota // complete, valid surveys, dates on time
	kindMissing              // a piece (or its date) is missing
	kindLate                 // a date rule fails
	kindInvalid              // a survey is invalid (too few, low rate)
	kindMismatch             // a score typed in the form differs from the file's
	kindBelow                // surveys below bronze
	kindBadFile              // an attached file cannot be read
	kindNotSafe              // an attached file is not scanned yet
	kindFollowup             // follow-up audit of a labelled service
	kindRenewal              // renewal audit
	kindCentral              // a central service with its locals
)

// Sub-cases of kindMissing: which inputs are left empty.
func missingSets() [][]string {
	return [][]string{
		{KeyOrganigram},
		{KeyCertificationBody, KeyTrainingPlanPrevious},
		{KeySelfDiagnosticDate},
		{KeyIdentification},
		{KeyTrainingPlanCurrent},
		{KeySampleMethod},
		{KeyUsersSurveyReport},
		{KeyAgentsSurveyReport, KeyAgentsSurveyDate},
		{KeyActionPlan},
		{KeyIndicatorsList},
		{KeyIndicatorsSince},
		{KeySelfDiagnosticReport},
		{KeyAuditDate},
	}
}

// Sub-cases of kindLate.
const (
	lateDeposit       = iota // deposit less than a month before the audit
	lateSelfDiagnosis        // self-diagnostic more than 12 months before
	lateSurveys              // both surveys more than 6 months before
	lateIndicators           // indicators published for less than 6 months
	lateReapply              // filed less than 6 months after a refusal
	lateUsersSurvey          // only the users' survey is too old
	lateLaunch               // surveys launched less than 2 months before (warning)
	lateCount
)

// Sub-cases of kindInvalid.
const (
	invalidUsersFew = iota // fewer than 50 admissible users
	invalidUsersRate
	invalidAgentsRate
	invalidAgentsFew // 50–300 agents concerned but fewer than 30 admissible
	invalidCount
)

// Sub-cases of kindBadFile.
const (
	badTitleLine  = iota // users' CSV with an export title above the header
	badOutOfScale        // agents' CSV with a "5"
	badGridHalf          // audit grid with a 0.5
	badCount
)

// Sub-cases of kindCentral.
const (
	centralGood = iota
	centralSampleTooSmall
	centralGridBelow75
	centralTie
	centralCount
)

// Timing constraints on the audit.
const (
	auditAny = iota
	auditDone
	auditAhead
)

// scenario is what one dossier shows.
type scenario struct {
	kind  kind
	level level // what the surveys and the grid aim at
	sub   int   // sub-case of the kind
	audit int   // auditAny, auditDone, auditAhead
	// decision forces the final event (evAccepte, evRefuse, evClasseSansSuite).
	decision string
}

// showcase lists one dossier per interesting case; when N allows, every
// generated démarche contains them all (the demo file shows each case).
func showcase() []scenario {
	return []scenario{
		{kind: kindGood, level: levelOr, audit: auditDone},
		{kind: kindGood, level: levelArgent, audit: auditDone, decision: evAccepte},
		{kind: kindGood, level: levelBronze, audit: auditDone},
		{kind: kindGood, level: levelArgent, audit: auditAhead},
		{kind: kindMissing, level: levelArgent, sub: 0, audit: auditAhead},
		{kind: kindMissing, level: levelBronze, sub: 1, audit: auditAhead},
		{kind: kindMissing, level: levelOr, sub: 2, audit: auditAhead},
		{kind: kindLate, level: levelArgent, sub: lateDeposit, audit: auditAhead},
		{kind: kindLate, level: levelBronze, sub: lateSelfDiagnosis},
		{kind: kindLate, level: levelArgent, sub: lateSurveys},
		{kind: kindLate, level: levelOr, sub: lateIndicators},
		{kind: kindLate, level: levelBronze, sub: lateReapply, audit: auditAhead},
		{kind: kindInvalid, level: levelArgent, sub: invalidUsersFew},
		{kind: kindInvalid, level: levelBronze, sub: invalidAgentsRate},
		{kind: kindMismatch, level: levelArgent, audit: auditDone},
		{kind: kindBelow, level: levelBelow, audit: auditDone, decision: evRefuse},
		{kind: kindBadFile, level: levelArgent, sub: badTitleLine},
		{kind: kindBadFile, level: levelBronze, sub: badGridHalf, audit: auditDone},
		{kind: kindNotSafe, level: levelArgent},
		{kind: kindFollowup, level: levelArgent, sub: 0, audit: auditDone},
		{kind: kindRenewal, level: levelOr, audit: auditAhead},
		{kind: kindCentral, sub: centralGood, audit: auditDone},
		{kind: kindCentral, sub: centralSampleTooSmall, audit: auditAhead},
	}
}

// planScenarios returns n scenarios: the showcase first (as much as fits),
// then draws from the quality mix, shuffled so that numbers do not follow cases.
func planScenarios(rng *rand.Rand, n int) []scenario {
	out := showcase()
	if n < len(out) {
		out = out[:n]
	}
	for len(out) < n {
		out = append(out, drawScenario(rng))
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// drawScenario draws one case from the quality mix (percent weights).
func drawScenario(rng *rand.Rand) scenario {
	lv := randomLevel(rng)
	u := rng.IntN(100)
	switch {
	case u < 30:
		return scenario{kind: kindGood, level: level(1 + u%3)}
	case u < 50:
		return scenario{kind: kindMissing, level: lv, sub: rng.IntN(len(missingSets()))}
	case u < 65:
		return scenario{kind: kindLate, level: lv, sub: rng.IntN(lateCount)}
	case u < 75:
		return scenario{kind: kindInvalid, level: lv, sub: rng.IntN(invalidCount)}
	case u < 80:
		return scenario{kind: kindMismatch, level: lv}
	case u < 85:
		return scenario{kind: kindBelow, level: levelBelow}
	case u < 89:
		sc := scenario{kind: kindBadFile, level: lv, sub: rng.IntN(badCount)}
		if sc.sub == badGridHalf {
			sc.audit = auditDone // the grid exists only after the audit
		}
		return sc
	case u < 92:
		return scenario{kind: kindNotSafe, level: lv, sub: rng.IntN(2)}
	case u < 96:
		return scenario{kind: kindFollowup, level: lv, sub: rng.IntN(4) / 3}
	case u < 98:
		return scenario{kind: kindRenewal, level: lv}
	default:
		return scenario{kind: kindCentral, sub: rng.IntN(centralCount)}
	}
}

// randomLevel favours argent, as real candidacies do.
func randomLevel(rng *rand.Rand) level {
	return [...]level{levelBronze, levelArgent, levelArgent, levelOr}[rng.IntN(4)]
}
