package main

import (
	"context"
	"fmt"

	"github.com/spplus/spplus/rules"
	"github.com/spplus/spplus/rules/sheets"
)

// runEvaluate judges a candidacy given as JSON, offline. It exits 0 when the
// candidacy is complete and reaches a level, 1 otherwise, 2 on input errors.
func runEvaluate(_ context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "evaluate", "CANDIDACY.json [--json]")
	asJSON := fs.Bool("json", false, "print the verdict as JSON")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	settings := rules.DefaultSettings()
	c, err := sheets.LoadCandidacy(pos[0], sheets.Options{Questionnaires: settings.Questionnaires, MaxBytes: cliMaxFileBytes})
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus evaluate: %v\n", err)
		return exitUsage
	}
	v := rules.Evaluate(c, settings)
	if *asJSON {
		if code := printJSON(env, v); code != exitOK {
			return code
		}
	} else {
		writeVerdictText(env.stdout, pos[0], v)
	}
	return verdictExit(v)
}

// verdictExit is the exit status of evaluate and check: 0 when complete with
// a level, 1 when incomplete or below bronze (ARCHITECTURE.md).
func verdictExit(v rules.Verdict) int {
	if v.Complete && v.Level != rules.LevelNone {
		return exitOK
	}
	return exitFailed
}
