package sandbox

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"time"
)

// LoadDataFile reads a sandbox data file (the JSON format of New) from disk.
func LoadDataFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read sandbox data %s: %w", path, err)
	}
	return b, nil
}

// loadDatabase decodes a data file into an indexed database.
func loadDatabase(data []byte) (*database, error) {
	var file struct {
		Demarches []map[string]any `json:"demarches"`
		Blobs     map[string]struct {
			ContentBase64 string `json:"content_base64"`
			ContentType   string `json:"content_type"`
		} `json:"blobs"`
	}
	if err := decodeStrict(data, &file); err != nil {
		return nil, fmt.Errorf("decode sandbox data: %w", err)
	}
	db := &database{
		demByNumber: map[int]*demarche{}, dossiers: map[int]*dossierRec{}, groups: map[int]*groupe{},
		labels: map[string]labelRef{}, instructeurGroups: map[string]map[int]bool{},
		instructeurEmails: map[string]string{}, blobs: map[string]*blob{}, blobsByID: map[int]*blob{},
	}
	for key, b := range file.Blobs {
		content, err := base64.StdEncoding.DecodeString(b.ContentBase64)
		if err != nil {
			return nil, fmt.Errorf("blob %q: content_base64: %w", key, err)
		}
		db.blobs[key] = newStoredBlob(key, content, b.ContentType)
	}
	for i, raw := range file.Demarches {
		if err := db.loadDemarche(raw); err != nil {
			return nil, fmt.Errorf("demarches[%d]: %w", i, err)
		}
	}
	return db, nil
}

func (db *database) loadDemarche(raw map[string]any) error {
	n, ok := intField(raw, "number")
	if !ok {
		return errors.New(`field "number": expected an integer`)
	}
	if db.demByNumber[n] != nil {
		return fmt.Errorf("demarche %d: duplicate number", n)
	}
	d := &demarche{number: n, raw: raw}
	setDefault(raw, "id", typedID("Procedure", n))
	dossiers, _ := raw["dossiers"].([]any)
	deleted, _ := raw["deletedDossiers"].([]any)
	pending, _ := raw["pendingDeletedDossiers"].([]any)
	delete(raw, "dossiers")
	delete(raw, "deletedDossiers")
	delete(raw, "pendingDeletedDossiers")
	db.demarches = append(db.demarches, d)
	db.demByNumber[n] = d
	if err := db.loadGroups(d); err != nil {
		return fmt.Errorf("demarche %d: %w", n, err)
	}
	for _, l := range listOfMaps(raw["labels"]) {
		if id, ok := l["id"].(string); ok {
			db.labels[id] = labelRef{dem: d, raw: l}
		}
	}
	for i, x := range dossiers {
		m, ok := x.(map[string]any)
		if !ok {
			return fmt.Errorf("demarche %d: dossiers[%d]: expected an object", n, i)
		}
		if err := db.loadDossier(d, m); err != nil {
			return fmt.Errorf("demarche %d: dossiers[%d]: %w", n, i, err)
		}
	}
	var err error
	if d.deleted, err = loadDeleted(deleted); err != nil {
		return fmt.Errorf("demarche %d: deletedDossiers: %w", n, err)
	}
	if d.pending, err = loadDeleted(pending); err != nil {
		return fmt.Errorf("demarche %d: pendingDeletedDossiers: %w", n, err)
	}
	return nil
}

func (db *database) loadGroups(d *demarche) error {
	for i, g := range listOfMaps(d.raw["groupeInstructeurs"]) {
		n, ok := intField(g, "number")
		if !ok {
			return fmt.Errorf("groupeInstructeurs[%d]: field \"number\": expected an integer", i)
		}
		setDefault(g, "id", typedID("GroupeInstructeur", n))
		setDefault(g, "closed", false)
		setDefault(g, "instructeurs", []any{})
		db.groups[n] = &groupe{number: n, raw: g, dem: d}
		for _, ins := range listOfMaps(g["instructeurs"]) {
			id, _ := ins["id"].(string)
			if id == "" {
				continue
			}
			if db.instructeurGroups[id] == nil {
				db.instructeurGroups[id] = map[int]bool{}
			}
			db.instructeurGroups[id][n] = true
			if email, ok := ins["email"].(string); ok {
				db.instructeurEmails[id] = email
			}
		}
	}
	return nil
}

func (db *database) loadDossier(d *demarche, m map[string]any) error {
	n, ok := intField(m, "number")
	if !ok {
		return errors.New(`field "number": expected an integer`)
	}
	if db.dossiers[n] != nil {
		return fmt.Errorf("dossier %d: duplicate number", n)
	}
	r := &dossierRec{number: n, raw: m, dem: d}
	if err := r.refreshKeys(); err != nil {
		return fmt.Errorf("dossier %d: %w", n, err)
	}
	setDefault(m, "id", typedID("Dossier", n))
	db.addDossier(r)
	return nil
}

// refreshKeys re-reads the sort keys and the group from the dossier's JSON.
func (r *dossierRec) refreshKeys() error {
	var err error
	if r.depot, err = timeField(r.raw, "dateDepot"); err != nil {
		return err
	}
	if r.updated, err = timeField(r.raw, "dateDerniereModification"); err != nil {
		return err
	}
	g, _ := r.raw["groupeInstructeur"].(map[string]any)
	if n, ok := intField(g, "number"); ok {
		r.group = n
	}
	return nil
}

func loadDeleted(list []any) ([]*deletedRec, error) {
	out := make([]*deletedRec, 0, len(list))
	for i, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("[%d]: expected an object", i)
		}
		n, ok := intField(m, "number")
		if !ok {
			return nil, fmt.Errorf("[%d]: field \"number\": expected an integer", i)
		}
		at, err := timeField(m, "dateSupression")
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		setDefault(m, "id", typedID("DeletedDossier", n))
		rec := &deletedRec{number: n, raw: m, at: at}
		if g, ok := m["groupeInstructeur"].(map[string]any); ok {
			rec.group, _ = intField(g, "number")
		}
		out = append(out, rec)
	}
	sortDeleted(out)
	return out, nil
}

// timeField parses a required ISO 8601 time field of a data object.
func timeField(m map[string]any, key string) (time.Time, error) {
	s, ok := m[key].(string)
	if !ok {
		return time.Time{}, fmt.Errorf("field %q: expected an ISO 8601 time, got %s", key, jsonText(m[key]))
	}
	t, err := parseDSTime(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("field %q: %w", key, err)
	}
	return t, nil
}

// intField reads an integer field of decoded JSON.
func intField(m map[string]any, key string) (int, bool) {
	if m == nil {
		return 0, false
	}
	n, ok := asInt(m[key])
	return int(n), ok
}

func setDefault(m map[string]any, key string, v any) {
	if _, ok := m[key]; !ok {
		m[key] = v
	}
}

// listOfMaps returns the objects of a JSON array, skipping anything else.
func listOfMaps(v any) []map[string]any {
	list, _ := v.([]any)
	out := make([]map[string]any, 0, len(list))
	for _, x := range list {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
