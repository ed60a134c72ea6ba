package rules

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Validate checks that s can be used: every threshold has a positive
// denominator, the levels and agent bands are ordered, the windows are not
// negative and the questionnaires are usable. Its errors name the setting and
// what was expected. Evaluate never fails on bad settings, but its results
// would be meaningless: call Validate when the settings are loaded.
func (s Settings) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if s.Engagements < 1 {
		add(fmt.Errorf("settings: engagements: expected at least 1, got %d", s.Engagements))
	}
	add(s.validateLevels())
	add(s.validateBands())
	add(checkRatio("users.min_rate", s.Users.MinRate))
	add(checkRatio("declared_tolerance", s.DeclaredTolerance))
	add(checkRatio("central.labelled_min", s.Central.LabelledMin))
	add(checkRatio("central.grid_min", s.Central.GridMin))
	add(s.validateCounts())
	add(validateLayout("questionnaires.users", s.Questionnaires.Users, s.Engagements))
	add(validateLayout("questionnaires.agents", s.Questionnaires.Agents, s.Engagements))
	return errors.Join(errs...)
}

func checkRatio(key string, r Ratio) error {
	if r.Den <= 0 || r.Num < 0 {
		return fmt.Errorf("settings: %s: expected a non-negative value with a positive denominator, got %d/%d", key, r.Num, r.Den)
	}
	return nil
}

func (s Settings) validateLevels() error {
	if len(s.Levels) == 0 {
		return errors.New("settings: levels: expected at least one level")
	}
	var errs []error
	for i, l := range s.Levels {
		key := fmt.Sprintf("levels[%d]", i)
		if l.Level.rank() <= LevelNone.rank() {
			errs = append(errs, fmt.Errorf("settings: %s.level: expected bronze, argent or or, got %q", key, l.Level))
		}
		if i > 0 && l.Level.rank() <= s.Levels[i-1].Level.rank() {
			errs = append(errs, fmt.Errorf("settings: %s.level: expected levels from the lowest to the highest", key))
		}
		for _, r := range []struct {
			k string
			v Ratio
		}{{"engagement", l.Engagement}, {"or_criteria", l.OrCriteria}, {"agents", l.Agents}, {"users", l.Users}} {
			if r.k == "or_criteria" && !l.RequireOr {
				continue
			}
			errs = append(errs, checkRatio(key+"."+r.k, r.v))
		}
	}
	return errors.Join(errs...)
}

func (s Settings) validateBands() error {
	if len(s.AgentBands) == 0 {
		return errors.New("settings: agent_bands: expected at least one band")
	}
	var errs []error
	last := len(s.AgentBands) - 1
	for i, b := range s.AgentBands {
		key := fmt.Sprintf("agent_bands[%d]", i)
		errs = append(errs, checkRatio(key+".min_rate", b.MinRate))
		switch {
		case i == last && b.MaxHeadcount != 0:
			errs = append(errs, fmt.Errorf("settings: %s.max_headcount: expected 0 (no bound) on the last band, got %d", key, b.MaxHeadcount))
		case i < last && b.MaxHeadcount <= 0:
			errs = append(errs, fmt.Errorf("settings: %s.max_headcount: expected a positive bound, got %d", key, b.MaxHeadcount))
		case i > 0 && i < last && b.MaxHeadcount <= s.AgentBands[i-1].MaxHeadcount:
			errs = append(errs, fmt.Errorf("settings: %s.max_headcount: expected bands in increasing order", key))
		}
	}
	return errors.Join(errs...)
}

func (s Settings) validateCounts() error {
	w, d := s.Windows, s.Deadlines
	counts := map[string]int{
		"windows.deposit_months": w.DepositMonths, "windows.self_diagnostic_months": w.SelfDiagnosticMonths,
		"windows.survey_months": w.SurveyMonths, "windows.indicators_months": w.IndicatorsMonths,
		"windows.survey_launch_months": w.SurveyLaunchMonths, "windows.reapply_months": w.ReapplyMonths,
		"windows.followup_year_months": w.FollowupYearMonths, "windows.followup_window_months": w.FollowupWindowMonths,
		"deadlines.audit_plan_working_days": d.AuditPlanWorkingDays, "deadlines.report_days": d.ReportDays,
		"deadlines.remarks_days": d.RemarksDays, "deadlines.label_validity_months": d.LabelValidityMonths,
		"deadlines.renewal_invite_months": d.RenewalInviteMonths, "deadlines.survey_rerun_months": d.SurveyRerunMonths,
		"deadlines.suspension_max_months": d.SuspensionMaxMonths, "deadlines.stop_mark_use_months": d.StopMarkUseMonths,
		"central.self_diagnostic_months": s.Central.SelfDiagnosticMonths,
	}
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		if v := counts[k]; v < 0 || v > 1200 {
			errs = append(errs, fmt.Errorf("settings: %s: expected a count between 0 and 1200, got %d", k, v))
		}
	}
	if w.FollowupYearMonths == 0 {
		errs = append(errs, errors.New("settings: windows.followup_year_months: expected at least 1, got 0"))
	}
	for _, f := range []struct {
		k string
		v Followup
	}{{"deadlines.local_followup", d.LocalFollowup}, {"deadlines.central_followup", d.CentralFollowup}} {
		if len(f.v.TargetMonths) == 0 {
			errs = append(errs, fmt.Errorf("settings: %s.target_months: expected at least one target", f.k))
		}
	}
	return errors.Join(errs...)
}

func validateLayout(key string, l SurveyLayout, engagements int) error {
	if len(l.Questions) == 0 {
		return fmt.Errorf("settings: %s: expected at least one question", key)
	}
	seen := map[string]bool{}
	for i, q := range l.Questions {
		switch {
		case q.Code == "":
			return fmt.Errorf("settings: %s.questions[%d].code: expected a column code, got none", key, i)
		case seen[q.Code]:
			return fmt.Errorf("settings: %s.questions[%d].code: duplicate code %q", key, i, q.Code)
		case q.Engagement < 0 || q.Engagement > engagements:
			return fmt.Errorf("settings: %s.questions[%d].engagement: expected 0..%d, got %d", key, i, engagements, q.Engagement)
		}
		seen[q.Code] = true
	}
	return nil
}
