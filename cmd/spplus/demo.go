package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector"
	"github.com/spplus/spplus/connector/report"
	"github.com/spplus/spplus/graphql/sandbox"
)

// demoReport is what `spplus demo --json` prints.
type demoReport struct {
	Passes    []connector.PassReport     `json:"passes"`
	Dossiers  []report.Row               `json:"dossiers"`
	Mutations []sandbox.RecordedMutation `json:"mutations"`
}

// runDemo starts the embedded sandbox with the demo dossiers, configures
// spplus for it the way "spplus init" would, and runs three passes: the
// first judges every dossier and acts, the second (nothing changed) repeats
// nothing, the third, eight days later, sends the reminders that are due.
func runDemo(ctx context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "demo", "[--json] [--dir DIR]")
	asJSON := fs.Bool("json", false, "print what happened as one JSON document")
	dir := fs.String("dir", "", "keep the demo's configuration and store in DIR (default: a temporary directory)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	out, err := demo(ctx, env, *dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus demo: %v\n", err)
		return exitFailed
	}
	if *asJSON {
		return printJSON(env, out)
	}
	writeDemoText(env.stdout, out)
	return exitOK
}

func demo(ctx context.Context, env *cliEnv, dir string) (demoReport, error) {
	var out demoReport
	sb, err := sandbox.New(sandbox.DemoData(), sandbox.Options{Token: sandbox.DefaultToken})
	if err != nil {
		return out, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return out, fmt.Errorf("listen on loopback: %w", err)
	}
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed at Shutdown.
	defer srv.Close()

	if dir == "" {
		tmp, err := os.MkdirTemp("", "spplus-demo-")
		if err != nil {
			return out, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	cfg, err := demoConfig(ctx, env, "http://"+ln.Addr().String(), dir)
	if err != nil {
		return out, err
	}
	log := zerolog.Nop()
	e, err := newEngineWithClock(cfg, log, sb.Now)
	if err != nil {
		return out, err
	}
	defer e.Close()
	for i, advance := range []time.Duration{0, 0, 8 * 24 * time.Hour} {
		if advance > 0 {
			if _, err := sb.Advance(advance); err != nil {
				return out, err
			}
		}
		rep, err := e.syncer.Sync(ctx, 1, "demo")
		if err != nil {
			return out, fmt.Errorf("pass %d: %w", i+1, err)
		}
		out.Passes = append(out.Passes, rep)
	}
	snaps, err := e.store.Snapshots(1)
	if err != nil {
		return out, err
	}
	out.Dossiers = report.FromSnapshots(1, snaps, sb.Now().In(parisLocation()).Format(time.DateOnly))
	out.Mutations = sb.Mutations()
	return out, nil
}

// demoConfig maps the sandbox's démarche as "spplus init" would, and lets
// spplus move complete dossiers to "en instruction" itself, so the demo shows
// a state change; acceptances and refusals stay proposals for a human.
func demoConfig(ctx context.Context, env *cliEnv, baseURL, dir string) (config.Config, error) {
	demoEnv := &cliEnv{stdout: env.stdout, stderr: env.stderr, getenv: func(k string) string {
		if k == "SPPLUS_DS_TOKEN" {
			return sandbox.DefaultToken
		}
		return ""
	}}
	cfg, err := initBaseConfig(demoEnv, baseURL)
	if err != nil {
		return cfg, err
	}
	client, err := newDSClient(cfg, zerolog.Nop(), nil, nil)
	if err != nil {
		return cfg, err
	}
	dem, err := client.Demarche(ctx, 1)
	if err != nil {
		return cfg, fmt.Errorf("read the sandbox démarche: %w", err)
	}
	m := mapDemarche(dem, "")
	d := config.DefaultDemarche()
	d.Number, d.InstructeurID, d.Fields, d.Annotations = dem.Number, m.instructeur, m.fields, m.annotations
	d.Decisions.PasserEnInstruction = config.PolicyAuto
	cfg.Demarches = []config.Demarche{d}
	cfg.Store.Path = filepath.Join(dir, "spplus.db")

	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("demo configuration: %w", err)
	}
	text, err := config.Render(cfg, m.labels, m.unused)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "spplus.yaml"), text, 0o644)
	}
	// The sandbox is local: DS's per-token budget, which the configuration
	// caps at 400 a minute, would only slow the demo down.
	cfg.DS.RequestsPerMinute = 60000
	return cfg, err
}

func writeDemoText(w io.Writer, out demoReport) {
	fmt.Fprintln(w, "spplus demo — le bac à sable DS (démarche 1, dossiers de démonstration), trois passes de synchronisation")
	titles := []string{"1re passe : tout est évalué", "2e passe, rien n'a changé : aucune action répétée", "3e passe, 8 jours plus tard : relances"}
	for i, p := range out.Passes {
		fmt.Fprintf(w, "\n%s — %d dossiers lus, %d évalués, %d actions faites, %d ignorées (déjà faites), %d en échec\n",
			titles[i], p.Seen, p.Evaluated, p.Done, p.Skipped, p.Failed)
	}
	fmt.Fprintln(w, "\nDossiers :")
	fmt.Fprintf(w, "  %-4s %-44s %-16s %-26s %-8s %s\n", "N°", "Service", "État DS", "Statut SP+", "Niveau", "Constats")
	for _, r := range out.Dossiers {
		level := "—"
		if r.Level != nil {
			level = *r.Level
		}
		fmt.Fprintf(w, "  %-4d %-44s %-16s %-26s %-8s %s\n", r.Number, clip(r.ServiceName, 44), r.DSState, clip(r.Status, 26), level, strings.Join(r.Findings, ", "))
	}
	fmt.Fprintln(w, "\nMutations reçues par le bac à sable :")
	counts := map[string]int{}
	for _, m := range out.Mutations {
		counts[m.Name]++
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-32s %d\n", n, counts[n])
	}
	if msg := firstMessage(out.Mutations); msg != "" {
		fmt.Fprintf(w, "\nPremier message envoyé à un candidat :\n%s\n", indent(msg, "  | "))
	}
	fmt.Fprintln(w, "\nPour aller plus loin : spplus run --sandbox (pages de suivi sur http://127.0.0.1:8080/), spplus sync --dry-run, README.md.")
}

func firstMessage(ms []sandbox.RecordedMutation) string {
	for _, m := range ms {
		if m.Name == "dossierEnvoyerMessage" && len(m.Errors) == 0 {
			if body, ok := m.Input["body"].(string); ok {
				return body
			}
		}
	}
	return ""
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// newEngineWithClock is newEngine with the connector reading the given
// clock (the sandbox's, in the demo, so that reminders fall due).
func newEngineWithClock(cfg config.Config, log zerolog.Logger, now func() time.Time) (*engine, error) {
	return newEngine(cfg, log, engineOptions{now: now})
}
