package attestation

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/spplus/spplus/rules"
)

// ValidityMonths is how long the label is valid from the decision (§2.3:
// "valable pour une durée de trois ans à partir de sa date d'obtention").
const ValidityMonths = 36

// maxNameRunes bounds the names printed. No real service name comes near
// it; a longer one is hostile or broken input and is shortened with "…"
// rather than spread over pages of the attestation.
const maxNameRunes = 600

// maxReferenceRunes bounds a reference given by the caller: it is printed
// on one line in every page's header and footer.
const maxReferenceRunes = 40

// Attestation is what the label attestation states. It is built by the
// caller (see FromRecord, DecodeInput) and checked by Validate; Render
// checks it too.
type Attestation struct {
	// ServiceName is the labelled public service, as the candidate named it.
	ServiceName string
	// Sites are the sites covered by the label (§3.8.1: the attestation
	// must identify each of them); none means the service's single site.
	Sites []string
	// Level is the level awarded: bronze, argent or or.
	Level rules.Level
	// DecisionDate is the date of the certification body's decision; the
	// label is valid from it for ValidityMonths (§2.3).
	DecisionDate rules.Date
	// CertificationBody is the certification body that decided (on DS, the
	// label of the dossier's groupe instructeur).
	CertificationBody string
	// Demarche and Dossier are the DS numbers of the candidacy.
	Demarche, Dossier int
	// Central is true for a central public service (§2.2.2, §3.8.2): the
	// attestation then lists its labelled local services.
	Central bool
	// Locals are the labelled local services of a central service, with the
	// level and year of their labelling (§3.8.2). Ignored for a local one.
	Locals []Local
	// CentralService optionally names the central service whose labelling
	// approach a local service was labelled in (§3.8.1, note 11).
	CentralService string
	// Reference identifies the attestation; empty means the default
	// SP+-<demarche>-<dossier>-<decision year> (see DefaultReference).
	Reference string
}

// Local is one labelled local service listed on a central service's
// attestation.
type Local struct {
	Name  string
	Level rules.Level
	// Year is the year the local service was labelled; 0 when unknown.
	Year int
}

// DefaultReference is the attestation reference SP+-<demarche>-<dossier>-<year>,
// the year being the decision's.
func DefaultReference(demarche, dossier int, decision rules.Date) string {
	return fmt.Sprintf("SP+-%d-%d-%d", demarche, dossier, decision.Year)
}

// ValidUntil is the last day the label decided on decision is valid: the
// label expires on decision + 3 years (RULES.md deadline label_expires) and
// is valid on the days before it. Month arithmetic clamps (decision D4), so
// a decision of 29 February 2028 is valid until 27 February 2031.
func ValidUntil(decision rules.Date) rules.Date {
	return decision.AddMonths(ValidityMonths).AddDays(-1)
}

// Ref returns a.Reference, or the default reference when it is empty.
func (a Attestation) Ref() string {
	if strings.TrimSpace(a.Reference) != "" {
		return strings.TrimSpace(a.Reference)
	}
	return DefaultReference(a.Demarche, a.Dossier, a.DecisionDate)
}

// Validate reports every missing or impossible field of a, joined, each
// naming the field and what was expected.
func (a Attestation) Validate() error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("attestation: %s: %s", field, fmt.Sprintf(format, args...)))
	}
	if blank(a.ServiceName) {
		add("service name", "expected the labelled service's name, got nothing")
	}
	if !a.Level.Labelled() {
		add("level", "expected bronze, argent or or, got %q", string(a.Level))
	}
	if a.DecisionDate.IsZero() || a.DecisionDate.Year > 9999-3 {
		add("decision date", "expected the date of the decision, got %q", a.DecisionDate.String())
	}
	if blank(a.CertificationBody) {
		add("certification body", "expected the certification body's name, got nothing")
	}
	if a.Demarche <= 0 || a.Dossier <= 0 {
		add("dossier", "expected positive démarche and dossier numbers, got démarche %d dossier %d", a.Demarche, a.Dossier)
	}
	if utf8.RuneCountInString(a.Reference) > maxReferenceRunes {
		add("reference", "expected at most %d characters, got %d", maxReferenceRunes, utf8.RuneCountInString(a.Reference))
	}
	errs = append(errs, a.validateLocals()...)
	return errors.Join(errs...)
}

// validateLocals checks the local services a central attestation lists.
func (a Attestation) validateLocals() []error {
	if !a.Central {
		return nil
	}
	var errs []error
	if len(a.Locals) == 0 {
		errs = append(errs, errors.New("attestation: locals: a central service's attestation lists its labelled local services (§3.8.2), got none"))
	}
	for i, l := range a.Locals {
		switch {
		case blank(l.Name):
			errs = append(errs, fmt.Errorf("attestation: locals[%d]: expected the local service's name, got nothing", i))
		case !l.Level.Labelled():
			errs = append(errs, fmt.Errorf("attestation: locals[%d] %q: level: expected bronze, argent or or, got %q", i, l.Name, string(l.Level)))
		case l.Year < 0 || l.Year > 9999:
			errs = append(errs, fmt.Errorf("attestation: locals[%d] %q: year: expected a year such as 2026, got %d", i, l.Name, l.Year))
		}
	}
	return errs
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
