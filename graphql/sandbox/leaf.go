package sandbox

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// serializeLeaf writes a scalar or enum value as DS does. Data values pass through; values
// the sandbox computed are converted (times to Paris seconds precision, BigInt to a string).
func serializeLeaf(def *ast.Definition, v any) (any, error) {
	if t, ok := v.(time.Time); ok {
		if def.Name == "ISO8601Date" {
			return t.In(paris).Format(time.DateOnly), nil
		}
		return formatDSTime(t), nil
	}
	switch def.Name {
	case "Int":
		n, ok := asInt(v)
		if !ok {
			if s, isStr := v.(string); isStr {
				if i, err := strconv.ParseInt(s, 10, 64); err == nil {
					return i, nil
				}
			}
			return nil, fmt.Errorf("expected an Int, got %s", jsonText(v))
		}
		return n, nil
	case "BigInt":
		if n, ok := asInt(v); ok {
			return strconv.FormatInt(n, 10), nil
		}
		if n, ok := v.(json.Number); ok {
			return n.String(), nil
		}
	case "Float":
		if f, ok := asFloat(v); ok {
			return f, nil
		}
		return nil, fmt.Errorf("expected a Float, got %s", jsonText(v))
	case "Boolean":
		if _, ok := v.(bool); !ok {
			return nil, fmt.Errorf("expected a Boolean, got %s", jsonText(v))
		}
	}
	return v, nil
}

// fieldDefault is the value of a field absent from the data: empty lists for the dossier
// collections the sandbox itself appends to (so a minimal fixture stays valid), false for
// prefilled flags, null otherwise (which a non-null field reports as invalid_null).
func fieldDefault(def *ast.Definition, field string) any {
	switch field {
	case "labels", "instructeurs", "traitements", "messages", "avis", "champs", "annotations",
		"columns", "attachments", "files", "rows", "administrateurs", "revisions", "tags", "zones":
		return []any{}
	case "prefilled":
		return false
	case "archived":
		if def.Name == "Dossier" {
			return false
		}
	}
	return nil
}
