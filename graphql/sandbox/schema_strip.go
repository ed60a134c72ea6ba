package sandbox

import (
	"bytes"
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
)

// schemaHeader names the source of schema/ds.graphql; GraphQL "#" comments are ignored by
// the parser, so the header costs nothing at load time.
const schemaHeader = `# Démarche Numérique (ex Démarches Simplifiées) GraphQL API v2 schema, descriptions stripped.
# Source: repository demarches-simplifiees/demarches-simplifiees.fr, path app/graphql/schema.graphql,
# commit e1338d79114265bb1ee774235e1be64962e60d09 (AGPL-3.0; see shared/ds/SOURCE.md).
# Regenerate with: go test ./graphql/sandbox -run TestEmbeddedSchemaIsStrippedSource -update
`

// stripDescriptions parses a schema document and prints it again without description
// strings, behind schemaHeader. The output keeps every type, field, argument, default value
// and directive (@deprecated, @oneOf, @specifiedBy).
func stripDescriptions(src []byte) ([]byte, error) {
	doc, err := parser.ParseSchema(&ast.Source{Name: "schema.graphql", Input: string(src)})
	if err != nil {
		return nil, fmt.Errorf("parse source schema: %w", err)
	}
	var out bytes.Buffer
	out.WriteString(schemaHeader)
	formatter.NewFormatter(&out, formatter.WithoutDescription()).FormatSchemaDocument(doc)
	return out.Bytes(), nil
}
