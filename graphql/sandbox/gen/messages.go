package gen

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"
)

// contactEmail is the sender of DS's system messages (API-NOTES §5).
const contactEmail = "contact@demarche.numerique.gouv.fr"

// message is a message before it gets its id.
type message struct {
	at          time.Time
	email, body string
}

// messages returns the dossier's messages in chronological order: DS's
// system message for each state change, the instructeur's request for the
// audit grid, and sometimes an earlier exchange with the candidate. It also
// returns the time of the last one (zero when there is none).
func messages(number int, rng *rand.Rand, c clock, tl timeline, usager, by string) ([]messageJSON, time.Time) {
	var ms []message
	for _, e := range tl.events {
		if m, ok := eventMessage(number, e, tl, by); ok {
			ms = append(ms, m)
		}
	}
	if rng.IntN(5) == 0 {
		ask := c.at(rng, days(dateOf(tl.deposit), 1+rng.IntN(6)), 9, 17)
		answer := c.at(rng, days(dateOf(ask), 1+rng.IntN(2)), 8, 19)
		if answer.Before(c.now) {
			ms = append(ms,
				message{ask, by, "Bonjour,\nComment l'échantillon d'usagers a-t-il été constitué ?\nCordialement."},
				message{answer, usager, "Bonjour,\nPar tirage au hasard parmi les usagers des douze derniers mois (voir la méthode jointe).\nCordialement."})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].at.Before(ms[j].at) })
	out := make([]messageJSON, len(ms))
	var last time.Time
	for i, m := range ms {
		out[i] = messageJSON{ID: typedID("Commentaire", number*20+i), Email: m.email, Body: m.body,
			CreatedAt: dsTime(m.at), Attachments: []fileJSON{}}
		last = m.at
	}
	return out, last
}

// eventMessage returns the message a state change sends. Going back "en
// construction" sends no system message (API-NOTES §5); the instructeur
// writes to ask for the grid instead.
func eventMessage(number int, e event, tl timeline, by string) (message, bool) {
	// DS's default subjects name the démarche, except "va être examiné".
	subject := func(s string) string {
		return fmt.Sprintf("<p>[Votre dossier nº %d %s (%s)]</p><p>Bonjour,</p>", number, s, Title)
	}
	switch e.kind {
	case evDepose:
		return message{e.at, contactEmail, subject("a bien été déposé") + "<p>Votre dossier a bien été déposé.</p>"}, true
	case evInstruction:
		return message{e.at, contactEmail, fmt.Sprintf("<p>[Votre dossier nº %d va être examiné]</p><p>Bonjour,</p>", number) +
			"<p>Votre dossier va être examiné.</p>"}, true
	case evBackToBuilding:
		return message{e.at, by, fmt.Sprintf("Bonjour,\nSuite à l'audit du %s, merci de joindre la grille d'audit.\nCordialement.",
			frenchDate(tl.audit))}, true
	case evAccepte:
		return message{e.at, contactEmail, subject("a été accepté") + "<p>" + e.motivation + "</p>"}, true
	case evRefuse:
		return message{e.at, contactEmail, subject("a été refusé") + "<p>Motif : " + e.motivation + "</p>"}, true
	case evClasseSansSuite:
		return message{e.at, contactEmail, subject("a été classé sans suite") + "<p>Motif : " + e.motivation + "</p>"}, true
	}
	return message{}, false
}

// traitements returns the dossier's traitements, one per event, all on
// revision rev.
func traitements(number int, tl timeline, rev revisionRefJSON) []traitementJSON {
	out := make([]traitementJSON, len(tl.events))
	for i, e := range tl.events {
		t := traitementJSON{ID: typedID("Traitement", number*10+i), Event: e.kind, State: eventState(e.kind),
			DateTraitement: dsTime(e.at), Revision: rev}
		if e.by != "" {
			t.EmailAgentTraitant = ptr(e.by)
		}
		if e.motivation != "" {
			t.Motivation = ptr(e.motivation)
		}
		out[i] = t
	}
	return out
}

// eventState is the (deprecated) Traitement.state: the state the event leads to.
func eventState(k string) string {
	switch k {
	case evDepose, evBackToBuilding:
		return "en_construction"
	case evInstruction:
		return "en_instruction"
	case evClasseSansSuite:
		return "sans_suite"
	default:
		return k
	}
}

// motivation returns the reason written with a decision.
func motivation(k string, lv level, audit time.Time) string {
	switch k {
	case evAccepte:
		return fmt.Sprintf("Le label Services publics + est attribué au niveau %s à l'issue de l'audit du %s.",
			lv.option(), frenchDate(audit))
	case evRefuse:
		return "Les résultats des enquêtes et de l'audit n'atteignent pas le niveau Bronze. " +
			"Une nouvelle candidature pourra être déposée six mois après ce refus."
	default:
		return "Les pièces manquantes n'ont pas été transmises avant l'audit."
	}
}
