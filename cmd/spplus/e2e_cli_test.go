package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"testing"
)

// TestCLIContracts checks the command-line contracts of ARCHITECTURE.md on
// the real binary against a sandbox process: exit statuses, and --json
// printing exactly one document on stdout.
func TestCLIContracts(t *testing.T) {
	bin := spplusBinary(t)
	dir := t.TempDir()
	sb := startSandbox(t, bin, "--generate", "12", "--seed", "3", "--now", "2026-11-02")
	cfg := initConfig(t, bin, sb.url, dir)
	editConfig(t, cfg, configEdit{"store.path", filepath.Join(dir, "spplus.db")})
	listed := listDossiers(t, sb.url, 1)

	t.Run("sync --dry-run writes nothing", func(t *testing.T) { checkDryRun(t, bin, cfg, sb) })
	t.Run("sync", func(t *testing.T) {
		reports := syncJSON(t, bin, cfg, exitOK)
		if reports[0].Outcome != "success" || reports[0].Seen != len(listed) {
			t.Errorf("sync: outcome %q, %d seen; want success and the %d dossiers", reports[0].Outcome, reports[0].Seen, len(listed))
		}
	})
	t.Run("status", func(t *testing.T) { checkStatus(t, bin, cfg, len(listed)) })
	var rows []map[string]json.RawMessage
	t.Run("export", func(t *testing.T) { rows = checkExportShape(t, bin, cfg, len(listed)) })
	t.Run("check", func(t *testing.T) { checkCheck(t, bin, cfg, sb, rows) })
	t.Run("sync with DS down", func(t *testing.T) { checkSyncDown(t, bin, cfg, dir) })
	t.Run("usage errors", func(t *testing.T) { checkUsageErrors(t, bin, cfg) })
}

// syncJSON runs "spplus sync --json", checks its exit status, and returns
// its one pass report per démarche.
func syncJSON(t *testing.T, bin, cfg string, wantCode int, extra ...string) []passReport {
	t.Helper()
	args := append([]string{"sync", "--config", cfg, "--json"}, extra...)
	res := runSpplus(t, bin, sandboxEnv(), args...)
	if res.code != wantCode {
		t.Fatalf("spplus %v: exit %d, want %d\nstderr:\n%s", args, res.code, wantCode, tail(res.stderr, 4096))
	}
	var reports []passReport
	decodeOneJSON(t, "spplus sync --json", res.stdout, &reports)
	if len(reports) != 1 || reports[0].Demarche != 1 {
		t.Fatalf("spplus %v: reports %+v, want one of démarche 1", args, reports)
	}
	return reports
}

// checkDryRun: a dry run plans actions but the sandbox records no mutation
// and the store keeps no dossier.
func checkDryRun(t *testing.T, bin, cfg string, sb sandboxProc) {
	reports := syncJSON(t, bin, cfg, exitOK, "--dry-run")
	if r := reports[0]; r.Planned == 0 || r.Done != 0 {
		t.Errorf("sync --dry-run: %d planned, %d done; want actions planned and none done", r.Planned, r.Done)
	}
	if ms := sb.mutations(t); len(ms) != 0 {
		t.Errorf("sync --dry-run: the sandbox received %d mutations, want none (first: %s)", len(ms), ms[0].Name)
	}
	res := runSpplus(t, bin, sandboxEnv(), "export", "--config", cfg, "--json")
	var rows []json.RawMessage
	decodeOneJSON(t, "export --json after a dry run", res.stdout, &rows)
	if res.code != exitOK || len(rows) != 0 {
		t.Errorf("export after a dry run: exit %d, %d dossiers; want 0 and none (a dry run writes nothing to the store)", res.code, len(rows))
	}
}

// checkStatus: "status --json" is one document counting every dossier.
func checkStatus(t *testing.T, bin, cfg string, dossiers int) {
	res := runSpplus(t, bin, sandboxEnv(), "status", "--config", cfg, "--json")
	if res.code != exitOK {
		t.Fatalf("status --json: exit %d, want 0\nstderr:\n%s", res.code, res.stderr)
	}
	var status []struct {
		Demarche int `json:"demarche"`
		Dossiers int `json:"dossiers"`
		Pending  int `json:"pending_actions"`
	}
	decodeOneJSON(t, "status --json", res.stdout, &status)
	if len(status) != 1 || status[0].Demarche != 1 || status[0].Dossiers != dossiers || status[0].Pending != 0 {
		t.Errorf("status --json: %+v; want démarche 1 with %d dossiers and no pending action", status, dossiers)
	}
}

// exportKeys are the keys ARCHITECTURE.md promises in every export object.
var exportKeys = []string{"number", "ds_state", "complete", "level", "findings", "deadlines", "evaluated_at"}

// checkExportShape: "export --json" is one array, one object per dossier
// with the promised keys, and returns it.
func checkExportShape(t *testing.T, bin, cfg string, dossiers int) []map[string]json.RawMessage {
	res := runSpplus(t, bin, sandboxEnv(), "export", "--config", cfg, "--json")
	if res.code != exitOK {
		t.Fatalf("export --json: exit %d, want 0\nstderr:\n%s", res.code, res.stderr)
	}
	var rows []map[string]json.RawMessage
	decodeOneJSON(t, "export --json", res.stdout, &rows)
	if len(rows) != dossiers {
		t.Errorf("export --json: %d objects, want %d", len(rows), dossiers)
	}
	for i, r := range rows {
		for _, k := range exportKeys {
			if _, ok := r[k]; !ok {
				t.Errorf("export --json: object %d (number %s) has no %q", i, r["number"], k)
			}
		}
		var shape struct {
			Findings  []string          `json:"findings"`
			Deadlines map[string]string `json:"deadlines"`
			Evaluated *string           `json:"evaluated_at"`
		}
		obj, _ := json.Marshal(r)
		if err := json.Unmarshal(obj, &shape); err != nil || shape.Findings == nil || shape.Deadlines == nil || shape.Evaluated == nil {
			t.Errorf("export --json: dossier %s: findings %s, deadlines %s, evaluated_at %s (%v); want an array, an object and a time",
				r["number"], r["findings"], r["deadlines"], r["evaluated_at"], err)
		}
	}
	return rows
}

// checkCheck: "check N --json" of every dossier exits 0 exactly when the
// verdict is complete with a level other than "none", agrees with the
// store, and writes nothing to DS.
func checkCheck(t *testing.T, bin, cfg string, sb sandboxProc, rows []map[string]json.RawMessage) {
	before := len(sb.mutations(t))
	codes := map[int]int{}
	for _, r := range rows {
		var row struct {
			Number   int     `json:"number"`
			Complete bool    `json:"complete"`
			Level    *string `json:"level"`
		}
		obj, _ := json.Marshal(r)
		if err := json.Unmarshal(obj, &row); err != nil {
			t.Fatal(err)
		}
		n := strconv.Itoa(row.Number)
		res := runSpplus(t, bin, sandboxEnv(), "check", n, "--config", cfg, "--json")
		var rep struct {
			Number  int `json:"number"`
			Verdict struct {
				Complete bool    `json:"complete"`
				Level    *string `json:"level"`
			} `json:"verdict"`
		}
		decodeOneJSON(t, "check "+n+" --json", res.stdout, &rep)
		v := rep.Verdict
		want := exitFailed
		if v.Complete && (v.Level == nil || *v.Level != "none") {
			want = exitOK
		}
		if res.code != want || rep.Number != row.Number {
			t.Errorf("check %s --json: exit %d for dossier %d, complete %v, level %s; want exit %d", n, res.code, rep.Number, v.Complete, deref(v.Level), want)
		}
		if v.Complete != row.Complete || deref(v.Level) != deref(row.Level) {
			t.Errorf("check %s: complete %v, level %s; the store says %v, %s", n, v.Complete, deref(v.Level), row.Complete, deref(row.Level))
		}
		codes[res.code]++
	}
	if codes[exitOK] == 0 || codes[exitFailed] == 0 {
		t.Errorf("check exit statuses %v: want both 0 and 1 among the dossiers, or the test proves little", codes)
	}
	if after := len(sb.mutations(t)); after != before {
		t.Errorf("check: the sandbox received %d mutations, want none", after-before)
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// checkSyncDown: with DS unreachable (a closed port, one attempt), sync
// exits 1 and still prints one JSON document.
func checkSyncDown(t *testing.T, bin, cfg, dir string) {
	down := filepath.Join(dir, "down.yaml")
	copyFile(t, cfg, down)
	editConfig(t, down,
		configEdit{"ds.base_url", "http://" + freeAddr(t)},
		configEdit{"ds.max_attempts", 1},
		configEdit{"store.path", filepath.Join(dir, "down.db")},
	)
	reports := syncJSON(t, bin, down, exitFailed)
	if reports[0].Outcome == "success" {
		t.Errorf("sync with DS down: outcome %q, want a failure", reports[0].Outcome)
	}
}

// checkUsageErrors: usage and input errors exit 2, whatever the command,
// with nothing on stdout.
func checkUsageErrors(t *testing.T, bin, cfg string) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown command", []string{"frobnicate"}},
		{"no command", nil},
		{"unknown flag of sync", []string{"sync", "--config", cfg, "--frobnicate"}},
		{"unknown flag of export", []string{"export", "--config", cfg, "--json", "--frobnicate"}},
		{"unknown flag of status", []string{"status", "--frobnicate"}},
		{"check without a dossier", []string{"check", "--config", cfg, "--json"}},
		{"check of a non-number", []string{"check", "douze", "--config", cfg, "--json"}},
		{"export in an unknown format", []string{"export", "--config", cfg, "--format", "xml"}},
		{"sync of an unconfigured démarche", []string{"sync", "--config", cfg, "--demarche", "99", "--json"}},
		{"missing configuration file", []string{"sync", "--config", filepath.Join(t.TempDir(), "none.yaml"), "--json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runSpplus(t, bin, sandboxEnv(), tt.args...)
			if res.code != exitUsage || res.stdout != "" {
				t.Errorf("spplus %v: exit %d, stdout %q; want 2 and nothing on stdout\nstderr:\n%s", tt.args, res.code, tail(res.stdout, 300), tail(res.stderr, 1024))
			}
			if res.stderr == "" {
				t.Errorf("spplus %v: nothing on stderr: a usage error must say what is wrong", tt.args)
			}
		})
	}
}
