package sandbox

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// argValues coerces a field's arguments: literals (with variables substituted), variables,
// then declared defaults.
func (ex *executor) argValues(fd *ast.FieldDefinition, f *ast.Field) (map[string]any, error) {
	out := map[string]any{}
	for _, ad := range fd.Arguments {
		v, given, err := ex.argInput(ad, f.Arguments.ForName(ad.Name))
		if err != nil {
			return nil, err
		}
		if !given {
			continue
		}
		cv, probs := ex.coercer.coerce(ad.Type, v, nil)
		if len(probs) > 0 {
			return nil, newFieldError("argumentLiteralsIncompatible",
				"Argument '%s' on Field '%s' has an invalid value (%s). Expected type '%s'.%s",
				ad.Name, f.Name, jsonText(v), ad.Type.String(), explain(probs))
		}
		out[ad.Name] = cv
	}
	return out, nil
}

func (ex *executor) argInput(ad *ast.ArgumentDefinition, a *ast.Argument) (any, bool, error) {
	if a != nil && a.Value != nil {
		if a.Value.Kind == ast.Variable {
			if v, ok := ex.vars[a.Value.Raw]; ok {
				return v, true, nil
			}
		} else {
			v, err := literalValue(a.Value, ex.vars)
			if err != nil {
				return nil, false, newFieldError("argumentLiteralsIncompatible", "Argument '%s': %v", ad.Name, err)
			}
			return v, true, nil
		}
	}
	if ad.DefaultValue != nil {
		v, err := literalValue(ad.DefaultValue, nil)
		return v, err == nil, nil
	}
	return nil, false, nil
}

func explain(probs []problem) string {
	parts := make([]string, 0, len(probs))
	for _, p := range probs {
		if len(p.Path) > 0 {
			parts = append(parts, fmt.Sprintf("%s (%s)", joinPath(p.Path), p.Explanation))
		} else {
			parts = append(parts, p.Explanation)
		}
	}
	return " " + strings.Join(parts, ", ")
}
