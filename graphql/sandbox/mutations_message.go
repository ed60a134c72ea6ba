package sandbox

import (
	"strings"
)

// newMessage builds a Message JSON (DS's Commentaire).
func (ex *executor) newMessage(email, body string, attachments []any, correction map[string]any) map[string]any {
	if attachments == nil {
		attachments = []any{}
	}
	var corr any
	if correction != nil {
		corr = correction
	}
	return map[string]any{
		"id":          typedID("Commentaire", ex.srv.db.nextSeq()),
		"email":       email,
		"body":        body,
		"createdAt":   formatDSTime(ex.now),
		"discardedAt": nil,
		"attachments": attachments,
		"correction":  corr,
	}
}

// pendingCorrection returns the correction request the usager has not answered yet.
func pendingCorrection(r *dossierRec) map[string]any {
	for _, m := range listOfMaps(r.raw["messages"]) {
		c, ok := m["correction"].(map[string]any)
		if ok && c["dateResolution"] == nil && m["discardedAt"] == nil {
			return c
		}
	}
	return nil
}

// envoyerMessage is dossierEnvoyerMessage. Each call creates a new message: DS has no
// idempotency key. With correction, the dossier goes back en construction and the message
// carries correction{reason}; a second pending correction is refused as in the newer DS.
func envoyerMessage(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	var attachments []any
	if id := str(in["attachment"]); id != "" {
		b, msg := ex.validateBlob(id)
		if msg != "" {
			return refused(rec, msg)
		}
		attachments = []any{fileObject(b)}
	}
	r, instr, err := ex.loadDossierAndInstructeur(in, "dossierEnvoyerMessage")
	if err != nil {
		return nil, err
	}
	reason, _ := in["correction"].(string)
	if msg := messageRefusal(ex, r, instr, reason, str(in["body"])); msg != "" {
		return refused(rec, msg)
	}
	var correction map[string]any
	if reason != "" {
		correction = map[string]any{"reason": reason, "dateResolution": nil}
	}
	msg := ex.newMessage(ex.srv.db.instructeurEmails[instr], str(in["body"]), attachments, correction)
	appendTo(r.raw, "messages", msg)
	if reason != "" {
		r.raw["dateDerniereCorrectionEnAttente"] = formatDSTime(ex.now)
		if stateOf(r) == "en_instruction" {
			ex.backToConstruction(r, instr)
		}
	}
	ex.bump(r)
	return map[string]any{"message": msg, "errors": nil}, nil
}

// messageRefusal checks dossierEnvoyerMessage's preconditions in DS's order.
func messageRefusal(ex *executor, r *dossierRec, instr, reason, body string) string {
	switch {
	case !ex.authorizedFor(r, instr):
		return errNoAccess
	case reason != "" && pendingCorrection(r) != nil:
		return "Une demande de correction est déjà en attente sur ce dossier"
	case reason != "" && isTermine(stateOf(r)):
		return "Le dossier ne peut pas faire l’objet d’une demande de correction car il est " + displayState(stateOf(r))
	case strings.TrimSpace(body) == "":
		return "Le champ « Votre message » ne peut être vide"
	case r.raw["archived"] == true:
		return "Il n’est pas possible d’envoyer un message sur un dossier supprimé, à archiver ou en brouillon"
	}
	return ""
}

// supprimerMessage is dossierSupprimerMessage: only the instructeur who sent a message may
// delete it, once; its body is emptied, discardedAt set, a linked correction resolved.
func supprimerMessage(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, msg := ex.findMessage(str(in["messageId"]))
	if msg == nil {
		return nil, notFound("dossierSupprimerMessage")
	}
	instr, err := ex.loadInstructeur(in, "dossierSupprimerMessage")
	if err != nil {
		return nil, err
	}
	email := ex.srv.db.instructeurEmails[instr]
	switch {
	case msg["discardedAt"] != nil || msg["email"] != email || email == "":
		return refused(rec, "Le message ne peut pas être supprimé")
	case !ex.authorizedFor(r, instr):
		return refused(rec, errNoAccess)
	}
	now := formatDSTime(ex.now)
	msg["discardedAt"], msg["body"], msg["attachments"] = now, "", []any{}
	if c, ok := msg["correction"].(map[string]any); ok && c["dateResolution"] == nil {
		c["dateResolution"] = now
		r.raw["dateDerniereCorrectionEnAttente"] = nil
	}
	ex.bump(r)
	return map[string]any{"message": msg, "errors": nil}, nil
}

// findMessage finds a message by id across visible dossiers.
func (ex *executor) findMessage(id string) (*dossierRec, map[string]any) {
	if _, ok := decodeNumericID(id, "Commentaire"); !ok {
		return nil, nil
	}
	for _, r := range ex.srv.db.dossiers {
		for _, m := range listOfMaps(r.raw["messages"]) {
			if m["id"] == id {
				return r, m
			}
		}
	}
	return nil, nil
}
