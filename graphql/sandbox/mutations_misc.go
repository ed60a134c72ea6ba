package sandbox

import (
	"fmt"
)

// changerGroupe is dossierChangerGroupeInstructeur (no instructeur argument in DS).
func changerGroupe(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	const name = "dossierChangerGroupeInstructeur"
	r, err := ex.loadDossier(in, name)
	if err != nil {
		return nil, err
	}
	n, ok := decodeNumericID(str(in["groupeInstructeurId"]), "GroupeInstructeur")
	g := ex.srv.db.groups[n]
	if !ok || g == nil {
		return nil, notFound(name)
	}
	label := str(g.raw["label"])
	switch {
	case g.number == r.group:
		return refused(rec, fmt.Sprintf("Le dossier est déjà avec le groupe instructeur: '%s'", label))
	case g.dem != r.dem:
		return refused(rec, fmt.Sprintf("Le groupe instructeur '%s' n’appartient pas à la même démarche que le dossier", label))
	}
	r.raw["groupeInstructeur"] = map[string]any{"id": g.raw["id"], "number": g.number, "label": label}
	r.group = g.number
	ex.bump(r)
	return dossierPayload(r), nil
}

// basculeSuivi is dossierBasculeSuivi: follow (default) or unfollow the dossier.
func basculeSuivi(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, instr, err := ex.loadDossierAndInstructeur(in, "dossierBasculeSuivi")
	if err != nil {
		return nil, err
	}
	if !ex.authorizedFor(r, instr) {
		return refused(rec, errNoAccess)
	}
	if follow, _ := in["follow"].(bool); follow {
		ex.follow(r, instr)
	} else {
		var kept []any
		for _, p := range listOfMaps(r.raw["instructeurs"]) {
			if p["id"] != instr {
				kept = append(kept, p)
			}
		}
		r.raw["instructeurs"] = orEmptyList(kept)
	}
	ex.bump(r)
	return map[string]any{"dossier": r.raw, "instructeur": ex.instructeurProfile(instr), "errors": nil}, nil
}

// loadLabel resolves input.labelId.
func (ex *executor) loadLabel(in map[string]any, mutation string) (labelRef, error) {
	ref, ok := ex.srv.db.labels[str(in["labelId"])]
	if !ok {
		return ref, notFound(mutation)
	}
	return ref, nil
}

func hasLabel(r *dossierRec, id any) bool {
	for _, l := range listOfMaps(r.raw["labels"]) {
		if l["id"] == id {
			return true
		}
	}
	return false
}

// ajouterLabel is dossierAjouterLabel. Labels do not touch the dossier (API-NOTES §4):
// dateDerniereModification is left alone.
func ajouterLabel(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, err := ex.loadDossier(in, "dossierAjouterLabel")
	if err != nil {
		return nil, err
	}
	l, err := ex.loadLabel(in, "dossierAjouterLabel")
	if err != nil {
		return nil, err
	}
	switch {
	case hasLabel(r, l.raw["id"]):
		return refused(rec, "Ce label est déjà associé au dossier")
	case l.dem != r.dem:
		return refused(rec, "Ce label n’appartient pas à la même démarche que le dossier")
	}
	appendTo(r.raw, "labels", l.raw)
	return map[string]any{"dossier": r.raw, "label": l.raw, "errors": nil}, nil
}

// supprimerLabel is dossierSupprimerLabel; like ajouterLabel it does not bump the dossier.
func supprimerLabel(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, err := ex.loadDossier(in, "dossierSupprimerLabel")
	if err != nil {
		return nil, err
	}
	l, err := ex.loadLabel(in, "dossierSupprimerLabel")
	if err != nil {
		return nil, err
	}
	if !hasLabel(r, l.raw["id"]) {
		return refused(rec, "Ce label n’est pas associé au dossier")
	}
	var kept []any
	for _, x := range listOfMaps(r.raw["labels"]) {
		if x["id"] != l.raw["id"] {
			kept = append(kept, x)
		}
	}
	r.raw["labels"] = orEmptyList(kept)
	return map[string]any{"dossier": r.raw, "label": l.raw, "errors": nil}, nil
}
