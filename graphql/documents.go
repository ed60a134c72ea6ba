package graphql

import (
	"fmt"
	"strings"

	hasura "github.com/hasura/go-graphql-client"
)

// Names of the queries, used as GraphQL operation names.
const (
	opDemarche          = "Demarche"
	opDossiersPage      = "DossiersPage"
	opDossierNumbers    = "DossierNumbers"
	opDossier           = "Dossier"
	opDeleted           = "DeletedDossiers"
	opPendingDeleted    = "PendingDeletedDossiers"
	mutBatchAnnotations = "dossierModifierAnnotations"
	mutEnvoyerMessage   = "dossierEnvoyerMessage"
	mutCreateUpload     = "createDirectUpload"
)

// stateMutations change a dossier's state; they share statePayload.
var stateMutations = []string{
	"dossierPasserEnInstruction", "dossierAccepter", "dossierRefuser",
	"dossierClasserSansSuite", "dossierRepasserEnConstruction", "dossierRepasserEnInstruction",
}

// singleAnnotationMutations are the per-type fallbacks, by AnnotationValueInput key.
var singleAnnotationMutations = map[string]string{
	"text":          "dossierModifierAnnotationText",
	"checkbox":      "dossierModifierAnnotationCheckbox",
	"date":          "dossierModifierAnnotationDate",
	"datetime":      "dossierModifierAnnotationDatetime",
	"integerNumber": "dossierModifierAnnotationIntegerNumber",
	"decimalNumber": "dossierModifierAnnotationDecimalNumber",
	"dropDownList":  "dossierModifierAnnotationDropDownList",
}

// documents holds every operation text the client sends, built once by New
// from the typed structs.
type documents struct {
	queries   map[string]string // by operation name
	mutations map[string]string // by mutation field name
}

// varType names a variable's GraphQL type for hasura's query builder: a
// value renders as "Type!", a pointer as the nullable "Type".
type varType string

// GetGraphQLType implements hasura's GraphQLType.
func (v varType) GetGraphQLType() string { return string(v) }

func nullable(t string) *varType { v := varType(t); return &v }

// buildDocuments renders every query and mutation.
func buildDocuments() (documents, error) {
	d := documents{queries: map[string]string{}, mutations: map[string]string{}}
	page := map[string]any{"demarche": varType("Int"), "first": varType("Int"),
		"after": nullable("String"), "updatedSince": nullable("ISO8601DateTime")}
	deleted := map[string]any{"demarche": varType("Int"), "first": varType("Int"),
		"after": nullable("String"), "since": nullable("ISO8601DateTime")}
	queries := []struct {
		name string
		v    any
		vars map[string]any
	}{
		{opDemarche, demarcheQuery{}, map[string]any{"demarche": varType("Int")}},
		{opDossiersPage, dossiersPageQuery{}, page},
		{opDossierNumbers, dossierNumbersQuery{}, page},
		{opDossier, dossierQuery{}, map[string]any{"number": varType("Int")}},
		{opDeleted, deletedDossiersQuery{}, deleted},
		{opPendingDeleted, pendingDeletedDossiersQuery{}, deleted},
		{opDeletions, deletionsQuery{}, map[string]any{"demarche": varType("Int"), "first": varType("Int"),
			"since": nullable("ISO8601DateTime")}},
	}
	for _, q := range queries {
		text, err := hasura.ConstructQuery(q.v, q.vars, hasura.OperationName(q.name))
		if err != nil {
			return d, fmt.Errorf("query %s: %w", q.name, err)
		}
		d.queries[q.name] = text
	}
	for name, payload := range mutationPayloads() {
		text, err := buildMutation(name, payload)
		if err != nil {
			return d, err
		}
		d.mutations[name] = text
	}
	return d, nil
}

// mutationPayloads maps each mutation the client sends to its payload selection.
func mutationPayloads() map[string]any {
	m := map[string]any{
		mutBatchAnnotations:     annotationsPayload{},
		mutEnvoyerMessage:       messagePayload{},
		mutCreateUpload:         directUploadPayload{},
		"dossierAjouterLabel":   labelPayload{},
		"dossierSupprimerLabel": labelPayload{},
	}
	for _, name := range stateMutations {
		m[name] = statePayload{}
	}
	for _, name := range singleAnnotationMutations {
		m[name] = annotationPayload{}
	}
	return m
}

// buildMutation renders `mutation Name($input:NameInput!){name(input: $input){...}}`
// with hasura's ordered-map form, since the field name is not static.
func buildMutation(name string, payload any) (string, error) {
	exported := strings.ToUpper(name[:1]) + name[1:]
	v := [][2]any{{name + "(input: $input)", payload}}
	vars := map[string]any{"input": varType(exported + "Input")}
	text, err := hasura.ConstructMutation(v, vars, hasura.OperationName(exported))
	if err != nil {
		return "", fmt.Errorf("mutation %s: %w", name, err)
	}
	return text, nil
}

// all returns every document keyed by operation name, for the contract test.
func (d documents) all() map[string]string {
	out := make(map[string]string, len(d.queries)+len(d.mutations))
	for k, v := range d.queries {
		out[k] = v
	}
	for k, v := range d.mutations {
		out[k] = v
	}
	return out
}
