package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// Parameters of the crash test: how many times the daemon is killed, and
// the seeded window of its random lifetimes.
const (
	kill9Rounds    = 8
	kill9Seed      = 7
	kill9MinLife   = 100 * time.Millisecond
	kill9MaxLife   = 2500 * time.Millisecond
	kill9SyncTries = 3
)

// stateChanges are the mutations that move a dossier in DS's state machine:
// each must succeed at most once per dossier.
var stateChanges = map[string]bool{
	"dossierPasserEnInstruction": true, "dossierAccepter": true, "dossierRefuser": true,
}

// passReport is the part of "spplus sync --json" the tests read.
type passReport struct {
	Demarche int    `json:"demarche"`
	Outcome  string `json:"outcome"`
	Seen     int    `json:"seen"`
	Planned  int    `json:"planned"`
	Done     int    `json:"done"`
	Failed   int    `json:"failed"`
	Parked   int    `json:"parked"`
	Dossiers []struct {
		Number  int `json:"number"`
		Actions []struct {
			Key    string `json:"key"`
			Result string `json:"result"`
		} `json:"actions"`
	} `json:"dossiers"`
}

// TestKill9RunIsCrashSafe kills a real "spplus run" with SIGKILL at seeded
// random moments, restarts it, then lets "spplus sync" finish the work: DS
// must have received every effect exactly once (no message marker twice on
// a dossier, no state change twice), and the store must know every dossier.
func TestKill9RunIsCrashSafe(t *testing.T) {
	bin := spplusBinary(t)
	dir := t.TempDir()
	sb := startSandbox(t, bin, "--generate", "60", "--seed", "7", "--now", "2026-11-02")
	cfg := initConfig(t, bin, sb.url, dir)
	editConfig(t, cfg,
		configEdit{"store.path", filepath.Join(dir, "spplus.db")},
		configEdit{"http.addr", freeAddr(t)},
		configEdit{"demarches.0.schedule", "@every 1s"},
		configEdit{"demarches.0.decisions.passer_en_instruction", "auto"},
		configEdit{"demarches.0.decisions.accepter", "auto"},
		configEdit{"demarches.0.decisions.refuser", "auto"},
	)

	killRuns(t, bin, cfg, sb)
	finishWithSync(t, bin, cfg)
	before := len(sb.mutations(t))
	res := runSpplus(t, bin, sandboxEnv(), "sync", "--config", cfg, "--json")
	if res.code != exitOK {
		t.Fatalf("second spplus sync: exit %d, want 0\nstderr:\n%s", res.code, tail(res.stderr, 4096))
	}
	var reports []passReport
	decodeOneJSON(t, "second spplus sync --json", res.stdout, &reports)
	checkNothingDone(t, reports)
	ms := sb.mutations(t)
	if len(ms) != before {
		t.Errorf("second spplus sync: the sandbox received %d mutations, want none: %+v", len(ms)-before, ms[before:])
	}
	checkExactlyOnce(t, ms)
	checkExportCovers(t, bin, cfg, listDossiers(t, sb.url, 1))
}

// killRuns starts "spplus run" kill9Rounds times and SIGKILLs it a seeded
// random lifetime after it reported running (its start pass begins then):
// counting from the exec would spend part of the lifetime on the process
// start, which varies with the machine's load.
func killRuns(t *testing.T, bin, cfg string, sb sandboxProc) {
	t.Helper()
	rng := rand.New(rand.NewPCG(kill9Seed, 2026))
	for i := range kill9Rounds {
		life := kill9MinLife + time.Duration(rng.Int64N(int64(kill9MaxLife-kill9MinLife)))
		p := startProcess(t, bin, sandboxEnv(), "run", "--config", cfg)
		waitLog(t, p, `"spplus running"`)
		select {
		case <-p.done:
			t.Fatalf("run %d ended by itself before its kill: %v\nstderr:\n%s", i+1, p.err, tail(p.stderr.String(), 4096))
		case <-time.After(life):
		}
		p.kill()
		t.Logf("run %d killed after %v; the sandbox has received %d mutations", i+1, life, len(sb.mutations(t)))
	}
}

// finishWithSync runs "spplus sync" until a pass succeeds: the first may
// have a killed pass's work to finish, which is what it is for.
func finishWithSync(t *testing.T, bin, cfg string) {
	t.Helper()
	for try := 1; ; try++ {
		res := runSpplus(t, bin, sandboxEnv(), "sync", "--config", cfg, "--json")
		if res.code == exitOK {
			var reports []passReport
			decodeOneJSON(t, "spplus sync --json", res.stdout, &reports)
			for _, r := range reports {
				t.Logf("recovery sync %d: outcome %s, %d seen, %d done, %d failed", try, r.Outcome, r.Seen, r.Done, r.Failed)
			}
			return
		}
		if try == kill9SyncTries {
			t.Fatalf("spplus sync after the kills: exit %d %d times in a row\nstderr:\n%s", res.code, try, tail(res.stderr, 4096))
		}
	}
}

// checkNothingDone fails when a pass that followed a complete one did
// anything.
func checkNothingDone(t *testing.T, reports []passReport) {
	t.Helper()
	if len(reports) != 1 {
		t.Fatalf("second spplus sync: %d pass reports, want 1 (one démarche)", len(reports))
	}
	r := reports[0]
	if r.Outcome != "success" || r.Done != 0 || r.Failed != 0 || r.Parked != 0 {
		t.Errorf("second spplus sync: outcome %q, %d done, %d failed, %d parked; want success and no action", r.Outcome, r.Done, r.Failed, r.Parked)
	}
	for _, d := range r.Dossiers {
		for _, a := range d.Actions {
			if a.Result == "done" {
				t.Errorf("second spplus sync: dossier %d: action %s done again", d.Number, a.Key)
			}
		}
	}
}

// checkExactlyOnce fails on a message marker sent twice to one dossier, or
// a state change made twice on one dossier, among the accepted mutations.
func checkExactlyOnce(t *testing.T, ms []recordedMutation) {
	t.Helper()
	type key struct {
		dossier int
		what    string
	}
	seen := map[key]int{}
	counts := map[string]int{}
	for _, m := range ms {
		if !m.ok() {
			continue
		}
		counts[m.Name]++
		switch {
		case m.Name == "dossierEnvoyerMessage":
			if m.marker() == "" {
				t.Errorf("dossier %d: message without a reference marker: %.300v", m.dossier(), m.Input["body"])
				continue
			}
			seen[key{m.dossier(), "message " + m.marker()}]++
		case stateChanges[m.Name]:
			seen[key{m.dossier(), m.Name}]++
		}
	}
	var dup []string
	for k, n := range seen {
		if n > 1 {
			dup = append(dup, fmt.Sprintf("dossier %d: %s ×%d", k.dossier, k.what, n))
		}
	}
	sort.Strings(dup)
	for _, d := range dup {
		t.Errorf("repeated effect on DS: %s", d)
	}
	if counts["dossierEnvoyerMessage"] == 0 || counts["dossierModifierAnnotations"] == 0 {
		t.Errorf("accepted mutations %v: want messages and annotations, or the test proves nothing", counts)
	}
	t.Logf("accepted mutations: %v (%d received in all)", counts, len(ms))
}

// checkExportCovers fails unless "spplus export --json" lists every dossier
// of the API listing as evaluated.
func checkExportCovers(t *testing.T, bin, cfg string, listed []listedDossier) {
	t.Helper()
	res := runSpplus(t, bin, sandboxEnv(), "export", "--config", cfg, "--json")
	if res.code != exitOK {
		t.Fatalf("spplus export --json: exit %d, want 0\nstderr:\n%s", res.code, res.stderr)
	}
	var rows []exportRow
	decodeOneJSON(t, "spplus export --json", res.stdout, &rows)
	byNumber := map[int]exportRow{}
	for _, r := range rows {
		byNumber[r.Number] = r
	}
	for _, d := range listed {
		r, ok := byNumber[d.Number]
		switch {
		case !ok:
			t.Errorf("export: dossier %d (%s on the sandbox) missing", d.Number, d.State)
		case r.EvaluatedAt == nil || r.Deleted:
			t.Errorf("export: dossier %d: evaluated_at %v, deleted %v; want evaluated and not deleted", d.Number, r.EvaluatedAt, r.Deleted)
		case r.DSState != d.State:
			t.Errorf("export: dossier %d: ds_state %q, the sandbox says %q", d.Number, r.DSState, d.State)
		}
	}
	if len(listed) == 0 {
		t.Error("the sandbox lists no dossier: the test proves nothing")
	}
}

// exportRow is the part of "spplus export --json" the tests read.
type exportRow struct {
	Number      int     `json:"number"`
	DSState     string  `json:"ds_state"`
	EvaluatedAt *string `json:"evaluated_at"`
	Deleted     bool    `json:"deleted"`
}
