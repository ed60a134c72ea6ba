package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/spplus/spplus/connector/store"
)

// demarcheStatus is what `spplus status` says of one démarche.
type demarcheStatus struct {
	Demarche      int            `json:"demarche"`
	Dossiers      int            `json:"dossiers"`
	Complete      int            `json:"complete"`
	ByState       map[string]int `json:"by_ds_state"`
	ByStatus      map[string]int `json:"by_status"`
	ByLevel       map[string]int `json:"by_level"`
	Quarantined   []int          `json:"quarantined"`
	PendingAction int            `json:"pending_actions"`
	UpdatedSince  *time.Time     `json:"updated_since"`
	LastSuccess   *time.Time     `json:"last_success"`
	Passes        []store.Pass   `json:"last_passes"`
}

func runStatus(_ context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "status", "[--config FILE] [--json]")
	cfgPath := fs.String("config", "", "configuration file")
	asJSON := fs.Bool("json", false, "print the status as JSON")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	cfg, err := loadConfig(env, *cfgPath)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus status: %v\n", err)
		return exitUsage
	}
	st, err := openStore(cfg, true)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus status: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	out, err := collectStatus(st)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus status: %v\n", err)
		return exitFailed
	}
	if *asJSON {
		return printJSON(env, out)
	}
	for _, d := range out {
		writeStatusText(env.stdout, d)
	}
	if len(out) == 0 {
		fmt.Fprintf(env.stdout, "Aucune démarche synchronisée dans %s.\n", st.Path())
	}
	return exitOK
}

func collectStatus(st *store.Store) ([]demarcheStatus, error) {
	numbers, err := st.Demarches()
	if err != nil {
		return nil, err
	}
	out := make([]demarcheStatus, 0, len(numbers))
	for _, n := range numbers {
		d, err := demarcheStatusOf(st, n)
		if err != nil {
			return nil, fmt.Errorf("démarche %d: %w", n, err)
		}
		out = append(out, d)
	}
	return out, nil
}

func demarcheStatusOf(st *store.Store, n int) (demarcheStatus, error) {
	d := demarcheStatus{Demarche: n, ByState: map[string]int{}, ByStatus: map[string]int{}, ByLevel: map[string]int{}, Quarantined: []int{}}
	err := st.ForEachSnapshotState(n, func(s store.Snapshot) bool {
		if s.Deleted {
			return true
		}
		d.Dossiers++
		d.ByState[s.State]++
		d.ByStatus[orDash(s.Status)]++
		d.ByLevel[orDash(s.Level)]++
		if s.Complete {
			d.Complete++
		}
		if s.Quarantined {
			d.Quarantined = append(d.Quarantined, s.Number)
		}
		return true
	})
	if err != nil {
		return d, err
	}
	if d.PendingAction, _, err = st.OpenCounts(n); err != nil {
		return d, err
	}
	cp, err := st.Checkpoint(n)
	if err != nil {
		return d, err
	}
	d.UpdatedSince, d.LastSuccess = timePtr(cp.UpdatedSince), timePtr(cp.LastSuccess)
	if d.Passes, err = st.Passes(n, 5); err != nil {
		return d, err
	}
	return d, nil
}

func writeStatusText(w io.Writer, d demarcheStatus) {
	paris := parisLocation()
	fmt.Fprintf(w, "Démarche %d : %d dossiers, %d complets\n", d.Demarche, d.Dossiers, d.Complete)
	writeCounts(w, "État DS", d.ByState)
	writeCounts(w, "Statut SP+", d.ByStatus)
	writeCounts(w, "Niveau", d.ByLevel)
	fmt.Fprintf(w, "  Actions en attente : %d\n", d.PendingAction)
	if len(d.Quarantined) > 0 {
		fmt.Fprintf(w, "  En quarantaine : %v (relancer avec spplus sync --dossier N)\n", d.Quarantined)
	}
	if d.LastSuccess != nil {
		fmt.Fprintf(w, "  Dernière passe réussie : %s\n", d.LastSuccess.In(paris).Format("02/01/2006 15:04:05"))
	}
	for _, p := range d.Passes {
		fmt.Fprintf(w, "  passe %d (%s) %s : %s, %d vus, %d évalués, %d actions, %d erreurs %s\n",
			p.ID, p.Trigger, p.Start.In(paris).Format("02/01/2006 15:04:05"), p.Outcome, p.Seen, p.Evaluated, p.Actions, p.Errors, p.Error)
	}
}

func writeCounts(w io.Writer, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "  %s :", title)
	for _, k := range keys {
		fmt.Fprintf(w, " %s %d ;", k, m[k])
	}
	fmt.Fprintln(w)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// parisLocation is Europe/Paris (embedded by time/tzdata in main).
func parisLocation() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.UTC
	}
	return loc
}
