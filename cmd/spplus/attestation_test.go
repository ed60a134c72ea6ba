package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spplus/spplus/connector/store"
)

// attestationStore writes a store with a few dossiers of démarche 1 (and
// dossier 12 also in démarche 2) and returns its configuration file.
func attestationStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "spplus.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	snaps := map[int][]store.Snapshot{
		1: {
			{Number: 12, State: "accepte", ServiceName: "Caisse d'allocations familiales de la Moselle",
				GroupeInstructeur: "AFNOR Certification", Level: "argent", Complete: true,
				Candidacy: json.RawMessage(`{"service":"local"}`)},
			{Number: 40, State: "accepte", ServiceName: "Direction générale des finances publiques",
				GroupeInstructeur: "Bureau Veritas Certification", Level: "or", Complete: true,
				Candidacy: json.RawMessage(`{"Service":"central","Central":{"Locals":[
					{"Name":"SIP Metz","AuditedYear":2026,"Level":"or"},{"Name":"SIP Nancy","AuditedYear":2026,"Level":"none"}]}}`)},
			{Number: 13, State: "refuse", ServiceName: "Mairie", GroupeInstructeur: "AFNOR Certification", Level: "none"},
			{Number: 14, State: "accepte", ServiceName: "Mairie", GroupeInstructeur: "AFNOR Certification", Level: "or", Deleted: true},
		},
		2: {{Number: 77, State: "accepte", ServiceName: "Préfecture", GroupeInstructeur: "AFNOR Certification", Level: "bronze"},
			{Number: 40, State: "en_instruction", ServiceName: "Autre", GroupeInstructeur: "AFNOR Certification"}},
	}
	for dem, list := range snaps {
		for _, s := range list {
			if _, err := st.SaveSnapshotAndPlan(dem, s, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "spplus.yaml")
	if err := os.WriteFile(cfg, []byte("store:\n  path: spplus.db\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// runCLI runs the attestation command in-process.
func runAttestationCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	env := &cliEnv{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = runAttestation(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestAttestationCommand(t *testing.T) {
	cfg := attestationStore(t)
	dir := t.TempDir()
	input := filepath.Join(dir, "input.json")
	if err := os.WriteFile(input, []byte(`{"service_name":"Mairie de Metz","level":"bronze","decision_date":"2026-03-31",
		"certification_body":"AFNOR Certification","demarche":5,"dossier":9,"sites":["Metz"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "a.pdf")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string // substring; "" for none expected
		stderr   string
		wantFile bool
	}{
		{"local from the store", []string{"12", "--config", cfg, "--out", out, "--decision-date", "2026-07-01", "--site", "Metz", "--json"},
			0, `"reference": "SP+-1-12-2026"`, "", true},
		{"valid until in JSON", []string{"12", "--config", cfg, "--out", out, "--decision-date", "2026-07-01", "--json"},
			0, `"valid_until": "2029-06-30"`, "no site given", true},
		{"central from the store, démarche chosen", []string{"40", "--demarche", "1", "--config", cfg, "--out", out, "--decision-date", "2026-07-01"},
			0, "Services publics locaux labellisés : 1", "", true},
		{"text output", []string{"--config", cfg, "--out", out, "77", "--decision-date", "2026-07-01"},
			0, "palier Bronze, valable du 01/07/2026 au 30/06/2029", "", true},
		{"from a JSON file", []string{"--json-input", input, "--out", out, "--json"}, 0, `"reference": "SP+-5-9-2026"`, "", true},
		{"JSON file and matching number", []string{"9", "--json-input", input, "--out", out}, 0, "SP+-5-9-2026", "", true},
		{"not labelled", []string{"13", "--config", cfg, "--out", out, "--decision-date", "2026-07-01"}, 1, "", `level "none": no attestation`, false},
		{"deleted", []string{"14", "--config", cfg, "--out", out, "--decision-date", "2026-07-01"}, 1, "", "was deleted", false},
		{"not in the store", []string{"99", "--config", cfg, "--out", out}, 2, "", "dossier 99 is not in the store", false},
		{"in two démarches", []string{"40", "--config", cfg, "--out", out}, 2, "", "choose one with --demarche", false},
		{"JSON file and other number", []string{"8", "--json-input", input, "--out", out}, 2, "", "describes dossier 9, not dossier 8", false},
		{"JSON file with store flags", []string{"--json-input", input, "--out", out, "--site", "x"}, 2, "", "apply to the store only", false},
		{"unreadable JSON file", []string{"--json-input", filepath.Join(dir, "none.json"), "--out", out}, 2, "", "read JSON input", false},
		{"no --out", []string{"12", "--config", cfg}, 2, "", "--out FILE.pdf is required", false},
		{"no number", []string{"--config", cfg, "--out", out}, 2, "", "expected the dossier number N", false},
		{"bad number", []string{"douze", "--out", out}, 2, "", `expected a positive integer, got "douze"`, false},
		{"bad date", []string{"12", "--config", cfg, "--out", out, "--decision-date", "01/07/2026"}, 2, "", "--decision-date: expected a date YYYY-MM-DD", false},
		{"unknown flag", []string{"12", "--out", out, "--palier", "or"}, 2, "", "flag provided but not defined", false},
		{"empty site", []string{"12", "--out", out, "--site", " "}, 2, "", "expected a non-empty value", false},
		{"unwritable output", []string{"12", "--config", cfg, "--out", filepath.Join(dir, "no", "dir", "a.pdf"), "--decision-date", "2026-07-01"}, 1, "", "write ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_ = os.Remove(out)
			code, stdout, stderr := runAttestationCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stdout %q\nstderr %q\nwant %q and %q", stdout, stderr, tt.stdout, tt.stderr)
			}
			pdf, err := os.ReadFile(out)
			if tt.wantFile != (err == nil) || (tt.wantFile && !bytes.HasPrefix(pdf, []byte("%PDF-"))) {
				t.Errorf("file written: %v (%d bytes), want %t", err, len(pdf), tt.wantFile)
			}
		})
	}
}

// TestAttestationCommandJSON checks the whole --json document and that the
// command leaves no temporary file behind.
func TestAttestationCommandJSON(t *testing.T) {
	cfg := attestationStore(t)
	out := filepath.Join(t.TempDir(), "central.pdf")
	code, stdout, stderr := runAttestationCLI("40", "--demarche", "1", "--config", cfg, "--out", out, "--decision-date", "2028-02-29", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got attestationResult
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	want := attestationResult{Out: out, Reference: "SP+-1-40-2028", Demarche: 1, Dossier: 40,
		ServiceName: "Direction générale des finances publiques", Level: "or", Central: true, Locals: 1,
		DecisionDate: "2028-02-29", ValidUntil: "2031-02-27", Bytes: got.Bytes, Checksum: got.Checksum}
	if got != want || got.Bytes == 0 || len(got.Checksum) != 24 {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil || len(entries) != 1 {
		t.Errorf("output directory holds %v (%v), want only the PDF", entries, err)
	}
}
