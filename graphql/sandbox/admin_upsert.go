package sandbox

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// serveUpsertDossier answers POST /_sandbox/dossiers: it applies a candidate's edit (or
// files a new dossier) given as DS-shaped JSON. Top-level keys replace the stored ones,
// "champs" are merged by id; dateDerniereModification and dateDerniereModificationChamps
// move to now, and a pending correction request counts as answered.
func (s *Server) serveUpsertDossier(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	var body map[string]any
	if err == nil {
		err = decodeStrict(raw, &body)
	}
	if err != nil {
		adminError(w, http.StatusBadRequest, "dossier: expected a JSON object: %v", err)
		return
	}
	n, ok := intField(body, "number")
	if !ok || n <= 0 {
		adminError(w, http.StatusBadRequest, "dossier: field \"number\": expected a positive integer")
		return
	}
	if err := checkTimes(body); err != nil {
		adminError(w, http.StatusBadRequest, "dossier %d: %v", n, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	status, rec, err := s.upsert(r, n, body)
	if err != nil {
		adminError(w, status, "dossier %d: %v", n, err)
		return
	}
	writeJSON(w, status, rec.raw)
}

// checkTimes rejects unparseable sort-key dates before anything is changed.
func checkTimes(body map[string]any) error {
	for _, k := range []string{"dateDepot", "dateDerniereModification"} {
		if _, ok := body[k]; ok {
			if _, err := timeField(body, k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Server) upsert(r *http.Request, n int, body map[string]any) (int, *dossierRec, error) {
	now := s.now()
	rec, status := s.db.dossiers[n], http.StatusOK
	if rec == nil {
		if s.db.hiddenDossier(n) != nil || s.db.isDeleted(n) {
			return http.StatusConflict, nil, fmt.Errorf("deleted or hidden, cannot be edited")
		}
		dem, err := s.db.targetDemarche(r, body)
		if err != nil {
			return http.StatusBadRequest, nil, err
		}
		rec, status = s.db.newDossier(dem, n, now), http.StatusCreated
	}
	mergeDossier(rec.raw, body)
	ts := formatDSTime(now)
	rec.raw["dateDerniereModification"], rec.raw["dateDerniereModificationChamps"] = ts, ts
	s.db.resolveCorrection(rec, now)
	if err := rec.refreshKeys(); err != nil {
		return http.StatusBadRequest, nil, err
	}
	if status == http.StatusCreated {
		s.db.addDossier(rec)
		s.recordDeposit(rec, now)
	}
	rec.dem.touch()
	return status, rec, nil
}

// mergeDossier applies body onto raw: champs by id (each champ merged key by key), every
// other key replaced.
func mergeDossier(raw, body map[string]any) {
	for k, v := range body {
		if k != "champs" {
			raw[k] = v
			continue
		}
		for _, c := range listOfMaps(v) {
			if old := findChamp(raw["champs"], str(c["id"])); old != nil {
				for ck, cv := range c {
					old[ck] = cv
				}
				continue
			}
			appendTo(raw, "champs", c)
		}
	}
}

// resolveCorrection marks a pending correction request as answered by the usager's edit.
func (db *database) resolveCorrection(r *dossierRec, now time.Time) {
	c := pendingCorrection(r)
	if c == nil {
		return
	}
	c["dateResolution"] = formatDSTime(now)
	r.raw["dateDerniereCorrectionEnAttente"] = nil
	appendTo(r.raw, "traitements", map[string]any{
		"id": typedID("Traitement", db.nextSeq()), "event": "depose_correction_usager",
		"state": r.raw["state"], "dateTraitement": formatDSTime(now), "emailAgentTraitant": nil, "motivation": nil,
	})
}

func (db *database) isDeleted(n int) bool {
	for _, d := range db.demarches {
		for _, x := range d.deleted {
			if x.number == n {
				return true
			}
		}
	}
	return false
}

// targetDemarche picks the démarche of a new dossier: body.demarche.number, then the
// ?demarche= query parameter, then the first démarche.
func (db *database) targetDemarche(r *http.Request, body map[string]any) (*demarche, error) {
	n := 0
	if d, ok := body["demarche"].(map[string]any); ok {
		n, _ = intField(d, "number")
	}
	if q := r.URL.Query().Get("demarche"); n == 0 && q != "" {
		n, _ = strconv.Atoi(q)
	}
	if n == 0 && len(db.demarches) > 0 {
		return db.demarches[0], nil
	}
	if d := db.demByNumber[n]; d != nil {
		return d, nil
	}
	return nil, fmt.Errorf("demarche %d: not found", n)
}

// newDossier is a freshly filed dossier (state en_construction) with DS's dépôt effects:
// a "depose" Traitement and the system message.
func (db *database) newDossier(dem *demarche, n int, now time.Time) *dossierRec {
	ts := formatDSTime(now)
	raw := map[string]any{
		"id": typedID("Dossier", n), "number": n, "state": "en_construction", "archived": false,
		"dateDepot": ts, "datePassageEnConstruction": ts, "dateDerniereModificationAnnotations": ts,
		"datePassageEnInstruction": nil, "dateTraitement": nil, "motivation": nil, "motivationAttachment": nil,
		"champs": []any{}, "annotations": []any{}, "labels": []any{}, "instructeurs": []any{},
	}
	if gs := listOfMaps(dem.raw["groupeInstructeurs"]); len(gs) > 0 {
		raw["groupeInstructeur"] = map[string]any{"id": gs[0]["id"], "number": gs[0]["number"], "label": gs[0]["label"]}
	}
	title, _ := dem.raw["title"].(string)
	raw["traitements"] = []any{map[string]any{
		"id": typedID("Traitement", db.nextSeq()), "event": "depose", "state": "en_construction",
		"dateTraitement": ts, "emailAgentTraitant": nil, "motivation": nil,
	}}
	subject := fmt.Sprintf("Votre dossier nº %d a bien été déposé (%s)", n, title)
	raw["messages"] = []any{map[string]any{
		"id": typedID("Commentaire", db.nextSeq()), "email": contactEmail,
		"body": fmt.Sprintf("<p>[%s]</p><p>Bonjour,</p><p>%s</p>", subject, subject), "createdAt": ts,
		"discardedAt": nil, "attachments": []any{}, "correction": nil,
	}}
	return &dossierRec{number: n, raw: raw, dem: dem}
}
