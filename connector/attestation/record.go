package attestation

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/spplus/spplus/rules"
)

// Record is what the connector's store keeps of a dossier that the
// attestation needs (connector/store.Snapshot), plus what the store does
// not know: the decision date and the sites.
type Record struct {
	Demarche, Dossier int
	// ServiceName is the service's name as the candidate typed it.
	ServiceName string
	// GroupeInstructeur is the label of the dossier's groupe instructeur:
	// on the label's démarche, the certification body.
	GroupeInstructeur string
	// Level is the level of the last verdict ("bronze", "argent", "or").
	Level string
	// Candidacy is the candidacy mapped from the dossier (rules.Candidacy as
	// JSON); it says whether the service is central and lists its locals.
	Candidacy []byte
	// Verdict is the last verdict as JSON; its "level" is used when Level
	// is empty.
	Verdict []byte
	// DecisionDate is the date of the decision to accept.
	DecisionDate rules.Date
	// Sites are the sites covered, when the caller knows them.
	Sites []string
}

// FromRecord builds the attestation of an accepted dossier from what the
// store knows of it, and validates it. A dossier whose level is not a level
// of the label (none, or not decided) has no attestation: the error says so.
func FromRecord(r Record) (Attestation, error) {
	c, err := decodeCandidacy(r.Candidacy)
	if err != nil {
		return Attestation{}, fmt.Errorf("dossier %d: %w", r.Dossier, err)
	}
	level, err := recordLevel(r)
	if err != nil {
		return Attestation{}, fmt.Errorf("dossier %d: %w", r.Dossier, err)
	}
	a := Attestation{ServiceName: r.ServiceName, Sites: r.Sites, Level: level, DecisionDate: r.DecisionDate,
		CertificationBody: r.GroupeInstructeur, Demarche: r.Demarche, Dossier: r.Dossier,
		Central: c.Service == rules.ServiceCentral}
	if a.Central {
		a.Locals = LocalsOf(c)
	}
	if err := a.Validate(); err != nil {
		return Attestation{}, fmt.Errorf("dossier %d: %w", r.Dossier, err)
	}
	return a, nil
}

// LocalsOf lists the labelled local services of a central candidacy, in its
// order, with their level and the year of their audit: the list a central
// service's attestation carries (§3.8.2). Locals not labelled are left out.
func LocalsOf(c rules.Candidacy) []Local {
	var out []Local
	for _, l := range c.Central.Locals {
		if l.Level.Labelled() {
			out = append(out, Local{Name: l.Name, Level: l.Level, Year: l.AuditedYear})
		}
	}
	return out
}

// recordLevel is the record's level, or its verdict's when it has none.
func recordLevel(r Record) (rules.Level, error) {
	s := r.Level
	if s == "" && len(bytes.TrimSpace(r.Verdict)) > 0 {
		var v struct {
			Level *string `json:"level"`
		}
		if err := json.Unmarshal(r.Verdict, &v); err != nil {
			return "", fmt.Errorf("stored verdict: expected a JSON object with \"level\": %w", err)
		}
		if v.Level != nil {
			s = *v.Level
		}
	}
	l, ok := rules.ParseLevel(s)
	if !ok || !l.Labelled() {
		return "", fmt.Errorf("level %q: no attestation, the service is not labelled (expected bronze, argent or or)", s)
	}
	return l, nil
}

// storedCandidacy is the part of a stored candidacy the attestation reads.
// Two spellings are accepted: Go's default encoding of rules.Candidacy
// ("Service", "Central": {"Locals": [{"Name", "AuditedYear", "Level"}]})
// and the candidacy JSON of the evaluate command ("service", "locals":
// [{"name", "audited_year", "level"}]). encoding/json matches keys without
// regard to case, which covers "Service" and "service".
type storedCandidacy struct {
	Service string        `json:"service"`
	Locals  []storedLocal `json:"locals"`
	Central struct {
		Locals []storedLocal `json:"locals"`
	} `json:"central"`
}

type storedLocal struct {
	Name        string  `json:"name"`
	Level       *string `json:"level"`
	AuditedYear int     `json:"AuditedYear"`
	YearSnake   int     `json:"audited_year"`
}

// decodeCandidacy reads the service kind and the locals of a stored
// candidacy; an empty one is a local service's.
func decodeCandidacy(b []byte) (rules.Candidacy, error) {
	var c rules.Candidacy
	if b = bytes.TrimSpace(b); len(b) == 0 || string(b) == "null" {
		return c, nil
	}
	var s storedCandidacy
	if err := json.Unmarshal(b, &s); err != nil {
		return c, fmt.Errorf("stored candidacy: %w", explainJSON(err))
	}
	switch kind := rules.ServiceKind(s.Service); kind {
	case "", rules.ServiceLocal, rules.ServiceCentral:
		c.Service = kind
	default:
		return c, fmt.Errorf("stored candidacy: service: expected local or central, got %q", s.Service)
	}
	locals := s.Central.Locals
	if len(locals) == 0 {
		locals = s.Locals
	}
	for i, l := range locals {
		ls, err := l.local()
		if err != nil {
			return c, fmt.Errorf("stored candidacy: locals[%d]: %w", i, err)
		}
		c.Central.Locals = append(c.Central.Locals, ls)
	}
	return c, nil
}

// local converts one stored local service.
func (l storedLocal) local() (rules.LocalService, error) {
	out := rules.LocalService{Name: l.Name, AuditedYear: max(l.AuditedYear, l.YearSnake)}
	if l.Level == nil || *l.Level == "" {
		return out, nil
	}
	lv, ok := rules.ParseLevel(*l.Level)
	if !ok {
		return out, fmt.Errorf("level: expected none, bronze, argent or or, got %q", *l.Level)
	}
	out.Level = lv
	return out, nil
}
