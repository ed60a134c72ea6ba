package graphql

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ModifyAnnotations sets a dossier's annotations in one request
// (dossierModifierAnnotations). DS saves the valid values and refuses the
// others; every refusal is reported in one *MutationError. Setting a value
// is idempotent, so the request is retried like a query.
//
// On a server that lacks dossierModifierAnnotations (it answers that the
// field does not exist on Mutation), the client falls back, for this call
// and every later one, on the per-type mutations
// (dossierModifierAnnotationText, ...Checkbox, ...Date, ...Datetime,
// ...IntegerNumber, ...DecimalNumber, ...DropDownList), one request per
// value; multiple drop-down lists cannot be set there.
func (c *Client) ModifyAnnotations(ctx context.Context, dossierID, instructeurID string, values []AnnotationValue) error {
	if err := requireIDs(mutBatchAnnotations, "dossierId", dossierID, "instructeurId", instructeurID); err != nil {
		return err
	}
	if len(values) == 0 {
		return nil
	}
	inputs, err := annotationInputs(values)
	if err != nil {
		return fmt.Errorf("modify annotations of dossier %s: %w", dossierID, err)
	}
	if !c.noBatchAnnotations.Load() {
		err := c.batchAnnotations(ctx, dossierID, instructeurID, inputs)
		if !isMissingBatchMutation(err) {
			return err
		}
		c.noBatchAnnotations.Store(true)
		c.log.Info().Msg("server lacks dossierModifierAnnotations: using the per-type annotation mutations")
	}
	return c.singleAnnotations(ctx, dossierID, instructeurID, values)
}

// annotationInputs validates the values and builds the batch input.
func annotationInputs(values []AnnotationValue) ([]annotationInput, error) {
	out := make([]annotationInput, 0, len(values))
	for _, v := range values {
		if strings.TrimSpace(v.ID) == "" {
			return nil, fmt.Errorf("annotation of kind %q: id is empty: expected the annotation's id", v.Kind)
		}
		wv, err := v.wireValue()
		if err != nil {
			return nil, err
		}
		out = append(out, annotationInput{ID: v.ID, Value: map[string]any{string(v.Kind): wv}})
	}
	return out, nil
}

// batchAnnotations sends dossierModifierAnnotations.
func (c *Client) batchAnnotations(ctx context.Context, dossierID, instructeurID string, inputs []annotationInput) error {
	in := annotationsInput{DossierID: dossierID, InstructeurID: instructeurID, Annotations: inputs}
	var p annotationsPayload
	if err := c.mutate(ctx, mutBatchAnnotations, in, true, &p); err != nil {
		return fmt.Errorf("modify annotations of dossier %s: %w", dossierID, err)
	}
	if err := c.payloadError(mutBatchAnnotations, p.Errors); err != nil {
		return fmt.Errorf("dossier %s: %w", dossierID, err)
	}
	return nil
}

// isMissingBatchMutation recognises an older server's answer to the batch
// mutation: graphql-ruby says "Field 'dossierModifierAnnotations' doesn't
// exist on type 'Mutation'" (code undefinedField), other servers "Cannot
// query field ..." or an unknown input type.
func isMissingBatchMutation(err error) bool {
	var list GraphQLErrors
	if !errors.As(err, &list) {
		return false
	}
	for _, e := range list {
		names := strings.Contains(e.Message, mutBatchAnnotations) || strings.Contains(e.Message, "DossierModifierAnnotationsInput") ||
			strings.Contains(e.Message, "AnnotationInput") || strings.Contains(e.Message, "AnnotationValueInput")
		missing := e.Code == "undefinedField" || e.Code == "undefinedType" ||
			strings.Contains(e.Message, "doesn't exist") || strings.Contains(e.Message, "Cannot query field") ||
			strings.Contains(e.Message, "isn't a defined input type") || strings.Contains(e.Message, "Unknown type")
		if names && missing {
			return true
		}
	}
	return false
}

// singleAnnotations sets each value with its per-type mutation. Refusals
// are gathered and reported together; any other failure stops at once.
func (c *Client) singleAnnotations(ctx context.Context, dossierID, instructeurID string, values []AnnotationValue) error {
	var refused []string
	for _, v := range values {
		msgs, err := c.singleAnnotation(ctx, dossierID, instructeurID, v)
		if err != nil {
			return fmt.Errorf("modify annotation %q of dossier %s: %w", v.ID, dossierID, err)
		}
		refused = append(refused, msgs...)
	}
	if len(refused) > 0 {
		return fmt.Errorf("dossier %s: %w", dossierID, &MutationError{Op: "dossierModifierAnnotation*", Messages: refused})
	}
	return nil
}

// singleAnnotation sends one per-type mutation and returns its refusals.
func (c *Client) singleAnnotation(ctx context.Context, dossierID, instructeurID string, v AnnotationValue) ([]string, error) {
	key, err := v.singleMutationKey()
	if err != nil {
		return []string{err.Error()}, nil
	}
	wv, err := v.wireValue()
	if err != nil {
		return nil, err
	}
	name := singleAnnotationMutations[key]
	in := singleAnnotationInput{DossierID: dossierID, InstructeurID: instructeurID, AnnotationID: v.ID, Value: wv}
	var p annotationPayload
	if err := c.mutate(ctx, name, in, true, &p); err != nil {
		return nil, err
	}
	var me *MutationError
	if err := c.payloadError(name, p.Errors); errors.As(err, &me) {
		return me.Messages, nil
	}
	return nil, nil
}
