package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

func TestValidationErrors(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		message     string
		code        string
	}{
		{"unknown field", `{ demarche(number: 1) { nope } }`, nil,
			"Field 'nope' doesn't exist on type 'Demarche'", "undefinedField"},
		{"unknown argument", `{ demarche(number: 1, foo: 2) { id } }`, nil,
			"Field 'demarche' doesn't accept argument 'foo'", "argumentNotAccepted"},
		{"missing required argument", `{ demarche { id } }`, nil,
			"Field 'demarche' is missing required arguments: number", "missingRequiredArguments"},
		{"object without selection", `{ demarche(number: 1) }`, nil,
			"Field must have selections (field 'demarche' returns Demarche but has no selections. Did you mean 'demarche { ... }'?)", "selectionMismatch"},
		{"scalar with selection", `{ demarche(number: 1) { id { x } } }`, nil,
			"Selections can't be made on scalars (field 'id' returns ID but has selections [x])", "selectionMismatch"},
		{"undeclared variable", `query Q { demarche(number: $n) { id } }`, nil,
			"Variable $n is used by Q but not declared", "variableNotDefined"},
		{"unused variable", `query Q($n: Int) { demarche(number: 1) { id } }`, nil,
			"Variable $n is declared by Q but not used", "variableNotUsed"},
		{"unused fragment", `query { demarche(number: 1) { id } } fragment F on Demarche { id }`, nil,
			"Fragment F was defined, but not used", "useAndDefineFragment"},
		{"unknown fragment", `query { demarche(number: 1) { ...G } }`, nil,
			"Fragment G was used, but not defined", "useAndDefineFragment"},
		{"bad datetime literal", `{ demarche(number: 1) { dossiers(updatedSince: "yesterday") { nodes { id } } } }`, nil,
			`Argument 'updatedSince' on Field 'dossiers' has an invalid value ("yesterday"). Expected type 'ISO8601DateTime'.`, "argumentLiteralsIncompatible"},
		{"parse error", `{ demarche(number: 1) { id }`, nil, "Expected Name, found <EOF> at [1, 29]", ""},
		{"no query", `   `, nil, "No query string was present", ""},
		{"variable null for non-null field", `mutation M($input: DossierEnvoyerMessageInput!) { dossierEnvoyerMessage(input: $input) { errors { message } } }`,
			map[string]any{"input": map[string]any{"dossierId": "x", "instructeurId": "y", "body": nil}},
			"Variable $input of type DossierEnvoyerMessageInput! was provided invalid value for body (Expected value to not be null)", ""},
		{"missing non-null variable", `query Q($n: Int!) { demarche(number: $n) { id } }`, nil,
			"Variable $n of type Int! was provided invalid value", ""},
		{"oneOf with two keys", `mutation M($input: DossierModifierAnnotationsInput!) { dossierModifierAnnotations(input: $input) { errors { message } } }`,
			map[string]any{"input": map[string]any{"dossierId": "x", "instructeurId": "y", "annotations": []any{
				map[string]any{"id": "a", "value": map[string]any{"text": "t", "checkbox": true}}}}},
			"Variable $input of type DossierModifierAnnotationsInput! was provided invalid value for annotations.0.value (AnnotationValueInput must specify exactly one key)", ""},
		{"depth over 15", deepQuery(9), nil,
			"Query has depth of 16, which exceeds max depth of 15", ""},
		{"operation name required", `query A { demarche(number: 1) { id } } query B { demarche(number: 1) { id } }`, nil,
			"An operation name is required", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.gql(tt.query, tt.vars)
			if _, hasData := r.body["data"]; hasData {
				t.Errorf("validation failure must carry no data key: %s", r.raw)
			}
			errs := r.errors()
			if len(errs) == 0 {
				t.Fatalf("no errors: %s", r.raw)
			}
			if got := at(errs[0], "message"); got != tt.message {
				t.Errorf("message = %v\nwant      %s", got, tt.message)
			}
			if got, _ := at(errs[0], "extensions", "code").(string); got != tt.code {
				t.Errorf("code = %q, want %q", got, tt.code)
			}
		})
	}
}

func TestGraphqlRubyAcceptsConflictingValueAliasesOnExclusiveTypes(t *testing.T) {
	// DS's persisted ds-query-v2 selects `value` with different types on different champ
	// types without aliases; graphql-ruby accepts it, so must the sandbox.
	h := newHarness(t)
	r := h.gql(`{ dossier(number: 101) { champs { ... on TextChamp { value } ... on CheckboxChamp { value } ... on DateChamp { value } } } }`, nil)
	if len(r.errors()) > 0 {
		t.Fatalf("unexpected errors: %s", r.raw)
	}
	if got := r.data("dossier", "champs", 0, "value"); got != "Mairie 101" {
		t.Errorf("TextChamp value = %v", got)
	}
}

func TestBodyParseErrors(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, body, code string
		status           int
	}{
		{"not json", `{"query": `, "bad_request", http.StatusBadRequest},
		{"variables string not json", `{"query":"{ demarche(number:1){id} }","variables":"{"}`, "graphql_parse_failed", http.StatusBadRequest},
		{"variables not an object", `{"query":"{ demarche(number:1){id} }","variables":42}`, "bad_request", http.StatusBadRequest},
		{"variables as json string", `{"query":"query Q($n:Int!){ demarche(number:$n){id} }","variables":"{\"n\":1}"}`, "", http.StatusOK},
		{"unknown persisted query", `{"queryId":"ds-query-v9","operationName":"getDemarche"}`, "bad_request", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.do("POST", "/api/v2/graphql", "Bearer sandbox-token", []byte(tt.body), "Content-Type", "application/json")
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.raw)
			}
			if tt.code == "" {
				return
			}
			if got := at(r.body, "errors", 0, "extensions", "code"); got != tt.code {
				t.Errorf("code = %v, want %s: %s", got, tt.code, r.raw)
			}
			if !strings.Contains(string(r.raw), `"data":null`) {
				t.Errorf("controller errors carry data:null: %s", r.raw)
			}
		})
	}
}

// deepQuery nests k champDescriptors levels under 6 fixed levels: depth 7+k.
func deepQuery(k int) string {
	open := strings.Repeat("... on RepetitionChampDescriptor { champDescriptors { ", k)
	return "{ demarche(number: 1) { dossiers { nodes { demarche { revision { annotationDescriptors { " +
		open + "id" + strings.Repeat(" } }", k) + " } } } } } } }"
}
