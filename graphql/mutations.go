package graphql

import (
	"context"
	"errors"
	"fmt"
)

// TransitionInput moves a dossier without a decision: passer en
// instruction, repasser en construction, repasser en instruction.
type TransitionInput struct {
	DossierID           string // the dossier's base64 id, not its number
	InstructeurID       string
	DisableNotification bool // no e-mail to the applicant; DS still logs a message
}

// DecisionInput decides a dossier: accepter, refuser, classer sans suite.
type DecisionInput struct {
	DossierID           string
	InstructeurID       string
	Motivation          string // required to refuse or classer sans suite
	Justificatif        string // optional signed blob id, from Upload
	DisableNotification bool
}

// CorrectionReason asks the applicant for a correction along with a message;
// DS then puts the dossier back en construction.
type CorrectionReason string

// Correction reasons accepted by dossierEnvoyerMessage.
const (
	CorrectionIncorrect  CorrectionReason = "incorrect"
	CorrectionIncomplete CorrectionReason = "incomplete"
	CorrectionOutdated   CorrectionReason = "outdated"
)

// SendMessageInput is a message from an instructeur to the applicant.
type SendMessageInput struct {
	DossierID     string
	InstructeurID string
	Body          string
	Attachment    string           // optional signed blob id, from Upload
	Correction    CorrectionReason // optional
}

// State changes are retried like queries: DS checks the current state
// first, so a replay of an applied change is refused ("Le dossier est déjà
// …", a *MutationError) and never applied twice. On such an error after a
// retry, re-read the dossier to learn whether the change happened.

// PasserEnInstruction moves an en_construction dossier en instruction.
func (c *Client) PasserEnInstruction(ctx context.Context, in TransitionInput) (*DossierState, error) {
	return c.transition(ctx, "dossierPasserEnInstruction", in)
}

// RepasserEnConstruction moves an en_instruction dossier back en construction.
func (c *Client) RepasserEnConstruction(ctx context.Context, in TransitionInput) (*DossierState, error) {
	return c.transition(ctx, "dossierRepasserEnConstruction", in)
}

// RepasserEnInstruction reopens a decided dossier.
func (c *Client) RepasserEnInstruction(ctx context.Context, in TransitionInput) (*DossierState, error) {
	return c.transition(ctx, "dossierRepasserEnInstruction", in)
}

// Accepter accepts an en_instruction dossier.
func (c *Client) Accepter(ctx context.Context, in DecisionInput) (*DossierState, error) {
	return c.decide(ctx, "dossierAccepter", in, false)
}

// Refuser refuses an en_instruction dossier; Motivation is required.
func (c *Client) Refuser(ctx context.Context, in DecisionInput) (*DossierState, error) {
	return c.decide(ctx, "dossierRefuser", in, true)
}

// ClasserSansSuite closes an en_instruction dossier; Motivation is required.
func (c *Client) ClasserSansSuite(ctx context.Context, in DecisionInput) (*DossierState, error) {
	return c.decide(ctx, "dossierClasserSansSuite", in, true)
}

func (c *Client) transition(ctx context.Context, name string, in TransitionInput) (*DossierState, error) {
	if err := requireIDs(name, "dossierId", in.DossierID, "instructeurId", in.InstructeurID); err != nil {
		return nil, err
	}
	input := transitionInput{DossierID: in.DossierID, InstructeurID: in.InstructeurID, DisableNotification: in.DisableNotification}
	return c.changeState(ctx, name, input)
}

func (c *Client) decide(ctx context.Context, name string, in DecisionInput, needMotivation bool) (*DossierState, error) {
	if err := requireIDs(name, "dossierId", in.DossierID, "instructeurId", in.InstructeurID); err != nil {
		return nil, err
	}
	if needMotivation && in.Motivation == "" {
		return nil, fmt.Errorf("%s: motivation is empty: expected the reason given to the applicant", name)
	}
	input := transitionInput{DossierID: in.DossierID, InstructeurID: in.InstructeurID,
		Justificatif: in.Justificatif, DisableNotification: in.DisableNotification}
	if in.Motivation != "" {
		input.Motivation = &in.Motivation
	}
	return c.changeState(ctx, name, input)
}

// changeState sends a state mutation and converts its payload.
func (c *Client) changeState(ctx context.Context, name string, input transitionInput) (*DossierState, error) {
	var p statePayload
	if err := c.mutate(ctx, name, input, true, &p); err != nil {
		return nil, fmt.Errorf("%s dossier %s: %w", name, input.DossierID, err)
	}
	if err := c.payloadError(name, p.Errors); err != nil {
		return nil, fmt.Errorf("dossier %s: %w", input.DossierID, err)
	}
	if p.Dossier == nil {
		return nil, fmt.Errorf("%s dossier %s: %w", name, input.DossierID,
			&DecodeError{Op: name, Status: 200, Err: errors.New("no dossier and no errors in the payload")})
	}
	done, err := parseDateTime("dateTraitement", p.Dossier.DateTraitement)
	if err != nil {
		return nil, fmt.Errorf("%s dossier %s: %w", name, input.DossierID, &DecodeError{Op: name, Status: 200, Err: err})
	}
	d := p.Dossier
	return &DossierState{ID: d.ID, Number: d.Number, State: d.State, Archived: d.Archived, DateTraitement: done, Motivation: d.Motivation}, nil
}

// SendMessage posts a message on a dossier. DS has no idempotency key and
// creates a message on every call, so it is NOT resent once the request may
// have reached the server (only after a 429, or a failure before the request
// was fully written). After a transport error or a 5xx, the message may or
// may not exist: re-read the dossier's messages (look for the caller's
// reference marker) before sending again.
func (c *Client) SendMessage(ctx context.Context, in SendMessageInput) (*Message, error) {
	if err := requireIDs(mutEnvoyerMessage, "dossierId", in.DossierID, "instructeurId", in.InstructeurID); err != nil {
		return nil, err
	}
	if in.Body == "" {
		return nil, fmt.Errorf("%s: body is empty: expected the message text", mutEnvoyerMessage)
	}
	input := messageInput{DossierID: in.DossierID, InstructeurID: in.InstructeurID, Body: in.Body,
		Attachment: in.Attachment, Correction: string(in.Correction)}
	var p messagePayload
	if err := c.mutate(ctx, mutEnvoyerMessage, input, false, &p); err != nil {
		return nil, fmt.Errorf("send message on dossier %s: %w", in.DossierID, err)
	}
	if err := c.payloadError(mutEnvoyerMessage, p.Errors); err != nil {
		return nil, fmt.Errorf("dossier %s: %w", in.DossierID, err)
	}
	if p.Message == nil {
		return nil, fmt.Errorf("send message on dossier %s: %w", in.DossierID,
			&DecodeError{Op: mutEnvoyerMessage, Status: 200, Err: errors.New("no message and no errors in the payload")})
	}
	created, err := parseDateTime("createdAt", p.Message.CreatedAt)
	if err != nil {
		return nil, fmt.Errorf("send message on dossier %s: %w", in.DossierID, &DecodeError{Op: mutEnvoyerMessage, Status: 200, Err: err})
	}
	return &Message{ID: p.Message.ID, Email: p.Message.Email, Body: p.Message.Body, CreatedAt: created}, nil
}

// AddLabel attaches a démarche label to a dossier. Retried like a query:
// a replay is refused ("Ce label est déjà associé au dossier"), not doubled.
func (c *Client) AddLabel(ctx context.Context, dossierID, labelID string) error {
	return c.label(ctx, "dossierAjouterLabel", dossierID, labelID)
}

// RemoveLabel detaches a label from a dossier.
func (c *Client) RemoveLabel(ctx context.Context, dossierID, labelID string) error {
	return c.label(ctx, "dossierSupprimerLabel", dossierID, labelID)
}

func (c *Client) label(ctx context.Context, name, dossierID, labelID string) error {
	if err := requireIDs(name, "dossierId", dossierID, "labelId", labelID); err != nil {
		return err
	}
	var p labelPayload
	if err := c.mutate(ctx, name, labelInput{DossierID: dossierID, LabelID: labelID}, true, &p); err != nil {
		return fmt.Errorf("%s dossier %s label %s: %w", name, dossierID, labelID, err)
	}
	if err := c.payloadError(name, p.Errors); err != nil {
		return fmt.Errorf("dossier %s label %s: %w", dossierID, labelID, err)
	}
	return nil
}
