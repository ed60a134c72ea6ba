package web

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// fakePasses is a PassSource over a map.
type fakePasses struct {
	pingErr error
	status  map[int]PassStatus
	errs    map[int]error
}

func (f *fakePasses) Ping(context.Context) error { return f.pingErr }

func (f *fakePasses) PassStatus(_ context.Context, d int) (PassStatus, error) {
	if err := f.errs[d]; err != nil {
		return PassStatus{}, err
	}
	return f.status[d], nil
}

var _ PassSource = (*fakePasses)(nil)

func TestPassReadiness(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	ok := PassStatus{LastOutcome: "success", LastEnd: now.Add(-10 * time.Minute), LastSuccess: now.Add(-10 * time.Minute)}
	tests := []struct {
		name    string
		src     fakePasses
		want    bool
		reasons []string
	}{
		{"every démarche fresh", fakePasses{status: map[int]PassStatus{1: ok, 2: ok}}, true, nil},
		{"store closed", fakePasses{pingErr: errors.New("database not open")}, false,
			[]string{"store: database not open"}},
		{"no pass yet", fakePasses{status: map[int]PassStatus{1: ok}}, false,
			[]string{"démarche 2: no successful pass yet"}},
		{"last pass failed", fakePasses{status: map[int]PassStatus{1: ok, 2: {
			LastOutcome: "failed", LastEnd: now.Add(-time.Minute), LastError: "ds: 502", LastSuccess: now.Add(-20 * time.Minute)}}}, false,
			[]string{"démarche 2: last pass failed at 2026-03-02T09:59:00Z: ds: 502"}},
		{"partial pass is fine", fakePasses{status: map[int]PassStatus{1: ok, 2: {
			LastOutcome: "partial", LastEnd: now, LastSuccess: now.Add(-time.Hour)}}}, true, nil},
		{"success too old", fakePasses{status: map[int]PassStatus{1: ok, 2: {
			LastOutcome: "success", LastSuccess: now.Add(-3 * time.Hour)}}}, false,
			[]string{"démarche 2: last successful pass ended 3h0m0s ago (at most 2h0m0s expected)"}},
		{"history unreadable", fakePasses{status: map[int]PassStatus{1: ok}, errs: map[int]error{2: errors.New("bucket")}}, false,
			[]string{"démarche 2: read pass history: bucket"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := PassReadiness{Source: &tt.src, Demarches: []int{1, 2}, MaxAge: 2 * time.Hour, Now: func() time.Time { return now }}
			got, reasons := r.Ready(context.Background())
			if got != tt.want || !reflect.DeepEqual(reasons, tt.reasons) {
				t.Errorf("Ready() = %v, %q; want %v, %q", got, reasons, tt.want, tt.reasons)
			}
		})
	}
}
