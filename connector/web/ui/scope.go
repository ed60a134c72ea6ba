package ui

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/spplus/spplus/connector/store"
)

// errNotFound answers 404. A dossier of another body's groupe gives it too,
// exactly like a dossier that does not exist, so that a body cannot learn
// which numbers exist elsewhere.
var errNotFound = errors.New("not found")

// pathNumber reads a positive number from the path; anything else is 404.
func pathNumber(r *http.Request, name string) (int, error) {
	n, err := strconv.Atoi(r.PathValue(name))
	if err != nil || n < 1 || strconv.Itoa(n) != r.PathValue(name) {
		return 0, errNotFound
	}
	return n, nil
}

// demarche returns the démarche of the path, when the store knows it.
func (h *Handler) demarche(r *http.Request) (int, error) {
	d, err := pathNumber(r, "d")
	if err != nil {
		return 0, err
	}
	known, err := h.opts.Source.Demarches()
	if err != nil {
		return 0, fmt.Errorf("list démarches: %w", err)
	}
	if !slices.Contains(known, d) {
		return 0, errNotFound
	}
	return d, nil
}

// scoped is what a viewer may see of a démarche's dossiers.
type scoped struct {
	// Live are the visible dossiers that still exist on DS.
	Live []store.Snapshot
	// Deleted counts the visible dossiers deleted on DS.
	Deleted int
}

// visible reads the démarche's dossiers the viewer may see, one at a
// time. The lists and exports need neither the mapped candidacy nor the
// connector's parsed files, half of a snapshot: they are dropped as each
// is read, so that 10,000 dossiers do not cost 25 MB more per page view.
func (h *Handler) visible(d int, v viewer) (scoped, error) {
	var s scoped
	err := h.opts.Source.ForEachSnapshot(d, func(snap store.Snapshot) bool {
		switch {
		case !v.sees(snap.GroupeNumber):
		case snap.Deleted:
			s.Deleted++
		default:
			snap.Candidacy, snap.Extra = nil, nil
			s.Live = append(s.Live, snap)
		}
		return true
	})
	if err != nil {
		return scoped{}, err
	}
	return s, nil
}

// dossier reads one dossier the viewer may see; errNotFound otherwise.
func (h *Handler) dossier(d, n int, v viewer) (store.Snapshot, error) {
	snap, err := h.opts.Source.Snapshot(d, n)
	if errors.Is(err, store.ErrNotFound) {
		return store.Snapshot{}, errNotFound
	}
	if err != nil {
		return store.Snapshot{}, err
	}
	if !v.sees(snap.GroupeNumber) {
		return store.Snapshot{}, errNotFound
	}
	return snap, nil
}

// visibleNumbers is the set of dossier numbers of s, for filtering the
// journal of the whole démarche.
func (s scoped) visibleNumbers() map[int]bool {
	out := make(map[int]bool, len(s.Live))
	for _, snap := range s.Live {
		out[snap.Number] = true
	}
	return out
}
