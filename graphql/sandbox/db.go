package sandbox

import (
	"sort"
	"time"
)

// database is the sandbox's DS-shaped state. Every field is guarded by Server.mu.
type database struct {
	demarches   []*demarche
	demByNumber map[int]*demarche
	// dossiers holds the dossiers visible to the API (not hidden, not deleted).
	dossiers map[int]*dossierRec
	groups   map[int]*groupe
	// labels maps a label id to the démarche that owns it and its JSON.
	labels map[string]labelRef
	// instructeurGroups maps an instructeur id to the numbers of its groups.
	instructeurGroups map[string]map[int]bool
	instructeurEmails map[string]string
	blobs             map[string]*blob
	blobsByID         map[int]*blob
	// seq numbers the objects the sandbox creates (messages, traitements, blobs, rows).
	seq int
}

// demarche is one démarche with its dossiers, pre-indexed for paging.
type demarche struct {
	number int
	// raw is the démarche's JSON without its dossier lists.
	raw      map[string]any
	dossiers []*dossierRec
	// deleted and pending are kept sorted by (dateSupression, number).
	deleted []*deletedRec
	pending []*deletedRec
	// byDepot and byUpdated are the visible dossiers sorted by (dateDepot, number) and
	// (dateDerniereModification, number); rebuilt lazily after a change.
	byDepot, byUpdated   []*dossierRec
	depotDirty, updDirty bool
}

// dossierRec is one visible dossier: its JSON as the API returns it plus the sort keys.
type dossierRec struct {
	number  int
	raw     map[string]any
	dem     *demarche
	group   int
	depot   time.Time
	updated time.Time
}

// deletedRec is a DeletedDossier (definitively deleted, or pending deletion when hidden).
type deletedRec struct {
	number int
	raw    map[string]any
	at     time.Time
	group  int
	// hidden keeps a pending-deleted dossier's full record so it could be restored.
	hidden *dossierRec
}

// groupe is a groupe instructeur with its démarche.
type groupe struct {
	number int
	raw    map[string]any
	dem    *demarche
}

type labelRef struct {
	dem *demarche
	raw map[string]any
}

// nextSeq returns a new id for objects the sandbox creates.
func (db *database) nextSeq() int {
	db.seq++
	return db.seq
}

// touch marks the démarche's indexes stale after a dossier was added or changed.
func (d *demarche) touch() {
	d.depotDirty, d.updDirty = true, true
}

func (d *demarche) sortedByDepot() []*dossierRec {
	if d.depotDirty || d.byDepot == nil {
		d.byDepot = sortDossiers(d.dossiers, func(r *dossierRec) time.Time { return r.depot })
		d.depotDirty = false
	}
	return d.byDepot
}

func (d *demarche) sortedByUpdated() []*dossierRec {
	if d.updDirty || d.byUpdated == nil {
		d.byUpdated = sortDossiers(d.dossiers, func(r *dossierRec) time.Time { return r.updated })
		d.updDirty = false
	}
	return d.byUpdated
}

func sortDossiers(in []*dossierRec, key func(*dossierRec) time.Time) []*dossierRec {
	out := append([]*dossierRec(nil), in...)
	sort.Slice(out, func(i, j int) bool {
		return keyLess(key(out[i]), out[i].number, key(out[j]), out[j].number)
	})
	return out
}

func sortDeleted(in []*deletedRec) {
	sort.Slice(in, func(i, j int) bool {
		return keyLess(in[i].at, in[i].number, in[j].at, in[j].number)
	})
}

// keyLess orders (time, id) pairs like DS's SQL row comparison.
func keyLess(t1 time.Time, id1 int, t2 time.Time, id2 int) bool {
	if !t1.Equal(t2) {
		return t1.Before(t2)
	}
	return id1 < id2
}

// removeDossier takes a dossier out of the visible set.
func (db *database) removeDossier(r *dossierRec) {
	delete(db.dossiers, r.number)
	d := r.dem
	for i, x := range d.dossiers {
		if x == r {
			d.dossiers = append(d.dossiers[:i], d.dossiers[i+1:]...)
			break
		}
	}
	d.touch()
}

// addDossier puts a dossier in the visible set.
func (db *database) addDossier(r *dossierRec) {
	db.dossiers[r.number] = r
	r.dem.dossiers = append(r.dem.dossiers, r)
	r.dem.touch()
}
