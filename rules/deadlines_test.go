package rules

import "testing"

// TestDeadlines checks every line of RULES.md's deadlines table.
func TestDeadlines(t *testing.T) {
	tests := []struct {
		section string
		name    string
		mutate  func(c *Candidacy)
		want    map[string]string // absent key: deadline must be absent
	}{
		{"3.5.1, 3.7", "audit dates", func(c *Candidacy) {}, map[string]string{
			DeadlineDepositDue: "2026-05-15", DeadlineAuditPlanDue: "2026-06-01", DeadlineReportDue: "2026-07-06",
		}},
		{"3.7", "multi-day audit: report from the last day (D6)", func(c *Candidacy) { c.AuditEndDate = md("2026-06-17") }, map[string]string{
			DeadlineDepositDue: "2026-05-15", DeadlineAuditPlanDue: "2026-06-01", DeadlineReportDue: "2026-07-08",
		}},
		{"3.7", "audit plan across Ascension and Whit Monday", func(c *Candidacy) { c.AuditDate = md("2026-05-29") }, map[string]string{
			DeadlineDepositDue: "2026-04-29", DeadlineAuditPlanDue: "2026-05-13", DeadlineReportDue: "2026-06-19",
		}},
		{"3.7", "Moselle: Good Friday off", func(c *Candidacy) { c.AuditDate, c.Departement = md("2026-04-17"), "57" }, map[string]string{
			DeadlineDepositDue: "2026-03-17", DeadlineAuditPlanDue: "2026-04-01", DeadlineReportDue: "2026-05-08",
		}},
		{"3.7", "same audit elsewhere: Good Friday worked", func(c *Candidacy) { c.AuditDate = md("2026-04-17") }, map[string]string{
			DeadlineDepositDue: "2026-03-17", DeadlineAuditPlanDue: "2026-04-02", DeadlineReportDue: "2026-05-08",
		}},
		{"3.7.1", "remarks", func(c *Candidacy) { c.AuditDate, c.ReportReceivedDate = Date{}, md("2026-07-01") }, map[string]string{
			DeadlineRemarksDue: "2026-07-11",
		}},
		{"2.3, 3.9.1, 3.10", "cycle from a 29 February decision", func(c *Candidacy) {
			c.AuditDate, c.InitialDecisionDate = Date{}, md("2024-02-29")
		}, map[string]string{
			DeadlineLabelExpires: "2027-02-28", DeadlineRenewalInvite: "2026-05-28",
			DeadlineFollowupTarget: "2025-08-29", DeadlineFollowupWindowStart: "2025-06-29",
			DeadlineFollowupWindowEnd: "2025-10-29", DeadlineFollowupPrepare: "2025-02-28",
		}},
		{"3.9.2", "central cycle", func(c *Candidacy) {
			c.Service, c.AuditDate, c.InitialDecisionDate = ServiceCentral, Date{}, md("2024-02-29")
		}, map[string]string{
			DeadlineLabelExpires: "2027-02-28", DeadlineRenewalInvite: "2026-05-28",
			DeadlineFollowupTarget: "2025-02-28", DeadlineFollowupWindowStart: "2024-12-28",
			DeadlineFollowupWindowEnd: "2025-04-28", DeadlineFollowupPrepare: "2024-11-29",
		}},
		{"3.8", "reapply", func(c *Candidacy) { c.AuditDate, c.LastRefusalDate = Date{}, md("2025-08-31") }, map[string]string{
			DeadlineReapplyFrom: "2026-02-28",
		}},
		{"3.4", "survey rerun only below bronze", func(c *Candidacy) {
			c.AuditDate, c.UsersSurveyCloseDate, c.AgentsSurveyCloseDate = Date{}, md("2026-01-31"), md("2026-01-15")
		}, map[string]string{}},
		{"3.4", "survey rerun from the later close date", func(c *Candidacy) {
			agentsAt50(true)(c)
			c.AuditDate, c.UsersSurveyCloseDate, c.AgentsSurveyCloseDate = Date{}, md("2026-01-31"), md("2026-01-15")
		}, map[string]string{DeadlineSurveyRerunFrom: "2026-07-31"}},
		{"5.3.1, 5.3.2", "suspension and withdrawal", func(c *Candidacy) {
			c.AuditDate, c.SuspensionStartDate, c.WithdrawalDate = Date{}, md("2026-01-31"), md("2025-12-31")
		}, map[string]string{DeadlineSuspensionMaxEnd: "2027-01-31", DeadlineStopMarkUse: "2026-02-28"}},
	}
	for _, tt := range tests {
		t.Run("§"+tt.section+" "+tt.name, func(t *testing.T) {
			c := baseCandidacy()
			tt.mutate(&c)
			got := Evaluate(c, DefaultSettings()).Deadlines
			if len(got) != len(tt.want) {
				t.Errorf("deadlines = %v, want %v", got, tt.want)
			}
			for name, want := range tt.want {
				if d, ok := got.Get(name); !ok || d.String() != want {
					t.Errorf("%s = %s (present %v), want %s", name, d, ok, want)
				}
			}
		})
	}
}
