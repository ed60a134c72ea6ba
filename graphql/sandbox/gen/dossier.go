package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// parts is what a dossier is made of before it becomes JSON.
type parts struct {
	rng *rand.Rand
	sc  scenario
	grp groupe
	by  instructeur
	id  identity
	tl  timeline
	v   *values
}

// plan draws dossier number with scenario sc. Its randomness comes from its
// own stream (seed, number): its content depends on its number and
// scenario only, not on the order in which dossiers are generated.
func (g *generator) plan(number int, sc scenario) (parts, error) {
	p := parts{rng: rand.New(rand.NewPCG(uint64(g.opts.Seed), uint64(number))), sc: sc}
	p.grp = g.groupes[p.rng.IntN(len(g.groupes))]
	p.by = p.grp.Instructeurs[p.rng.IntN(len(p.grp.Instructeurs))]
	p.id = newIdentity(p.rng, sc.kind == kindCentral)
	p.tl = g.clock.newTimeline(p.rng, sc, p.by.Email)
	c := &candidacy{rng: p.rng, pools: g.pools, clock: g.clock, sc: sc, id: p.id, tl: p.tl, body: p.grp.Label,
		descs: g.byKey}
	v, err := c.fill()
	if err != nil {
		return p, fmt.Errorf("dossier %d: %w", number, err)
	}
	p.v = v
	setMotivation(&p.tl, sc, v)
	return p, nil
}

// dossier generates dossier number with scenario sc.
func (g *generator) dossier(number int, sc scenario) (dossierJSON, error) {
	p, err := g.plan(number, sc)
	if err != nil {
		return dossierJSON{}, err
	}
	d := g.skeleton(number, p.id, p.tl, p.grp, p.by)
	d.Champs = g.champs(p.v, p.tl.deposit)
	d.Annotations = g.annotations(p.tl.created)
	var lastMessage time.Time
	d.Messages, lastMessage = messages(number, p.rng, g.clock, p.tl, d.Usager.Email, p.by.Email)
	d.Traitements = traitements(number, p.tl, g.ref.Revision)
	d.Labels = dossierLabels(p.rng, g.clock, g.labels, sc, p.tl)
	lastEvent := p.tl.events[len(p.tl.events)-1].at
	d.DateDerniereModification = dsTime(latest(latest(lastEvent, p.tl.gridAt), lastMessage))
	return d, nil
}

// setMotivation writes the reason of the decision, if any: the level is
// the scenario's, or for a central service its locals' plurality.
func setMotivation(tl *timeline, sc scenario, v *values) {
	last := &tl.events[len(tl.events)-1]
	lv := sc.level
	if sc.kind == kindCentral {
		levels := make([]level, len(v.locals))
		for i, r := range v.locals {
			levels[i] = r.level
		}
		lv = plurality(levels)
	}
	switch last.kind {
	case evAccepte, evRefuse, evClasseSansSuite:
		last.motivation = motivation(last.kind, lv, tl.audit)
	}
}

// skeleton returns the dossier's identity, state and dates.
func (g *generator) skeleton(number int, id identity, tl timeline, grp groupe, by instructeur) dossierJSON {
	state := tl.state()
	d := dossierJSON{
		ID: DossierID(number), Number: number, State: state, ConnectionUsager: "password",
		DateDepot:                           dsTime(tl.deposit),
		DatePassageEnConstruction:           dsTime(latest(tl.last(evDepose), tl.last(evBackToBuilding))),
		DateDerniereModificationChamps:      dsTime(latest(tl.deposit, tl.gridAt)),
		DateDerniereModificationAnnotations: dsTime(tl.created),
		Usager:                              profileJSON{typedID("User", number), id.email},
		Demandeur:                           demandeur(number, id),
		GroupeInstructeur:                   groupRefJSON{typedID("GroupeInstructeur", grp.Number), grp.Number, grp.Label},
		Instructeurs:                        []profileJSON{},
		Avis:                                []struct{}{},
		Demarche:                            g.ref,
	}
	if t := tl.last(evInstruction); !t.IsZero() {
		d.DatePassageEnInstruction = ptr(dsTime(t))
		d.Instructeurs = []profileJSON{{typedID("Instructeur", by.ID), by.Email}}
	}
	switch state {
	case "en_construction":
		d.DateExpiration = ptr(dsTime(tl.events[len(tl.events)-1].at.AddDate(0, 12, 0)))
	case "accepte", "refuse", "sans_suite":
		last := tl.events[len(tl.events)-1]
		d.DateTraitement, d.Motivation = ptr(dsTime(last.at)), ptr(last.motivation)
		d.DateExpiration = ptr(dsTime(last.at.AddDate(0, 12, 0)))
	}
	return d
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// demandeur returns the PersonneMorale of the service's SIRET, or the
// PersonnePhysique of the agent who filed it.
func demandeur(number int, id identity) any {
	if id.person != nil {
		p := *id.person
		p.ID = typedID("Individual", number)
		return p
	}
	a := id.address
	return personneMoraleJSON{
		Typename: "PersonneMorale", ID: typedID("Etablissement", number),
		Siret: id.siret, SiegeSocial: true, Naf: id.org.NAF, LibelleNaf: id.org.LibelleNAF,
		Adresse: a.Label, CodePostal: a.PostalCode, Localite: a.CityName, CodeInseeLocalite: a.CityCode,
		Address: a,
		Entreprise: entrepriseJSON{
			Siren: id.siret[:9], SiretSiegeSocial: id.siret, RaisonSociale: strings.ToUpper(id.legal),
			FormeJuridique: id.org.FormeJuridique, InlineAdresse: strings.ToUpper(a.Label),
			EtatAdministratif: "Actif",
		},
	}
}

// dossierLabels puts the labels an instructeur would: "Labellisé" on
// accepted dossiers, "Pièces manquantes", "Audit planifié", "À relancer"
// on some, "Prioritaire" on a few.
func dossierLabels(rng *rand.Rand, c clock, ls []label, sc scenario, tl timeline) []labelJSON {
	state := tl.state()
	on := make([]bool, len(ls))
	switch {
	case state == "accepte":
		on[labelLabelled] = true
	case sc.kind == kindMissing && state == "en_construction":
		on[labelMissingPieces] = rng.IntN(5) < 3
	case state == "en_instruction" && !tl.audited(c.today):
		on[labelAuditPlanned] = rng.IntN(2) == 0
	}
	if state == "en_construction" && tl.deposit.Before(days(c.today, -90)) {
		on[labelToRemind] = rng.IntN(5) < 2
	}
	on[labelPriority] = rng.IntN(20) == 0
	out := []labelJSON{}
	for i, l := range ls {
		if on[i] {
			out = append(out, labelJSON{typedID("Label", l.ID), l.Name, l.Color})
		}
	}
	return out
}

// champs builds every champ of the form, in form order.
func (g *generator) champs(v *values, at time.Time) []champJSON {
	b := champBuilder{v: v, at: at}
	out := make([]champJSON, 0, len(g.form))
	for _, d := range g.form {
		out = append(out, b.build(d, g.children[d.Key]))
	}
	return out
}

// annotations builds the private annotations, all empty: spplus fills them.
func (g *generator) annotations(at time.Time) []champJSON {
	b := champBuilder{v: newValues(), at: at}
	out := make([]champJSON, 0, len(g.notes))
	for _, d := range g.notes {
		out = append(out, b.build(d, nil))
	}
	return out
}
