package store

import (
	"strings"
	"testing"
	"time"
)

func TestPasses(t *testing.T) {
	s := openTest(t)
	p, err := s.StartPass(3, Pass{Start: t0, Trigger: TriggerCron})
	must(t, err)
	if p.ID != 1 || p.Outcome != OutcomeRunning || p.Duration() != 0 {
		t.Errorf("StartPass = %+v", p)
	}
	p.End, p.Outcome, p.Seen, p.Evaluated, p.Actions = t0.Add(90*time.Second), OutcomeSuccess, 40, 3, 5
	must(t, s.FinishPass(3, p))

	crashed, err := s.StartPass(3, Pass{Start: t0.Add(time.Hour), Trigger: TriggerWebhook, Dossier: 12})
	must(t, err)
	_, err = s.StartPass(3, Pass{Start: t0.Add(2 * time.Hour), Trigger: TriggerStart})
	must(t, err)

	got, err := s.Passes(3, 0)
	must(t, err)
	if len(got) != 3 || got[0].ID != 3 || got[1].ID != crashed.ID || got[2].ID != 1 {
		t.Fatalf("Passes = %+v, want newest first", got)
	}
	if got[1].Outcome != OutcomeInterrupted || got[1].Dossier != 12 {
		t.Errorf("the pass that never finished = %+v, want interrupted", got[1])
	}
	if got[2].Duration() != 90*time.Second || got[2].Seen != 40 || got[2].Outcome != OutcomeSuccess {
		t.Errorf("finished pass = %+v", got[2])
	}
	if last, _ := s.Passes(3, 1); len(last) != 1 || last[0].ID != 3 {
		t.Errorf("Passes(3, 1) = %+v", last)
	}
}

func TestPassErrors(t *testing.T) {
	s := openTest(t)
	p, err := s.StartPass(3, Pass{Start: t0, Trigger: TriggerCLI})
	must(t, err)
	tests := []struct {
		name string
		pass Pass
		want string
	}{
		{"no ID", Pass{End: t0, Outcome: OutcomeSuccess}, "expected the ID StartPass gave"},
		{"no end", Pass{ID: p.ID, Start: t0, Outcome: OutcomeSuccess}, "expected an end time not before the start"},
		{"end before start", Pass{ID: p.ID, Start: t0, End: t0.Add(-1), Outcome: OutcomeFailed}, "expected an end time"},
		{"still running", Pass{ID: p.ID, Start: t0, End: t0, Outcome: OutcomeRunning}, `expected a final outcome, got "running"`},
		{"unknown ID", Pass{ID: 99, Start: t0, End: t0, Outcome: OutcomeFailed}, "finish pass 99 of démarche 3: not found"},
	}
	for _, tt := range tests {
		if err := s.FinishPass(3, tt.pass); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: FinishPass = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := s.StartPass(3, Pass{Trigger: TriggerCLI}); err == nil {
		t.Error("StartPass without a start time accepted")
	}
}

func TestPassHistoryIsCapped(t *testing.T) {
	s := openTest(t)
	s.opts.KeepPasses = 3
	for i := range 5 {
		p, err := s.StartPass(3, Pass{Start: t0.Add(time.Duration(i) * time.Minute), Trigger: TriggerCron})
		must(t, err)
		p.End, p.Outcome = p.Start.Add(time.Second), OutcomeSuccess
		must(t, s.FinishPass(3, p))
	}
	got, err := s.Passes(3, 0)
	must(t, err)
	if len(got) != 3 || got[0].ID != 5 || got[2].ID != 3 {
		t.Errorf("Passes = %+v, want the last 3", got)
	}
}
