package sandbox

import (
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// errReadOnly is DS's answer to a mutation with a read-only token (BaseMutation#ready?).
const errReadOnly = "Le jeton utilisé est configuré seulement en lecture"

// mutationHandler runs one mutation under Server.mu. It returns the payload (with its
// "errors" entry when refused) or a top-level error (e.g. "<Name>Payload not found").
type mutationHandler func(ex *executor, in map[string]any, rec *recording) (map[string]any, error)

// mutationTable lists the mutations the sandbox implements (API-NOTES §9).
func mutationTable() map[string]resolverFunc {
	handlers := map[string]mutationHandler{
		"dossierPasserEnInstruction":      passerEnInstruction,
		"dossierAccepter":                 terminer("accepte", "accepte"),
		"dossierRefuser":                  terminer("refuse", "refuse"),
		"dossierClasserSansSuite":         terminer("sans_suite", "classe_sans_suite"),
		"dossierRepasserEnInstruction":    repasserEnInstruction,
		"dossierRepasserEnConstruction":   repasserEnConstruction,
		"dossierArchiver":                 archiver(true),
		"dossierDesarchiver":              archiver(false),
		"dossierEnvoyerMessage":           envoyerMessage,
		"dossierSupprimerMessage":         supprimerMessage,
		"dossierChangerGroupeInstructeur": changerGroupe,
		"dossierBasculeSuivi":             basculeSuivi,
		"dossierAjouterLabel":             ajouterLabel,
		"dossierSupprimerLabel":           supprimerLabel,
		"dossierModifierAnnotations":      modifierAnnotations,
	}
	for name, kind := range legacyAnnotationMutations() {
		handlers[name] = modifierAnnotationLegacy(name, kind)
	}
	out := map[string]resolverFunc{"createDirectUpload": resolveCreateDirectUpload}
	for name, h := range handlers {
		out[name] = runMutation(name, h)
	}
	return out
}

// runMutation applies the steps every DS mutation shares: record it, refuse read-only
// tokens (ready?), then run the handler.
func runMutation(name string, h mutationHandler) resolverFunc {
	return func(ex *executor, _ map[string]any, args map[string]any, _ *ast.Field) (any, error) {
		in, _ := args["input"].(map[string]any)
		rec := ex.record(name, in)
		if ex.access != accessReadWrite {
			return rec.refuse(errReadOnly, in), nil
		}
		payload, err := h(ex, in, rec)
		if err != nil {
			rec.fail(err.Error())
			return nil, err
		}
		payload["clientMutationId"] = in["clientMutationId"]
		return payload, nil
	}
}

// recording is the log entry of the running mutation.
type recording struct {
	ex  *executor
	idx int
}

func (ex *executor) record(name string, in map[string]any) *recording {
	ex.recorded = append(ex.recorded, RecordedMutation{Name: name, Input: in, At: ex.now})
	return &recording{ex: ex, idx: len(ex.recorded) - 1}
}

// fail notes an error message on the log entry.
func (r *recording) fail(msgs ...string) {
	e := &r.ex.recorded[r.idx]
	e.Errors = append(e.Errors, msgs...)
}

// refuse returns DS's refused payload: {"errors":[{"message":...}]} and nulls elsewhere.
func (r *recording) refuse(msg string, in map[string]any) map[string]any {
	r.fail(msg)
	return map[string]any{"errors": []any{map[string]any{"message": msg}}, "clientMutationId": in["clientMutationId"]}
}

// refused is a handler's early return for a payload error.
func refused(rec *recording, msg string) (map[string]any, error) {
	rec.fail(msg)
	return map[string]any{"errors": []any{map[string]any{"message": msg}}}, nil
}

// notFound is graphql-ruby's error when a "loads:" argument names no record: DS's
// rescue_from reports it against the payload type (API-NOTES §9).
func notFound(mutation string) error {
	return newFieldError("not_found", "%sPayload not found", strings.ToUpper(mutation[:1])+mutation[1:])
}

// loadDossier resolves input.dossierId to a visible dossier.
func (ex *executor) loadDossier(in map[string]any, mutation string) (*dossierRec, error) {
	n, ok := decodeNumericID(str(in["dossierId"]), "Dossier")
	r := ex.srv.db.dossiers[n]
	if !ok || r == nil {
		return nil, notFound(mutation)
	}
	return r, nil
}

// loadInstructeur resolves input.instructeurId to a known instructeur id.
func (ex *executor) loadInstructeur(in map[string]any, mutation string) (string, error) {
	id := str(in["instructeurId"])
	if _, ok := decodeNumericID(id, "Instructeur"); !ok || ex.srv.db.instructeurGroups[id] == nil {
		return "", notFound(mutation)
	}
	return id, nil
}

// loadDossierAndInstructeur loads both "loads:" arguments, in DS's order.
func (ex *executor) loadDossierAndInstructeur(in map[string]any, mutation string) (*dossierRec, string, error) {
	r, err := ex.loadDossier(in, mutation)
	if err != nil {
		return nil, "", err
	}
	id, err := ex.loadInstructeur(in, mutation)
	return r, id, err
}

// errNoAccess is DS's dossier_authorized_for? refusal.
const errNoAccess = "L’instructeur n’a pas les droits d’accès à ce dossier"

// authorizedFor reports whether the instructeur belongs to the dossier's groupe instructeur.
func (ex *executor) authorizedFor(r *dossierRec, instructeur string) bool {
	return ex.srv.db.instructeurGroups[instructeur][r.group]
}

// dossierPayload is the success payload of the dossier* mutations.
func dossierPayload(r *dossierRec) map[string]any {
	return map[string]any{"dossier": r.raw, "errors": nil}
}

// instructeurProfile is the Profile JSON of an instructeur.
func (ex *executor) instructeurProfile(id string) map[string]any {
	return map[string]any{"id": id, "email": ex.srv.db.instructeurEmails[id]}
}

// bump records a write on the dossier: dateDerniereModification (DS's updated_at) and the
// given extra date fields move to now, and the paging index is marked stale.
func (ex *executor) bump(r *dossierRec, extra ...string) {
	now := formatDSTime(ex.now)
	r.raw["dateDerniereModification"] = now
	for _, k := range extra {
		r.raw[k] = now
	}
	r.updated = ex.now.Truncate(1e9)
	r.dem.touch()
}

// appendTo appends v to the list at key of m.
func appendTo(m map[string]any, key string, v any) {
	list, _ := m[key].([]any)
	m[key] = append(slices.Clip(list), v)
}
