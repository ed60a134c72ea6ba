package connector

import (
	"fmt"
	"strings"
	"time"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// Kinds of message, in markers and reports.
const (
	msgFirst      = "message"
	msgReminder   = "reminder"
	msgCorrection = "correction"
)

// planMessage plans the message a dossier with blocking findings calls
// for, decided from persisted state only (snapshot and extra), so that a
// restart never loses nor repeats one:
//   - a new set of blocking findings gets a first message, or a correction
//     request when the dossier is en instruction (DS then reopens it);
//   - a set already written about, while the dossier is en instruction and
//     no correction was asked for it, gets a correction request;
//   - otherwise a reminder is due every ReminderEvery after the last
//     message, at most MaxReminders times.
//
// Decided or deleted dossiers, complete ones, and démarches with messages
// disabled get none.
func planMessage(o outcome, snap store.Snapshot, x extra, f facts, p policy, now time.Time) (store.Action, bool, error) {
	ids := o.blockingIDs()
	if !p.messages.Enabled || !messageable(f.State) || snap.Deleted || len(ids) == 0 {
		return store.Action{}, false, nil
	}
	set := setHash(f.Number, ids)
	kind, index := msgFirst, 0
	switch {
	case x.MessageSet != set && f.State == graphql.StateEnInstruction:
		kind = msgCorrection
	case x.MessageSet != set:
	case f.State == graphql.StateEnInstruction && x.CorrectionSet != set:
		kind = msgCorrection
	case reminderDue(snap, p, now):
		kind, index = msgReminder, snap.Reminders+1
	default:
		return store.Action{}, false, nil
	}
	marker := markerFor(f.Number, ids, index, kind)
	body, err := render(p.templates, templateFor(kind), messageDataOf(o, f.Number, index, kind, p, now), marker)
	if err != nil {
		return store.Action{}, false, err
	}
	pl := messagePayload{DossierID: f.DossierID, Body: body, Marker: marker, Correction: kind == msgCorrection, Index: index, Set: set}
	a, err := newAction(f.Number, store.KindMessage, strings.TrimPrefix(marker, MarkerPrefix), now, pl)
	return a, err == nil, err
}

// reminderDue decides from the snapshot whether the next reminder is due.
func reminderDue(snap store.Snapshot, p policy, now time.Time) bool {
	return p.messages.ReminderEvery > 0 && snap.Reminders < p.messages.MaxReminders &&
		!snap.LastMessageAt.IsZero() && !now.Before(snap.LastMessageAt.Add(p.messages.ReminderEvery))
}

func templateFor(kind string) string {
	switch kind {
	case msgReminder:
		return tmplReminder
	case msgCorrection:
		return tmplCorrection
	}
	return tmplMessage
}

// messageDataOf fills a template's data: each blocking finding with its
// guide section, and the deadline that matters.
func messageDataOf(o outcome, number, index int, kind string, p policy, now time.Time) messageData {
	d := messageData{Number: number, Service: o.ServiceName, Reminder: index, MaxReminders: p.messages.MaxReminders,
		Correction: kind == msgCorrection, Deadline: deadlineSentence(o, p, now)}
	for _, f := range o.blocking() {
		it := messageItem{Rule: string(f.Rule), Section: f.Section, Message: f.Message}
		if strings.Contains(f.Message, "§") {
			it.Section = "" // the message cites its section already
		}
		d.Items = append(d.Items, it)
	}
	return d
}

// deadlineSentence names the deadline that matters to the candidate: the
// deposit deadline (audit − 1 month, §3.5.1) while it is ahead, else the
// audit date while it is ahead.
func deadlineSentence(o outcome, p policy, now time.Time) string {
	today := rules.NewDate(p.today(now))
	if due, ok := o.deadline(rules.DeadlineDepositDue); ok && !due.Before(today) {
		return "Le dossier complet doit être déposé au plus tard le " + due.French() +
			", un mois avant l'audit (guide du label, § 3.5.1)."
	}
	if !o.AuditDate.IsZero() && !o.AuditDate.Before(today) {
		return "L'audit est prévu le " + o.AuditDate.French() + " : le dossier doit être complet avant cette date."
	}
	return ""
}

// afterPlan records in the new snapshot what the planned message changes
// in the persisted message state: it is written with the outbox action, in
// the same transaction, so the reminder cadence survives any crash.
func afterPlan(snap store.Snapshot, x extra, actions []store.Action, now time.Time) (store.Snapshot, extra) {
	for _, a := range actions {
		if a.Kind != store.KindMessage {
			continue
		}
		var pl messagePayload
		if err := decodePayload(a, &pl); err != nil {
			continue
		}
		snap.LastMessageAt, snap.LastMessageRef, snap.Reminders = now, pl.Marker, pl.Index
		x.MessageSet = pl.Set
		if pl.Correction {
			x.CorrectionSet = pl.Set
		}
	}
	return snap, x
}

// planAttestation sends the label attestation to the candidate when a human
// accepted the dossier on DS without a justificatif: spplus's own acceptances
// carry the attestation already. The action key is the same whatever the
// pass, so the outbox holds it once; the marker guards the send itself.
func planAttestation(o outcome, f facts, p policy, now time.Time) (store.Action, bool, error) {
	if f.State != graphql.StateAccepte || f.Justificatif != "" || !o.Level.Labelled() || !p.messages.Enabled {
		return store.Action{}, false, nil
	}
	marker := MarkerPrefix + hashOf(fmt.Sprint(f.Number), "attestation")[:6]
	data := messageDataOf(o, f.Number, 0, msgFirst, p, now)
	data.Level = o.Level.French()
	body, err := render(p.templates, tmplAttestation, data, marker)
	if err != nil {
		return store.Action{}, false, err
	}
	pl := messagePayload{DossierID: f.DossierID, Body: body, Marker: marker, Attestation: true}
	a, err := newAction(f.Number, store.KindMessage, "attestation", now, pl)
	return a, err == nil, err
}
