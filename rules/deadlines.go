package rules

// deadlines computes the deadlines of RULES.md whose inputs are present, in
// the order of its table.
func (e *evaluation) deadlines() Deadlines {
	c, d := e.c, e.s.Deadlines
	out := Deadlines{}
	add := func(name string, date Date, ok bool) {
		if ok {
			out = append(out, Deadline{Name: name, Date: date})
		}
	}
	audit := c.AuditDate
	add(DeadlineDepositDue, audit.AddMonths(-e.s.Windows.DepositMonths), !audit.IsZero())
	if !audit.IsZero() {
		add(DeadlineAuditPlanDue, e.cal.WorkingDaysBefore(audit, d.AuditPlanWorkingDays), true)
	}
	add(DeadlineReportDue, c.auditEnd().AddDays(d.ReportDays), !audit.IsZero())
	add(DeadlineRemarksDue, c.ReportReceivedDate.AddDays(d.RemarksDays), !c.ReportReceivedDate.IsZero())
	e.cycleDeadlines(add)
	add(DeadlineReapplyFrom, c.LastRefusalDate.AddMonths(e.s.Windows.ReapplyMonths), !c.LastRefusalDate.IsZero())
	rerun, ok := e.rerunFrom()
	add(DeadlineSurveyRerunFrom, rerun, ok && e.rerun)
	add(DeadlineSuspensionMaxEnd, c.SuspensionStartDate.AddMonths(d.SuspensionMaxMonths), !c.SuspensionStartDate.IsZero())
	add(DeadlineStopMarkUse, c.WithdrawalDate.AddMonths(d.StopMarkUseMonths), !c.WithdrawalDate.IsZero())
	return out
}

// cycleDeadlines adds the deadlines counted from the decision that awarded
// the label: expiry (§2.3), renewal invitation (§3.10) and follow-up (§3.9).
func (e *evaluation) cycleDeadlines(add func(string, Date, bool)) {
	decision := e.c.InitialDecisionDate
	if decision.IsZero() {
		return
	}
	d, w := e.s.Deadlines, e.s.Windows.FollowupWindowMonths
	expires := decision.AddMonths(d.LabelValidityMonths)
	add(DeadlineLabelExpires, expires, true)
	add(DeadlineRenewalInvite, expires.AddMonths(-d.RenewalInviteMonths), true)
	plan := e.followupPlan()
	if len(plan.TargetMonths) > 0 {
		target := decision.AddMonths(plan.TargetMonths[0])
		add(DeadlineFollowupTarget, target, true)
		add(DeadlineFollowupWindowStart, target.AddMonths(-w), true)
		add(DeadlineFollowupWindowEnd, target.AddMonths(w), true)
	}
	add(DeadlineFollowupPrepare, decision.AddMonths(plan.PrepareMonths), true)
}
