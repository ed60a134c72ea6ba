package sheets

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spplus/spplus/rules"
)

// LoadCandidacy reads a candidacy JSON file (ARCHITECTURE.md, "Candidacy
// JSON") and the survey and grid files it refers to, which are relative to
// the JSON file's directory. Any file that cannot be read or parsed is an
// error naming the file (and line or cell): the evaluate command treats it as
// an input error, unlike the connector, which turns an unreadable attachment
// into a FILE_UNREADABLE finding.
func LoadCandidacy(path string, opt Options) (rules.Candidacy, error) {
	f, err := os.Open(path)
	if err != nil {
		return rules.Candidacy{}, fmt.Errorf("read candidacy: %w", err)
	}
	defer f.Close()
	c, files, err := rules.DecodeCandidacy(f)
	if err != nil {
		return rules.Candidacy{}, fmt.Errorf("%s: %w", path, err)
	}
	dir := filepath.Dir(path)
	resolve := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	if p := files.UsersSurvey; p != "" {
		if c.UsersSurvey.Tally, err = OpenAndParseSurvey(resolve(p), rules.UsersSurvey, opt); err != nil {
			return rules.Candidacy{}, fmt.Errorf("users_survey.file: %w", err)
		}
	}
	if p := files.AgentsSurvey; p != "" {
		if c.AgentsSurvey.Tally, err = OpenAndParseSurvey(resolve(p), rules.AgentsSurvey, opt); err != nil {
			return rules.Candidacy{}, fmt.Errorf("agents_survey.file: %w", err)
		}
	}
	if p := files.AuditGrid; p != "" {
		g, err := OpenAndParseAuditGrid(resolve(p), opt)
		if err != nil {
			return rules.Candidacy{}, fmt.Errorf("audit_grid.file: %w", err)
		}
		c.AuditGrid.Grid = &g
	}
	if p := files.CentralGrid; p != "" {
		g, err := OpenAndParseCentralGrid(resolve(p), opt)
		if err != nil {
			return rules.Candidacy{}, fmt.Errorf("central_grid.file: %w", err)
		}
		c.Central.Grid.Grid = &g
	}
	return c, nil
}
