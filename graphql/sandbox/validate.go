package sandbox

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// maxDepth is DS's max_depth (app/graphql/api/v2/schema.rb).
const maxDepth = 15

// prepared is a parsed, validated query ready to run.
type prepared struct {
	doc *ast.QueryDocument
	op  *ast.OperationDefinition
}

// prepare parses and validates the query and picks the operation, returning graphql-ruby
// shaped errors (answered with HTTP 200 and no "data") when it cannot run.
func (s *Server) prepare(query, operationName string) (*prepared, []gqlError) {
	if strings.TrimSpace(query) == "" {
		return nil, []gqlError{{Message: "No query string was present"}}
	}
	doc, err := parser.ParseQuery(&ast.Source{Name: "query", Input: query})
	if err != nil {
		return nil, []gqlError{parseError(err)}
	}
	if errs := validator.ValidateWithRules(s.schema, doc, s.rules); len(errs) > 0 {
		return nil, convertValidation(errs)
	}
	op, gerr := pickOperation(doc, operationName)
	if gerr != nil {
		return nil, []gqlError{*gerr}
	}
	if d := operationDepth(doc, op.SelectionSet, map[string]int{}); d > maxDepth {
		return nil, []gqlError{{Message: fmt.Sprintf("Query has depth of %d, which exceeds max depth of %d", d, maxDepth)}}
	}
	return &prepared{doc: doc, op: op}, nil
}

// parseError words a syntax error like graphql-ruby: message, then " at [line, column]".
func parseError(err error) gqlError {
	ge, ok := err.(*gqlerror.Error)
	if !ok {
		return gqlError{Message: err.Error()}
	}
	out := gqlError{Message: ge.Message}
	if len(ge.Locations) > 0 {
		l := ge.Locations[0]
		out.Message = fmt.Sprintf("%s at [%d, %d]", ge.Message, l.Line, l.Column)
		out.Locations = []gqlLocation{{Line: l.Line, Column: l.Column}}
	}
	return out
}

var (
	unusedFragmentRe = regexp.MustCompile(`^Fragment "([^"]+)" is never used\.$`)
	unknownTypeRe    = regexp.MustCompile(`^Unknown type "([^"]+)"\.`)
)

// convertValidation turns gqlparser errors into graphql-ruby shaped entries; the rules of
// validate_rules.go already carry graphql-ruby wording, the rest are reworded here.
func convertValidation(errs gqlerror.List) []gqlError {
	out := make([]gqlError, 0, len(errs))
	for _, e := range errs {
		g := gqlError{Message: e.Message, Extensions: e.Extensions}
		for _, l := range e.Locations {
			g.Locations = append(g.Locations, gqlLocation{Line: l.Line, Column: l.Column})
		}
		rewordValidation(e.Rule, &g)
		out = append(out, g)
	}
	return out
}

func rewordValidation(rule string, g *gqlError) {
	switch rule {
	case "NoUnusedFragments":
		if m := unusedFragmentRe.FindStringSubmatch(g.Message); m != nil {
			g.Message = fmt.Sprintf("Fragment %s was defined, but not used", m[1])
			g.Extensions = map[string]any{"code": "useAndDefineFragment", "fragmentName": m[1]}
		}
	case "KnownTypeNames":
		if m := unknownTypeRe.FindStringSubmatch(g.Message); m != nil {
			g.Message = fmt.Sprintf("No such type %s, so it can't be a fragment condition", m[1])
			g.Extensions = map[string]any{"code": "undefinedType", "typeName": m[1]}
		}
	case "KnownRootType":
		g.Message = "Schema is not configured for subscriptions"
		g.Extensions = map[string]any{"code": "missingSubscriptionConfiguration"}
	}
	if g.Extensions == nil && rule != "" {
		// gqlparser-only wording: still give clients a machine-readable code.
		g.Extensions = map[string]any{"code": lowerFirst(rule)}
	}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// pickOperation selects the operation to run as graphql-ruby does.
func pickOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, *gqlError) {
	if name != "" {
		if op := doc.Operations.ForName(name); op != nil {
			return op, nil
		}
		return nil, &gqlError{Message: fmt.Sprintf("No operation named %q", name)}
	}
	switch len(doc.Operations) {
	case 0:
		return nil, &gqlError{Message: "No operations in this document"}
	case 1:
		return doc.Operations[0], nil
	default:
		return nil, &gqlError{Message: "An operation name is required"}
	}
}

// operationDepth counts nested fields like graphql-ruby's max_depth (fragments inlined,
// introspection fields included).
// A fragment's depth does not depend on where it is spread, so it is memoized: a document
// spreading fragments into fragments stays linear.
func operationDepth(doc *ast.QueryDocument, set ast.SelectionSet, memo map[string]int) int {
	best := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			d = 1 + operationDepth(doc, s.SelectionSet, memo)
		case *ast.InlineFragment:
			d = operationDepth(doc, s.SelectionSet, memo)
		case *ast.FragmentSpread:
			if known, ok := memo[s.Name]; ok {
				d = known
			} else if f := doc.Fragments.ForName(s.Name); f != nil {
				// Validation has rejected cycles; the zero guards against one anyway.
				memo[s.Name] = 0
				d = operationDepth(doc, f.SelectionSet, memo)
				memo[s.Name] = d
			}
		}
		best = max(best, d)
	}
	return best
}
