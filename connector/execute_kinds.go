package connector

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// writeAnnotations sets the planned values in one dossierModifierAnnotations
// call. Setting a value is idempotent, so a replay after a crash is harmless.
func (p *pass) writeAnnotations(ctx context.Context, a store.Action) error {
	var pl annotationsPayload
	if err := decodePayload(a, &pl); err != nil {
		return err
	}
	kinds := p.s.annotationKinds(ctx, p.run)
	values := make([]graphql.AnnotationValue, 0, len(pl.Values))
	for _, w := range pl.Values {
		id := p.run.cfg.Annotations[w.Key]
		if _, known := kinds[id]; kinds != nil && !known {
			// A mapping error, not the dossier's: left out, so that the other
			// values are still written and no dossier is quarantined for it.
			p.log.Error().Str("annotation", w.Key).Str("descriptor", id).Msg("the démarche has no such annotation: fix annotations in the config")
			continue
		}
		v, err := annotationValue(w, kinds[id])
		if err != nil {
			return fmt.Errorf("dossier %d: %w", a.Dossier, err)
		}
		values = append(values, v)
	}
	if len(values) == 0 {
		return moot("no configured annotation exists on the démarche")
	}
	return p.ds().ModifyAnnotations(ctx, pl.DossierID, p.run.cfg.InstructeurID, values)
}

// annotationValue converts a planned value to the kind DS expects: the
// descriptor's type when the démarche was read, else the vocabulary's.
func annotationValue(w annotationWrite, descriptorType string) (graphql.AnnotationValue, error) {
	kind := kindOfDescriptor(descriptorType)
	if kind == "" {
		kind = kindOfVocabulary(w.Kind)
	}
	v := graphql.AnnotationValue{ID: w.ID, Kind: kind}
	var err error
	switch kind {
	case graphql.AnnotationCheckbox, graphql.AnnotationYesNo:
		v.Bool, err = strconv.ParseBool(w.Value)
	case graphql.AnnotationDecimalNumber:
		v.Float, err = strconv.ParseFloat(w.Value, 64)
	case graphql.AnnotationIntegerNumber:
		var f float64
		f, err = strconv.ParseFloat(w.Value, 64)
		v.Int = int64(f)
	case graphql.AnnotationDate, graphql.AnnotationDatetime:
		var d rules.Date
		d, err = rules.ParseDate(w.Value)
		v.Time = time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	default:
		v.Text = w.Value
	}
	if err != nil {
		return v, fmt.Errorf("annotation %q (%s): value %q does not fit its type %s: %w", w.Key, w.ID, w.Value, kind, err)
	}
	return v, nil
}

// kindOfDescriptor maps a descriptor __typename to the value kind DS wants.
func kindOfDescriptor(typename string) graphql.AnnotationKind {
	switch strings.TrimSuffix(typename, "ChampDescriptor") {
	case "Text":
		return graphql.AnnotationText
	case "Textarea":
		return graphql.AnnotationTextarea
	case "Email":
		return graphql.AnnotationEmail
	case "Checkbox":
		return graphql.AnnotationCheckbox
	case "YesNo":
		return graphql.AnnotationYesNo
	case "Date":
		return graphql.AnnotationDate
	case "Datetime":
		return graphql.AnnotationDatetime
	case "IntegerNumber":
		return graphql.AnnotationIntegerNumber
	case "DecimalNumber":
		return graphql.AnnotationDecimalNumber
	case "DropDownList":
		return graphql.AnnotationDropDownList
	}
	return ""
}

// kindOfVocabulary maps the vocabulary's kind of an annotation key.
func kindOfVocabulary(k config.Kind) graphql.AnnotationKind {
	switch k {
	case config.KindCheckbox:
		return graphql.AnnotationCheckbox
	case config.KindYesNo:
		return graphql.AnnotationYesNo
	case config.KindDecimal:
		return graphql.AnnotationDecimalNumber
	case config.KindInteger:
		return graphql.AnnotationIntegerNumber
	case config.KindDate:
		return graphql.AnnotationDate
	case config.KindDatetime:
		return graphql.AnnotationDatetime
	case config.KindChoice:
		return graphql.AnnotationDropDownList
	}
	return graphql.AnnotationText
}

// sendAttempts bounds the sends of one message in one pass.
const sendAttempts = 3

// sendMessage posts a message exactly once: before each send it reads the
// dossier's messages and does not send when one already carries the marker
// (sent by an attempt that failed to hear DS's answer, or that crashed
// before recording it). That check makes resending after a 5xx or a lost
// answer safe, which the client alone cannot do. A decided dossier is not
// written to. A correction is asked only while the dossier is en
// instruction; otherwise the text goes as a plain message.
func (p *pass) sendMessage(ctx context.Context, a store.Action) error {
	var pl messagePayload
	if err := decodePayload(a, &pl); err != nil {
		return err
	}
	var err error
	for attempt := 1; attempt <= sendAttempts; attempt++ {
		if err = p.sendOnce(ctx, a.Dossier, pl); err == nil || !graphql.IsRetryable(err) && graphql.ClassOf(err) != graphql.ClassMalformed {
			return err
		}
	}
	return err
}

func (p *pass) sendOnce(ctx context.Context, n int, pl messagePayload) error {
	d, err := p.current(ctx, n)
	if err != nil {
		return err
	}
	for _, m := range d.Messages {
		if strings.Contains(m.Body, pl.Marker) {
			return moot("a message with %s is already on the dossier", pl.Marker)
		}
	}
	if pl.Attestation {
		return p.sendAttestation(ctx, n, d, pl)
	}
	if !messageable(d.State) {
		return moot("the dossier is %s: no message", d.State)
	}
	in := graphql.SendMessageInput{DossierID: pl.DossierID, InstructeurID: p.run.cfg.InstructeurID, Body: pl.Body}
	if pl.Correction && d.State == graphql.StateEnInstruction {
		in.Correction = graphql.CorrectionIncomplete
	}
	_, err = p.ds().SendMessage(ctx, in)
	var refused *graphql.MutationError
	if in.Correction != "" && errors.As(err, &refused) {
		// DS refuses a second pending correction request (and creates no
		// message then): the text still goes, as a plain message.
		p.log.Info().Int("dossier", n).Strs("refusal", refused.Messages).Msg("correction request refused: sending a plain message")
		in.Correction = ""
		_, err = p.ds().SendMessage(ctx, in)
	}
	return err
}

// sendAttestation sends the attestation message, the PDF attached, to an
// accepted dossier that still has no justificatif.
func (p *pass) sendAttestation(ctx context.Context, n int, d *graphql.Dossier, pl messagePayload) error {
	if d.State != graphql.StateAccepte || d.JustificatifFilename != "" {
		return moot("the dossier is %s with justificatif %q: no attestation to send", d.State, d.JustificatifFilename)
	}
	blob, err := p.attestationJustificatif(ctx, n, pl.DossierID, p.now())
	if err != nil {
		return err
	}
	_, err = p.ds().SendMessage(ctx, graphql.SendMessageInput{DossierID: pl.DossierID,
		InstructeurID: p.run.cfg.InstructeurID, Body: pl.Body, Attachment: blob})
	return err
}

// changeState makes a transition only from the state DS must be in: a
// dossier already in the target state is done, one in another state is
// left alone (a human acted).
func (p *pass) changeState(ctx context.Context, a store.Action) error {
	var pl statePayload
	if err := decodePayload(a, &pl); err != nil {
		return err
	}
	d, err := p.current(ctx, a.Dossier)
	if err != nil {
		return err
	}
	target := targetState(pl.Transition)
	switch {
	case d.State == target:
		return moot("the dossier is already %s", target)
	case d.State != pl.From:
		return moot("the dossier is %s, not %s: left to the instructeurs", d.State, pl.From)
	}
	err = p.transition(ctx, a.Dossier, pl)
	var me *graphql.MutationError
	if errors.As(err, &me) {
		// A retried mutation DS already applied is refused as "déjà …":
		// read the state again to tell it from a real refusal.
		if again, rerr := p.ds().Dossier(ctx, a.Dossier); rerr == nil && again.State == target {
			return moot("the dossier is already %s", target)
		}
	}
	return err
}

func (p *pass) transition(ctx context.Context, n int, pl statePayload) error {
	instr := p.run.cfg.InstructeurID
	var err error
	switch pl.Transition {
	case TransitionPasserEnInstruction:
		_, err = p.ds().PasserEnInstruction(ctx, graphql.TransitionInput{DossierID: pl.DossierID, InstructeurID: instr})
	case TransitionAccepter:
		var justificatif string
		if justificatif, err = p.attestationJustificatif(ctx, n, pl.DossierID, p.now()); err != nil {
			return err
		}
		_, err = p.ds().Accepter(ctx, graphql.DecisionInput{DossierID: pl.DossierID, InstructeurID: instr, Motivation: pl.Motivation, Justificatif: justificatif})
	case TransitionRefuser:
		_, err = p.ds().Refuser(ctx, graphql.DecisionInput{DossierID: pl.DossierID, InstructeurID: instr, Motivation: pl.Motivation})
	default:
		err = fmt.Errorf("unknown transition %q", pl.Transition)
	}
	return err
}

func targetState(transition string) string {
	switch transition {
	case TransitionPasserEnInstruction:
		return graphql.StateEnInstruction
	case TransitionAccepter:
		return graphql.StateAccepte
	case TransitionRefuser:
		return graphql.StateRefuse
	}
	return ""
}

// current re-reads a dossier before acting on it; a dossier gone from DS
// makes the action moot.
func (p *pass) current(ctx context.Context, n int) (*graphql.Dossier, error) {
	d, err := p.ds().Dossier(ctx, n)
	if errors.Is(err, graphql.ErrNotFound) {
		return nil, moot("dossier %d is no longer on DS", n)
	}
	if err != nil {
		return nil, fmt.Errorf("read dossier %d before acting: %w", n, err)
	}
	return d, nil
}
