package main

import (
	"context"
	"fmt"
	"strconv"
)

// runCheck evaluates one dossier and prints the verdict and the actions a
// pass would plan; it writes nothing to DS nor to the store.
func runCheck(ctx context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "check", "N [--config FILE] [--demarche N] [--json]")
	cfgPath := fs.String("config", "", "configuration file")
	only := fs.Int("demarche", 0, "démarche of the dossier (default: the only configured one)")
	asJSON := fs.Bool("json", false, "print the check report as JSON")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	number, err := dossierArg(pos)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus check: %v\n", err)
		fs.Usage()
		return exitUsage
	}
	cfg, err := loadConfig(env, *cfgPath)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus check: %v\n", err)
		return exitUsage
	}
	log, err := commandLogger(env, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus check: %v\n", err)
		return exitUsage
	}
	numbers, err := selectDemarches(cfg.Numbers(), *only, number)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus check: %v\n", err)
		return exitUsage
	}
	e, err := newEngine(cfg, log, engineOptions{dryRun: true})
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus check: %v\n", err)
		return exitUsage
	}
	defer e.Close()
	rep, err := e.syncer.Check(ctx, numbers[0], number)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus check: dossier %d: %v\n", number, err)
		return exitFailed
	}
	if *asJSON {
		if code := printJSON(env, rep); code != exitOK {
			return code
		}
	} else {
		writeVerdictText(env.stdout, fmt.Sprintf("dossier %d (%s)", rep.Number, rep.State), rep.Verdict)
		for _, a := range rep.Actions {
			fmt.Fprintf(env.stdout, "Action prévue : [%s] %s\n", a.Kind, a.Summary)
		}
	}
	return verdictExit(rep.Verdict)
}

// dossierArg reads the one positional dossier number.
func dossierArg(pos []string) (int, error) {
	if len(pos) != 1 {
		return 0, fmt.Errorf("expected one dossier number, got %d arguments", len(pos))
	}
	n, err := strconv.Atoi(pos[0])
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("dossier number: expected a positive integer, got %q", pos[0])
	}
	return n, nil
}
