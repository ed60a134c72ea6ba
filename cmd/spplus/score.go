package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spplus/spplus/rules"
	"github.com/spplus/spplus/rules/sheets"
)

// cliMaxFileBytes is the default size cap of files read by score and
// evaluate: larger than the daemon's, since a person runs them on their own
// files (a million-respondent CSV is about 80 MB).
const cliMaxFileBytes = 1 << 30

const scoreSynopsis = "users|agents|audit|central FILE [--solicited N] [--headcount N] [--admissible N] [--json]"

// runScore scores one survey or grid file. It exits 0 whenever a result was
// computed, valid or not: validity is part of the result.
func runScore(_ context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "score", scoreSynopsis)
	solicited := fs.Int("solicited", 0, "people asked to answer the survey")
	headcount := fs.Int("headcount", 0, "agents concerned (agents survey)")
	admissible := fs.Int("admissible", 0, "admissible count of a distribution-shaped survey")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	maxBytes := fs.Int64("max-bytes", cliMaxFileBytes, "largest file read, in bytes")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fs.Usage()
		return exitUsage
	}
	if *solicited < 0 || *headcount < 0 || *admissible < 0 {
		fmt.Fprintln(env.stderr, "spplus score: --solicited, --headcount and --admissible must be ≥ 0")
		return exitUsage
	}
	settings := rules.DefaultSettings()
	opt := sheets.Options{Questionnaires: settings.Questionnaires, Admissible: *admissible, MaxBytes: *maxBytes}
	result, err := scoreFile(pos[0], pos[1], opt, *solicited, *headcount, settings)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus score: %v\n", err)
		return exitUsage
	}
	if *asJSON {
		return printJSON(env, result)
	}
	printScoreText(env.stdout, pos[1], result)
	return exitOK
}

// scoreFile parses and scores one file of the given kind.
func scoreFile(kind, path string, opt sheets.Options, solicited, headcount int, s rules.Settings) (any, error) {
	switch kind {
	case "users", "agents":
		sk := rules.SurveyKind(kind)
		tally, err := sheets.OpenAndParseSurvey(path, sk, opt)
		if err != nil {
			return nil, err
		}
		if sk == rules.UsersSurvey {
			return rules.ScoreUsers(tally, solicited, s), nil
		}
		return rules.ScoreAgents(tally, solicited, headcount, s), nil
	case "audit":
		g, err := sheets.OpenAndParseAuditGrid(path, opt)
		if err != nil {
			return nil, err
		}
		return rules.ScoreAudit(g, s), nil
	case "central":
		g, err := sheets.OpenAndParseCentralGrid(path, opt)
		if err != nil {
			return nil, err
		}
		return rules.ScoreCentral(g, s), nil
	}
	return nil, fmt.Errorf("unknown kind %q: expected users, agents, audit or central", kind)
}

// printJSON writes v as one JSON document on stdout.
func printJSON(env *cliEnv, v any) int {
	enc := json.NewEncoder(env.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(env.stderr, "spplus: write JSON: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func printScoreText(w io.Writer, file string, result any) {
	switch r := result.(type) {
	case rules.UsersScore:
		writeSurveyText(w, "Enquête usagers", file, r.SurveyResult, 0)
		writeEngagements(w, r.Engagements)
		fmt.Fprintf(w, "  %-22s %s\n", "Satisfaction globale", scoreText(r.Satisfaction))
		fmt.Fprintf(w, "Score : %s\n", scoreText(r.Score))
	case rules.AgentsScore:
		writeSurveyText(w, "Enquête agents", file, r.SurveyResult, r.Headcount)
		for _, q := range r.Questions {
			fmt.Fprintf(w, "  %-22s %s\n", q.Code, scoreText(q.Note))
		}
		fmt.Fprintf(w, "Score : %s\n", scoreText(r.Score))
	case rules.AuditScore:
		writeAuditText(w, file, r)
	case rules.CentralScore:
		fmt.Fprintf(w, "Grille d'audit du service central — %s\n", file)
		fmt.Fprintf(w, "  Points : %d   Validés : %d (%s %%)\n", r.Points, r.Validated, r.ValidatedPct.French())
		fmt.Fprintf(w, "  Seuil de 75 %% des points validés : %s\n", yesNo(r.Passed, "atteint", "non atteint"))
	}
}
