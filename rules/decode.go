package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// DecodeCandidacy reads the candidacy JSON of ARCHITECTURE.md ("evaluate"),
// with the central and follow-up keys of docs/rules.md. It is pure decoding:
// it opens no file, and returns in CandidacyFiles the files the JSON refers
// to, for the caller to parse and put into the Candidacy.
//
// It is strict about types and unknown keys, and its errors name the key and
// what was expected: `candidacy: key "audit_date": expected a date
// YYYY-MM-DD, got "15/06/2026"`. It is tolerant of missing keys and nulls: a
// missing input becomes a finding of Evaluate, never an error here.
func DecodeCandidacy(r io.Reader) (Candidacy, CandidacyFiles, error) {
	raw, err := readObject(r)
	if err != nil {
		return Candidacy{}, CandidacyFiles{}, err
	}
	d := &fields{raw: raw}
	c := d.candidacy()
	files := CandidacyFiles{
		UsersSurvey:  c.UsersSurvey.File,
		AgentsSurvey: c.AgentsSurvey.File,
		AuditGrid:    c.AuditGrid.File,
		CentralGrid:  c.Central.Grid.File,
	}
	if err := d.finish(); err != nil {
		return Candidacy{}, CandidacyFiles{}, err
	}
	return c, files, nil
}

// readObject reads exactly one JSON object and nothing after it.
func readObject(r io.Reader) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var whole json.RawMessage
	if err := dec.Decode(&whole); err != nil {
		return nil, fmt.Errorf("candidacy: invalid JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("candidacy: expected one JSON object, found data after it")
	}
	var raw map[string]json.RawMessage
	if whole = bytes.TrimSpace(whole); len(whole) == 0 || whole[0] != '{' {
		return nil, fmt.Errorf("candidacy: expected a JSON object, got %s", preview(whole))
	}
	if err := json.Unmarshal(whole, &raw); err != nil {
		return nil, fmt.Errorf("candidacy: invalid JSON: %w", err)
	}
	return raw, nil
}

// candidacy reads the top-level keys.
func (d *fields) candidacy() Candidacy {
	var c Candidacy
	c.Service = ServiceKind(d.enum("service", string(ServiceLocal), string(ServiceLocal), string(ServiceCentral)))
	c.Audit = AuditKind(d.enum("audit", string(AuditInitial), string(AuditInitial), string(AuditFollowup), string(AuditRenewal)))
	c.Departement = d.departement("departement")
	for key, p := range c.dateFields() {
		*p = d.date(key)
	}
	c.Pieces = d.object("pieces").pieces()
	c.UsersSurvey = d.object("users_survey").survey(false)
	c.AgentsSurvey = d.object("agents_survey").survey(true)
	c.AuditGrid.File = d.object("audit_grid").fileOnly()
	c.Followup = FollowupInputs{
		InitialAuditDate:    d.date("initial_audit_date"),
		SelfDiagnosticDates: d.dates("self_diagnostic_dates"),
		UsersSurveyDates:    d.dates("users_survey_dates"),
		AgentsSurveyDates:   d.dates("agents_survey_dates"),
	}
	c.Central.LocalServices = d.integer("local_services", 0, 1<<31-1)
	c.Central.Locals = d.locals("locals")
	c.Central.Grid.File = d.object("central_grid").fileOnly()
	return c
}

// dateFields maps the top-level date keys to the fields they fill.
func (c *Candidacy) dateFields() map[string]*Date {
	return map[string]*Date{
		"audit_date": &c.AuditDate, "audit_end_date": &c.AuditEndDate, "deposit_date": &c.DepositDate,
		"self_diagnostic_date": &c.SelfDiagnosticDate, "users_survey_date": &c.UsersSurveyDate,
		"agents_survey_date": &c.AgentsSurveyDate, "indicators_since": &c.IndicatorsSince,
		"users_survey_launch_date": &c.UsersSurveyLaunchDate, "agents_survey_launch_date": &c.AgentsSurveyLaunchDate,
		"users_survey_close_date": &c.UsersSurveyCloseDate, "agents_survey_close_date": &c.AgentsSurveyCloseDate,
		"initial_decision_date": &c.InitialDecisionDate, "report_received_date": &c.ReportReceivedDate,
		"suspension_start_date": &c.SuspensionStartDate, "withdrawal_date": &c.WithdrawalDate,
		"last_refusal_date": &c.LastRefusalDate,
	}
}

func (d *fields) pieces() Pieces {
	return Pieces{
		Identification:       d.boolean("identification"),
		CertificationBody:    d.boolean("certification_body"),
		Organigram:           d.boolean("organigram"),
		TrainingPlanCurrent:  d.boolean("training_plan_current"),
		TrainingPlanPrevious: d.boolean("training_plan_previous"),
		SelfDiagnosticReport: d.boolean("self_diagnostic_report"),
		SampleMethod:         d.boolean("sample_method"),
		UsersSurveyReport:    d.boolean("users_survey_report"),
		AgentsSurveyReport:   d.boolean("agents_survey_report"),
		ActionPlan:           d.boolean("action_plan"),
		IndicatorsList:       d.boolean("indicators_list"),
	}
}

func (d *fields) survey(agents bool) SurveyInput {
	s := SurveyInput{
		FileInput:     FileInput{File: d.str("file")},
		Solicited:     d.integer("solicited", 0, 1<<31-1),
		DeclaredScore: d.number("declared_score"),
	}
	if agents {
		s.Headcount = d.integer("headcount", 0, 1<<31-1)
	}
	return s
}

func (d *fields) fileOnly() string { return d.str("file") }

// locals reads the "locals" array of a central candidacy.
func (d *fields) locals(key string) []LocalService {
	items := d.array(key)
	out := make([]LocalService, 0, len(items))
	for i, raw := range items {
		o := d.child(fmt.Sprintf("%s[%d]", key, i), raw)
		if o == nil {
			continue
		}
		l := LocalService{
			Name:               o.str("name"),
			AuditedYear:        o.integer("audited_year", 0, 9999),
			SelfDiagnosticDate: o.date("self_diagnostic_date"),
		}
		if lv := o.enum("level", "", "none", "bronze", "argent", "or"); lv != "" {
			l.Level = Level(lv)
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// departement reads a département code ("57", "2A", "971").
func (d *fields) departement(key string) string {
	s := NormalizeDepartement(d.str(key))
	if s == "" || validDepartement(s) {
		return s
	}
	d.fail(key, fmt.Errorf(`expected a département code such as "57", "2A" or "971", got %q`, s))
	return ""
}

func validDepartement(s string) bool {
	switch {
	case s == "2A" || s == "2B":
		return true
	case len(s) == 2:
		return s >= "01" && s <= "95" && s != "20" && digitRun(s) == 2
	case len(s) == 3:
		return digitRun(s) == 3 && (s >= "971" && s <= "978" || s >= "984" && s <= "989")
	}
	return false
}

func preview(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// knownKeys is a helper for finish: the keys a fields object has read.
func knownKeys(seen map[string]bool) []string {
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
