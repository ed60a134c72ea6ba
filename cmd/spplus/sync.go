package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spplus/spplus/connector"
	"github.com/spplus/spplus/connector/store"
)

// runSync runs one pass now, of every configured démarche or of one dossier.
// It exits 0 when every pass succeeded, 1 otherwise.
func runSync(ctx context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "sync", "[--config FILE] [--demarche N] [--dossier N] [--dry-run] [--json]")
	cfgPath := fs.String("config", "", "configuration file")
	only := fs.Int("demarche", 0, "only this démarche (default: every configured one)")
	dossier := fs.Int("dossier", 0, "only this dossier (also lifts its quarantine)")
	dryRun := fs.Bool("dry-run", false, "print the planned actions; write nothing to DS nor to the store")
	asJSON := fs.Bool("json", false, "print the pass reports as JSON")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	cfg, err := loadConfig(env, *cfgPath)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sync: %v\n", err)
		return exitUsage
	}
	log, err := commandLogger(env, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sync: %v\n", err)
		return exitUsage
	}
	numbers, err := selectDemarches(cfg.Numbers(), *only, *dossier)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sync: %v\n", err)
		return exitUsage
	}
	progress := terminalProgress(env.stderr)
	e, err := newEngine(cfg, log, engineOptions{dryRun: *dryRun, progress: progress})
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sync: %v\n", err)
		return exitUsage
	}
	defer e.Close()
	reports, failed := syncAll(ctx, env, e, numbers, *dossier)
	if progress != nil {
		fmt.Fprintln(env.stderr)
	}
	if *asJSON {
		if code := printJSON(env, reports); code != exitOK {
			return code
		}
	} else {
		for i := range reports {
			fmt.Fprint(env.stdout, reports[i].String())
		}
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// selectDemarches picks the démarches a sync covers; a dossier needs one.
func selectDemarches(configured []int, only, dossier int) ([]int, error) {
	if only != 0 {
		for _, n := range configured {
			if n == only {
				return []int{n}, nil
			}
		}
		return nil, fmt.Errorf("démarche %d is not in the configuration (configured: %v)", only, configured)
	}
	if dossier != 0 && len(configured) > 1 {
		return nil, fmt.Errorf("--dossier needs --demarche when several démarches are configured (%v)", configured)
	}
	return configured, nil
}

// syncAll runs the passes and reports whether any failed.
func syncAll(ctx context.Context, env *cliEnv, e *engine, numbers []int, dossier int) ([]connector.PassReport, bool) {
	reports := make([]connector.PassReport, 0, len(numbers))
	failed := false
	for _, n := range numbers {
		var rep connector.PassReport
		var err error
		if dossier != 0 {
			rep, err = e.syncer.SyncDossier(ctx, n, dossier, store.TriggerCLI)
		} else {
			rep, err = e.syncer.Sync(ctx, n, store.TriggerCLI)
		}
		reports = append(reports, rep)
		if err != nil {
			failed = true
			fmt.Fprintf(env.stderr, "spplus sync: démarche %d: %v\n", n, err)
			if errors.Is(err, connector.ErrAlreadyRunning) {
				fmt.Fprintln(env.stderr, "  (another pass of this démarche is running: the daemon holds it)")
			}
		}
	}
	return reports, failed
}
