package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"
	_ "time/tzdata" // Europe/Paris must load on minimal images too
)

// generator holds what every dossier shares.
type generator struct {
	opts     Options
	clock    clock
	pools    *pools
	blobs    *blobStore
	groupes  []groupe
	labels   []label
	all      []Descriptor            // every descriptor
	form     []Descriptor            // root champs, in form order
	children map[string][]Descriptor // repetition key → its children
	byKey    map[string]Descriptor   // key → descriptor
	notes    []Descriptor            // annotations
	dates    demarcheDates
	ref      demarcheRefJSON
}

// Generate returns the sandbox data file (ARCHITECTURE.md, "Sandbox") of one
// démarche with opts.N dossiers: {"demarches":[{...,"dossiers":[...],
// "deletedDossiers":[...],"pendingDeletedDossiers":[]}],"blobs":{...}}.
// Same options, same bytes. The JSON is compact with one dossier per line.
func Generate(opts Options) ([]byte, error) {
	opts, err := opts.normalized()
	if err != nil {
		return nil, err
	}
	g, err := newGenerator(opts)
	if err != nil {
		return nil, err
	}
	return g.run()
}

func newGenerator(opts Options) (*generator, error) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return nil, fmt.Errorf("generate: load time zone Europe/Paris: %w", err)
	}
	now := opts.Now.In(paris).Truncate(time.Second)
	c := clock{now: now, today: dateOf(now)}
	blobs := newBlobStore()
	g := &generator{
		opts: opts, clock: c, blobs: blobs, pools: newPools(opts.Seed, blobs),
		groupes: groupes(opts.Demarche), labels: labels(opts.Demarche),
		all: Descriptors(), children: map[string][]Descriptor{}, byKey: map[string]Descriptor{},
		dates: newDemarcheDates(c),
	}
	for _, d := range g.all {
		g.byKey[d.Key] = d
		switch {
		case d.Annotation:
			g.notes = append(g.notes, d)
		case d.Parent != "":
			g.children[d.Parent] = append(g.children[d.Parent], d)
		default:
			g.form = append(g.form, d)
		}
	}
	g.ref = demarcheRef(opts.Demarche)
	return g, nil
}

// run writes the file. Dossiers are encoded one at a time into the output,
// so memory holds the bytes, not every dossier's objects.
func (g *generator) run() ([]byte, error) {
	rng := rand.New(rand.NewPCG(uint64(g.opts.Seed), 0)) // stream 0: the plan; dossiers use their number
	active, deleted := numbers(rng, g.opts.N)
	plan := planScenarios(rng, g.opts.N)
	var buf bytes.Buffer
	buf.Grow(4<<20 + 21<<10*len(active)) // ~20 KB a dossier and the blobs: no regrowth
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // messages hold HTML, as DS returns it
	buf.WriteString(`{"demarches":[`)
	if err := encodeOpen(&buf, enc, demarcheHead(g.opts.Demarche, g.dates)); err != nil {
		return nil, err
	}
	buf.WriteString(`,"dossiers":[` + "\n")
	for i, n := range active {
		d, err := g.dossier(n, plan[i])
		if err != nil {
			return nil, fmt.Errorf("generate: %w", err)
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(d); err != nil {
			return nil, fmt.Errorf("generate: encode dossier %d: %w", n, err)
		}
	}
	buf.WriteString(`],"deletedDossiers":`)
	if err := enc.Encode(g.deletedDossiers(rng, deleted)); err != nil {
		return nil, fmt.Errorf("generate: encode deleted dossiers: %w", err)
	}
	buf.WriteString(`,"pendingDeletedDossiers":[]}],"blobs":`)
	if err := enc.Encode(g.blobs.blobs); err != nil { // map keys come out sorted
		return nil, fmt.Errorf("generate: encode blobs: %w", err)
	}
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// encodeOpen writes v's JSON object without its closing brace, so that
// more members can follow.
func encodeOpen(buf *bytes.Buffer, enc *json.Encoder, v any) error {
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("generate: encode démarche: %w", err)
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	buf.Truncate(len(b) - 1) // drop "}"
	return nil
}

// numbers returns the numbers of the n live dossiers and of the deleted
// ones (about one in fifty, at least two when n > 0), interleaved as on a
// real démarche; number 1 is always live.
func numbers(rng *rand.Rand, n int) (active, deleted []int) {
	if n == 0 {
		return nil, nil
	}
	d := 2 + n/50
	total := n + d
	gone := map[int]bool{}
	for len(gone) < d {
		gone[2+rng.IntN(total-1)] = true
	}
	for i := 1; i <= total; i++ {
		if gone[i] {
			deleted = append(deleted, i)
		} else {
			active = append(active, i)
		}
	}
	return active, deleted
}

// deletedDossiers describes the deleted dossiers (API-NOTES §4).
func (g *generator) deletedDossiers(rng *rand.Rand, ns []int) []deletedDossierJSON {
	reasons := []string{"user_request", "user_request", "expired", "instructeur_request"}
	out := make([]deletedDossierJSON, 0, len(ns))
	for _, n := range ns {
		at := g.clock.at(rng, days(g.clock.today, -(1+rng.IntN(120))), 8, 20)
		out = append(out, deletedDossierJSON{
			ID: typedID("DeletedDossier", n), Number: n, State: "en_construction",
			Reason: reasons[rng.IntN(len(reasons))], DateSupression: dsTime(at),
		})
	}
	return out
}
