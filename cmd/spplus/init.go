package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
)

const initSynopsis = "--endpoint URL --demarche N [--instructeur ID] --out FILE [--force]"

// runInit reads a démarche's descriptors and writes a commented configuration
// that maps every candidacy input it recognises by label.
func runInit(ctx context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "init", initSynopsis)
	endpoint := fs.String("endpoint", graphql.DefaultBaseURL, "DS base URL (or its /api/v2/graphql endpoint)")
	number := fs.Int("demarche", 0, "démarche number")
	instructeur := fs.String("instructeur", "", "instructeur id spplus writes as (default: the one in the most groupes instructeurs)")
	out := fs.String("out", "", "configuration file to write")
	force := fs.Bool("force", false, "overwrite --out if it exists")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *number <= 0 || *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	cfg, err := initBaseConfig(env, *endpoint)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus init: %v\n", err)
		return exitUsage
	}
	client, err := newDSClient(cfg, zerolog.Nop(), nil, nil)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus init: %v\n", err)
		return exitUsage
	}
	dem, err := client.Demarche(ctx, *number)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus init: read démarche %d: %v\n", *number, err)
		return exitFailed
	}
	m := mapDemarche(dem, *instructeur)
	d := config.DefaultDemarche()
	d.Number, d.InstructeurID, d.Fields, d.Annotations = dem.Number, m.instructeur, m.fields, m.annotations
	cfg.Demarches = []config.Demarche{d}
	text, err := config.Render(cfg, m.labels, m.unused)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus init: %v\n", err)
		return exitFailed
	}
	if err := writeNewFile(*out, text, *force); err != nil {
		fmt.Fprintf(env.stderr, "spplus init: %v\n", err)
		return exitUsage
	}
	m.report(env, dem, *out)
	return exitOK
}

// initBaseConfig is the default configuration pointed at endpoint, with the
// token from the environment.
func initBaseConfig(env *cliEnv, endpoint string) (config.Config, error) {
	cfg := config.Default()
	if err := cfg.ApplyEnv(env.getenv); err != nil {
		return cfg, err
	}
	if err := cfg.ReadSecretFiles(); err != nil {
		return cfg, err
	}
	cfg.DS.BaseURL = strings.TrimSuffix(strings.TrimRight(endpoint, "/"), graphql.EndpointPath)
	return cfg, nil
}

// demarcheMapping is what init found on a démarche.
type demarcheMapping struct {
	fields, annotations map[string]string // vocabulary key → descriptor id
	labels              map[string]string // descriptor id → label, for comments
	unused              []string          // labels of descriptors spplus does not read
	instructeur         string
	instructeurGroups   int
}

func mapDemarche(dem *graphql.Demarche, instructeur string) demarcheMapping {
	m := demarcheMapping{fields: map[string]string{}, annotations: map[string]string{}, labels: map[string]string{}}
	m.mapDescriptors(dem.Revision.ChampDescriptors, config.FieldByLabel, m.fields)
	m.mapDescriptors(dem.Revision.AnnotationDescriptors, config.AnnotationByLabel, m.annotations)
	m.instructeur, m.instructeurGroups = instructeur, -1
	if instructeur == "" {
		m.instructeur, m.instructeurGroups = widestInstructeur(dem.GroupeInstructeurs)
	}
	return m
}

// mapDescriptors maps each descriptor (and repetition child) whose label is
// in the vocabulary; the first descriptor wins when two share a label.
func (m *demarcheMapping) mapDescriptors(ds []graphql.ChampDescriptor, byLabel func(string) (config.FieldSpec, bool), into map[string]string) {
	for _, d := range ds {
		spec, ok := byLabel(d.Label)
		if _, taken := into[spec.Key]; ok && !taken {
			into[spec.Key] = d.ID
			m.labels[d.ID] = d.Label
		} else if !strings.HasPrefix(d.Typename, "HeaderSection") && !strings.HasPrefix(d.Typename, "Explication") {
			m.unused = append(m.unused, d.Label)
		}
		m.mapDescriptors(d.Children, byLabel, into)
	}
}

// widestInstructeur returns the instructeur who belongs to the most open
// groupes instructeurs: mutations need an instructeur who sees the dossier.
func widestInstructeur(groups []graphql.GroupeInstructeur) (string, int) {
	count := map[string]int{}
	var order []string
	for _, g := range groups {
		if g.Closed {
			continue
		}
		for _, in := range g.Instructeurs {
			if count[in.ID] == 0 {
				order = append(order, in.ID)
			}
			count[in.ID]++
		}
	}
	best, n := "", 0
	for _, id := range order {
		if count[id] > n {
			best, n = id, count[id]
		}
	}
	return best, n
}

func (m demarcheMapping) report(env *cliEnv, dem *graphql.Demarche, out string) {
	fmt.Fprintf(env.stderr, "spplus init: démarche %d « %s »: %d of %d fields and %d of %d annotations mapped; wrote %s\n",
		dem.Number, dem.Title, len(m.fields), len(config.Fields()), len(m.annotations), len(config.Annotations()), out)
	var missing []string
	for _, f := range config.Fields() {
		if _, ok := m.fields[f.Key]; !ok {
			missing = append(missing, fmt.Sprintf("%s (« %s »)", f.Key, f.Label))
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(env.stderr, "  not found on the démarche (see the comments in %s): %s\n", out, strings.Join(missing, ", "))
	}
	switch {
	case m.instructeur == "":
		fmt.Fprintln(env.stderr, "  no instructeur found: set demarches[0].instructeur_id before spplus writes to DS")
	case m.instructeurGroups >= 0 && m.instructeurGroups < openGroups(dem.GroupeInstructeurs):
		fmt.Fprintf(env.stderr, "  instructeur %s is in %d of %d groupes instructeurs: dossiers of the others cannot be written\n",
			m.instructeur, m.instructeurGroups, openGroups(dem.GroupeInstructeurs))
	}
}

func openGroups(groups []graphql.GroupeInstructeur) int {
	n := 0
	for _, g := range groups {
		if !g.Closed {
			n++
		}
	}
	return n
}

// writeNewFile writes data to path, refusing to replace a file unless force.
func writeNewFile(path string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists: choose another --out or add --force", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
