package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spplus/spplus/connector/report"
	"github.com/spplus/spplus/connector/store"
)

func runExport(_ context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "export", "[--config FILE] [--json | --format csv|json|ics] [--demarche N] [--out FILE]")
	cfgPath := fs.String("config", "", "configuration file")
	asJSON := fs.Bool("json", false, "print a JSON array (same as --format json)")
	format := fs.String("format", "csv", "csv (French Excel: ';', UTF-8 BOM, dd/mm/yyyy), json, or ics (iCalendar feed of deadlines)")
	only := fs.Int("demarche", 0, "only this démarche")
	outPath := fs.String("out", "", "write to FILE instead of stdout")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *asJSON {
		*format = "json"
	}
	if *format != "csv" && *format != "json" && *format != "ics" {
		fmt.Fprintf(env.stderr, "spplus export: --format: expected csv, json or ics, got %q\n", *format)
		return exitUsage
	}
	cfg, err := loadConfig(env, *cfgPath)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus export: %v\n", err)
		return exitUsage
	}
	st, err := openStore(cfg, true)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus export: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	paris := parisLocation()
	rows, err := exportRows(st, *only, time.Now().In(paris).Format(time.DateOnly))
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus export: %v\n", err)
		return exitFailed
	}
	if err := writeExport(env.stdout, *outPath, *format, rows, paris); err != nil {
		fmt.Fprintf(env.stderr, "spplus export: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func writeExport(stdout io.Writer, path, format string, rows []report.Row, loc *time.Location) error {
	w, closeOut := stdout, func() error { return nil }
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		w, closeOut = f, f.Close
	}
	var err error
	switch format {
	case "json":
		err = report.WriteJSON(w, rows)
	case "ics":
		err = report.WriteICS(w, rows, time.Now())
	default:
		err = report.WriteCSV(w, rows, loc)
	}
	if cerr := closeOut(); err == nil && cerr != nil {
		err = fmt.Errorf("write %s: %w", path, cerr)
	}
	return err
}

// exportRows reads every démarche's dossiers from the store as export rows.
func exportRows(st *store.Store, only int, today string) ([]report.Row, error) {
	numbers, err := st.Demarches()
	if err != nil {
		return nil, err
	}
	var rows []report.Row
	for _, n := range numbers {
		if only != 0 && n != only {
			continue
		}
		snaps, err := st.Snapshots(n)
		if err != nil {
			return nil, fmt.Errorf("démarche %d: %w", n, err)
		}
		rows = append(rows, report.FromSnapshots(n, snaps, today)...)
	}
	return rows, nil
}
