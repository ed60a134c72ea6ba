package sandbox

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// dsSchemaText is DS's schema with its description strings stripped (see schema_strip.go
// and the header of the file for its source).
//
//go:embed schema/ds.graphql
var dsSchemaText string

// loadSchemaOnce parses the embedded schema once per process: the result is never modified
// after loading, so every Server shares it.
var loadSchemaOnce = sync.OnceValues(func() (*ast.Schema, error) {
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "ds.graphql", Input: dsSchemaText})
	if err != nil {
		return nil, fmt.Errorf("load embedded DS schema: %w", err)
	}
	return s, nil
})

// validationRules are gqlparser's rules minus OverlappingFieldsCanBeMerged: graphql-ruby
// (DS's server) accepts the same response key with different types on mutually exclusive
// concrete types, and DS's own persisted query ds-query-v2 relies on it (API-NOTES §13).
func validationRules() *rules.Rules {
	r := rules.NewDefaultRules()
	r.RemoveRule(rules.OverlappingFieldsCanBeMergedRule.Name)
	return r
}
