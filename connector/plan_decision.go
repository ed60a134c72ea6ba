package connector

import (
	"strings"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// Transitions the connector may make, as outbox payloads and proposals name them.
const (
	TransitionPasserEnInstruction = "passer_en_instruction"
	TransitionAccepter            = "accepter"
	TransitionRefuser             = "refuser"
)

// decision is the state change a verdict calls for, and what to tell a human.
type decision struct {
	Transition string // "" for none
	From       string // the state DS must be in
	Policy     config.Policy
	Motivation string // for the candidate (accepter, refuser)
	// Text is the proposed-decision annotation.
	Text string
}

// decide picks the state change: passer en instruction a complete dossier
// en construction; accept a complete dossier en instruction whose scores
// reach a level; refuse one whose scores miss bronze. A decided dossier, an
// incomplete one, or one whose level cannot be computed yet calls for none.
func decide(o outcome, state string, d config.Decisions) decision {
	var dec decision
	switch {
	case !o.Complete || !messageable(state):
	case state == graphql.StateEnConstruction:
		dec = decision{Transition: TransitionPasserEnInstruction, From: state, Policy: orPropose(d.PasserEnInstruction),
			Text: "Passer en instruction : le dossier est complet."}
	case o.Level.Labelled():
		m := "Le label Services publics + est attribué au niveau " + o.Level.French() + "."
		dec = decision{Transition: TransitionAccepter, From: state, Policy: orPropose(d.Accepter), Motivation: m,
			Text: "Accepter au niveau " + o.Level.French() + " : " + m}
	case o.Level == rules.LevelNone:
		m := "Les scores n'atteignent pas les seuils du premier niveau du label (§ 2.2.1 du guide)"
		if len(o.Failed) > 0 {
			m += " : " + strings.Join(o.Failed, " ; ")
		}
		m += "."
		dec = decision{Transition: TransitionRefuser, From: state, Policy: orPropose(d.Refuser), Motivation: m,
			Text: "Refuser : " + m}
	}
	switch dec.Policy {
	case config.PolicyOff:
		return decision{Text: "aucune"}
	case config.PolicyAuto:
		dec.Text += " (appliquée automatiquement)"
	}
	if dec.Transition == "" {
		dec.Text = "aucune"
	}
	return dec
}

// orPropose reads an unset policy as the default, propose.
func orPropose(p config.Policy) config.Policy {
	if p == "" {
		return config.PolicyPropose
	}
	return p
}
