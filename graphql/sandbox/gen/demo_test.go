package gen

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite graphql/sandbox/demo.json")

const demoPath = "../demo.json"

// demoData returns the shipped demo file's expected content: Generate's
// output for DemoOptions, indented for reading.
func demoData(t *testing.T) []byte {
	t.Helper()
	out, err := Generate(DemoOptions())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := json.Indent(&b, out, "", "  "); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDemoDataUpToDate fails when graphql/sandbox/demo.json is not what the
// generator makes; `go test ./graphql/sandbox/gen -run TestDemoDataUpToDate
// -update` (or `go generate ./graphql/sandbox/gen`) rewrites it.
func TestDemoDataUpToDate(t *testing.T) {
	want := demoData(t)
	if *update {
		if err := os.WriteFile(demoPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(demoPath)
	if err != nil {
		t.Fatalf("read %s: %v (run with -update to write it)", demoPath, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go test ./graphql/sandbox/gen -run TestDemoDataUpToDate -update", demoPath)
	}
	if len(want) > 1_500_000 {
		t.Errorf("demo data is %d bytes, want under 1.5 MB", len(want))
	}
}

// TestDemoShowsEveryCase checks a newcomer sees each interesting case in
// the demo: a candidacy labellisable at each level, missing pieces, late
// dates, invalid surveys, a bad file, a file not yet scanned, a central
// service, a follow-up, an accepted and a refused dossier, and a dossier
// in instruction with its grid.
func TestDemoShowsEveryCase(t *testing.T) {
	f := parseData(t, demoData(t))
	seen := map[string]bool{}
	for _, d := range f.Demarches[0].Dossiers {
		champ := func(label string) map[string]any {
			for _, c := range d["champs"].([]any) {
				if c := c.(map[string]any); c["label"] == label {
					return c
				}
			}
			t.Fatalf("dossier %v has no champ %q", d["number"], label)
			return nil
		}
		seen[d["state"].(string)] = true
		seen[valueOf(champ("Type de service"))] = true
		seen[valueOf(champ("Type d'audit"))] = true
		if len(champ("Grille d'audit")["files"].([]any)) > 0 && d["state"] == "en_instruction" {
			seen["grid in instruction"] = true
		}
		if len(champ("Organigramme du service")["files"].([]any)) == 0 && valueOf(champ("Type de service")) == OptionServiceLocal {
			seen["missing organigram"] = true
		}
		for _, c := range d["champs"].([]any) {
			for _, file := range filesOf(c) {
				if file["virusScanResult"] == "pending" {
					seen["pending file"] = true
				}
			}
		}
	}
	for _, want := range []string{"en_construction", "en_instruction", "accepte", "refuse", OptionServiceCentral,
		OptionAuditFollowup, OptionAuditRenewal, "grid in instruction", "missing organigram", "pending file"} {
		if !seen[want] {
			t.Errorf("the demo shows no %q", want)
		}
	}
	if len(showcase()) > DemoOptions().N {
		t.Errorf("the demo's %d dossiers cannot hold the %d showcase cases", DemoOptions().N, len(showcase()))
	}
}

func valueOf(c map[string]any) string {
	s, _ := c["value"].(string)
	return s
}

func filesOf(c any) []map[string]any {
	var out []map[string]any
	files, _ := c.(map[string]any)["files"].([]any)
	for _, f := range files {
		out = append(out, f.(map[string]any))
	}
	return out
}
