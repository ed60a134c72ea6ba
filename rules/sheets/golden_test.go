package sheets

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden parses every file in testdata/ and compares the result (the
// tally or grid as JSON, or the error) with its .golden file. The file's
// name says what it is: users_*, agents_*, grid_local*, grid_central*, and
// bad_* for files that must be refused (ARCHITECTURE.md "Survey and grid
// files"). Run with -update to rewrite them after a reviewed change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			got := parseGolden(t, path)
			golden := strings.TrimSuffix(path, ".csv") + ".golden"
			if *update {
				mustDo(t, os.WriteFile(golden, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", path, golden, got)
			}
		})
	}
}

// parseGolden parses path according to its name and renders the outcome.
func parseGolden(t *testing.T, path string) string {
	base := strings.TrimPrefix(filepath.Base(path), "bad_")
	var v any
	var err error
	switch {
	case strings.HasPrefix(base, "users_"):
		v, err = OpenAndParseSurvey(path, rules.UsersSurvey, Options{})
	case strings.HasPrefix(base, "agents_"):
		v, err = OpenAndParseSurvey(path, rules.AgentsSurvey, Options{})
	case strings.HasPrefix(base, "grid_central"):
		v, err = OpenAndParseCentralGrid(path, Options{})
	case strings.HasPrefix(base, "grid_"):
		v, err = OpenAndParseAuditGrid(path, Options{})
	default:
		t.Fatalf("%s: name says nothing of its kind", path)
	}
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}
