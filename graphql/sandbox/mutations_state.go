package sandbox

import (
	"fmt"
)

// contactEmail is the sender of DS's system messages (CONTACT_EMAIL).
const contactEmail = "contact@demarche.numerique.gouv.fr"

// displayState is DS's dossier_display_state(dossier, lower: true).
func displayState(state string) string {
	switch state {
	case "en_construction":
		return "en construction"
	case "en_instruction":
		return "en instruction"
	case "accepte":
		return "accepté"
	case "refuse":
		return "refusé"
	case "sans_suite":
		return "classé sans suite"
	}
	return state
}

func isTermine(state string) bool {
	return state == "accepte" || state == "refuse" || state == "sans_suite"
}

func stateOf(r *dossierRec) string {
	s, _ := r.raw["state"].(string)
	return s
}

// alreadyIn is the refusal of a transition from the wrong state.
func alreadyIn(r *dossierRec) string {
	return "Le dossier est déjà " + displayState(stateOf(r))
}

func passerEnInstruction(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, instr, err := ex.loadDossierAndInstructeur(in, "dossierPasserEnInstruction")
	switch {
	case err != nil:
		return nil, err
	case stateOf(r) != "en_construction":
		return refused(rec, alreadyIn(r))
	case pendingCorrection(r) != nil:
		return refused(rec, "Le dossier est en attente de correction")
	case !ex.authorizedFor(r, instr):
		return refused(rec, errNoAccess)
	}
	ex.transition(r, instr, "en_instruction", "passe_en_instruction", nil)
	r.raw["datePassageEnInstruction"] = formatDSTime(ex.now)
	r.raw["dateExpiration"] = nil
	ex.follow(r, instr)
	return dossierPayload(r), nil
}

// terminer builds dossierAccepter / dossierRefuser / dossierClasserSansSuite.
func terminer(state, event string) mutationHandler {
	return func(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
		var justificatif *blob
		if id := str(in["justificatif"]); id != "" {
			b, msg := ex.validateBlob(id)
			if msg != "" {
				return refused(rec, msg)
			}
			justificatif = b
		}
		r, instr, err := ex.loadDossierAndInstructeur(in, mutationName(state))
		switch {
		case err != nil:
			return nil, err
		case stateOf(r) != "en_instruction":
			return refused(rec, alreadyIn(r))
		case !ex.authorizedFor(r, instr):
			return refused(rec, errNoAccess)
		}
		motivation, _ := in["motivation"].(string)
		ex.transition(r, instr, state, event, in["motivation"])
		r.raw["dateTraitement"] = formatDSTime(ex.now)
		r.raw["motivation"] = nilIfEmpty(motivation)
		r.raw["motivationAttachment"] = nil
		if justificatif != nil {
			justificatif.filename = orDefault(justificatif.filename, "justificatif")
			r.raw["motivationAttachment"] = fileObject(justificatif)
		}
		return dossierPayload(r), nil
	}
}

func mutationName(state string) string {
	switch state {
	case "accepte":
		return "dossierAccepter"
	case "refuse":
		return "dossierRefuser"
	}
	return "dossierClasserSansSuite"
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func repasserEnInstruction(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, instr, err := ex.loadDossierAndInstructeur(in, "dossierRepasserEnInstruction")
	switch {
	case err != nil:
		return nil, err
	case !isTermine(stateOf(r)):
		return refused(rec, alreadyIn(r))
	case !ex.authorizedFor(r, instr):
		return refused(rec, errNoAccess)
	}
	ex.transition(r, instr, "en_instruction", "repasse_en_instruction", nil)
	for _, k := range []string{"dateTraitement", "motivation", "motivationAttachment", "attestation"} {
		r.raw[k] = nil
	}
	r.raw["datePassageEnInstruction"] = formatDSTime(ex.now)
	r.raw["archived"] = false
	return dossierPayload(r), nil
}

func repasserEnConstruction(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, instr, err := ex.loadDossierAndInstructeur(in, "dossierRepasserEnConstruction")
	switch {
	case err != nil:
		return nil, err
	case stateOf(r) != "en_instruction":
		return refused(rec, alreadyIn(r))
	case !ex.authorizedFor(r, instr):
		return refused(rec, errNoAccess)
	}
	ex.backToConstruction(r, instr)
	return dossierPayload(r), nil
}

// backToConstruction is DS's repasser_en_construction!: no system message.
func (ex *executor) backToConstruction(r *dossierRec, instr string) {
	ex.transition(r, instr, "en_construction", "repasse_en_construction", nil)
	r.raw["datePassageEnConstruction"] = formatDSTime(ex.now)
}

// transition changes the state and records it as DS does: a Traitement, a system message
// for the transitions that notify the usager, the modification date, a webhook event.
func (ex *executor) transition(r *dossierRec, instr, state, event string, motivation any) {
	r.raw["state"] = state
	appendTo(r.raw, "traitements", map[string]any{
		"id":                 typedID("Traitement", ex.srv.db.nextSeq()),
		"event":              event,
		"state":              state,
		"dateTraitement":     formatDSTime(ex.now),
		"emailAgentTraitant": nilIfEmpty(ex.srv.db.instructeurEmails[instr]),
		"motivation":         motivation,
	})
	if subject := notificationSubject(event, r); subject != "" {
		appendTo(r.raw, "messages", ex.newMessage(contactEmail,
			fmt.Sprintf("<p>[%s]</p><p>Bonjour,</p><p>%s</p>", subject, subject), nil, nil))
	}
	ex.bump(r)
	ex.srv.webhooks = append(ex.srv.webhooks, WebhookEvent{
		DemarcheNumber: r.dem.number, DossierNumber: r.number, State: state, UpdatedAt: ex.now,
	})
}

// notificationSubject is the default mail subject DS puts in the system message of a
// transition, or "" for transitions that send none (repasser en construction).
func notificationSubject(event string, r *dossierRec) string {
	title, _ := r.dem.raw["title"].(string)
	switch event {
	case "passe_en_instruction", "repasse_en_instruction":
		return fmt.Sprintf("Votre dossier nº %d va être examiné", r.number)
	case "accepte":
		return fmt.Sprintf("Votre dossier nº %d a été accepté (%s)", r.number, title)
	case "refuse":
		return fmt.Sprintf("Votre dossier nº %d a été refusé (%s)", r.number, title)
	case "classe_sans_suite":
		return fmt.Sprintf("Votre dossier nº %d a été classé sans suite (%s)", r.number, title)
	}
	return ""
}

// follow makes the instructeur follow the dossier (Dossier.instructeurs).
func (ex *executor) follow(r *dossierRec, instr string) {
	for _, p := range listOfMaps(r.raw["instructeurs"]) {
		if p["id"] == instr {
			return
		}
	}
	appendTo(r.raw, "instructeurs", ex.instructeurProfile(instr))
}

func archiver(archive bool) mutationHandler {
	name := "dossierDesarchiver"
	if archive {
		name = "dossierArchiver"
	}
	return func(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
		r, instr, err := ex.loadDossierAndInstructeur(in, name)
		switch {
		case err != nil:
			return nil, err
		case archive && !isTermine(stateOf(r)):
			return refused(rec, "Un dossier ne peut être déplacé dans « à archiver » qu’une fois le traitement terminé")
		case !archive && r.raw["archived"] != true:
			return refused(rec, "Un dossier non archivé ne peut pas être désarchivé")
		case !ex.authorizedFor(r, instr):
			return refused(rec, errNoAccess)
		}
		r.raw["archived"] = archive
		ex.bump(r)
		return dossierPayload(r), nil
	}
}
