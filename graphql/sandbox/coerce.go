package sandbox

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// problem is one reason an input value was refused, as graphql-ruby reports it in a
// variable error's extensions.problems.
type problem struct {
	Path        []any  `json:"path"`
	Explanation string `json:"explanation"`
}

// coercer turns JSON or literal input values into the Go values resolvers use: int64,
// float64, string, bool, time.Time (ISO8601DateTime), []any, map[string]any.
type coercer struct {
	schema *ast.Schema
}

// coerceVariables checks and converts the request's variables against the operation's
// declarations, applying defaults. A refusal is graphql-ruby's "was provided invalid value"
// error, answered without data.
func (c coercer) coerceVariables(op *ast.OperationDefinition, raw map[string]any) (map[string]any, []gqlError) {
	out := map[string]any{}
	var errs []gqlError
	for _, vd := range op.VariableDefinitions {
		v, given := raw[vd.Variable]
		if !given && vd.DefaultValue != nil {
			lit, err := literalValue(vd.DefaultValue, nil)
			if err == nil {
				v, given = lit, true
			}
		}
		if !given && !vd.Type.NonNull {
			continue
		}
		cv, probs := c.coerce(vd.Type, v, nil)
		if len(probs) > 0 {
			errs = append(errs, variableError(vd, v, probs))
			continue
		}
		out[vd.Variable] = cv
	}
	return out, errs
}

func variableError(vd *ast.VariableDefinition, given any, probs []problem) gqlError {
	msg := fmt.Sprintf("Variable $%s of type %s was provided invalid value", vd.Variable, vd.Type.String())
	var parts []string
	for _, p := range probs {
		if len(p.Path) > 0 {
			parts = append(parts, fmt.Sprintf("%s (%s)", joinPath(p.Path), p.Explanation))
		}
	}
	if len(parts) > 0 {
		msg += " for " + strings.Join(parts, ", ")
	}
	g := gqlError{Message: msg, Extensions: map[string]any{"value": given, "problems": probs}}
	if vd.Position != nil {
		g.Locations = []gqlLocation{{Line: vd.Position.Line, Column: vd.Position.Column}}
	}
	return g
}

func joinPath(p []any) string {
	s := make([]string, len(p))
	for i, e := range p {
		s[i] = fmt.Sprint(e)
	}
	return strings.Join(s, ".")
}

func appendPath(p []any, e any) []any {
	return append(append(make([]any, 0, len(p)+1), p...), e)
}

// coerce converts v to type t, collecting problems with their paths.
func (c coercer) coerce(t *ast.Type, v any, path []any) (any, []problem) {
	if v == nil {
		if t.NonNull {
			return nil, []problem{{Path: orEmpty(path), Explanation: "Expected value to not be null"}}
		}
		return nil, nil
	}
	if t.Elem != nil {
		return c.coerceList(t.Elem, v, path)
	}
	def := c.schema.Types[t.NamedType]
	if def == nil {
		return nil, []problem{{Path: orEmpty(path), Explanation: "Unknown type " + t.NamedType}}
	}
	switch def.Kind {
	case ast.InputObject:
		return c.coerceObject(def, v, path)
	case ast.Enum:
		return coerceEnum(def, v, path)
	default:
		out, err := coerceScalar(def.Name, v)
		if err != nil {
			return nil, []problem{{Path: orEmpty(path), Explanation: err.Error()}}
		}
		return out, nil
	}
}

func orEmpty(p []any) []any {
	if p == nil {
		return []any{}
	}
	return p
}

func (c coercer) coerceList(elem *ast.Type, v any, path []any) (any, []problem) {
	list, ok := v.([]any)
	if !ok {
		// Input coercion wraps a single value into a one-item list.
		item, probs := c.coerce(elem, v, path)
		return []any{item}, probs
	}
	out := make([]any, len(list))
	var probs []problem
	for i, item := range list {
		cv, p := c.coerce(elem, item, appendPath(path, i))
		out[i] = cv
		probs = append(probs, p...)
	}
	return out, probs
}

func (c coercer) coerceObject(def *ast.Definition, v any, path []any) (any, []problem) {
	in, ok := v.(map[string]any)
	if !ok {
		return nil, []problem{{Path: orEmpty(path), Explanation: fmt.Sprintf("Expected %s to be a key-value object.", jsonText(v))}}
	}
	var probs []problem
	for _, k := range sortedKeys(in) {
		if def.Fields.ForName(k) == nil {
			probs = append(probs, problem{Path: appendPath(path, k), Explanation: "Field is not defined on " + def.Name})
		}
	}
	out := map[string]any{}
	for _, f := range def.Fields {
		fv, given := in[f.Name]
		if !given && f.DefaultValue != nil {
			if lit, err := literalValue(f.DefaultValue, nil); err == nil {
				fv, given = lit, true
			}
		}
		if !given && !f.Type.NonNull {
			continue
		}
		cv, p := c.coerce(f.Type, fv, appendPath(path, f.Name))
		probs = append(probs, p...)
		if given {
			out[f.Name] = cv
		}
	}
	if def.Directives.ForName("oneOf") != nil && len(probs) == 0 && !exactlyOneNonNull(out) {
		probs = append(probs, problem{Path: orEmpty(path), Explanation: fmt.Sprintf("%s must specify exactly one key", def.Name)})
	}
	return out, probs
}

func exactlyOneNonNull(m map[string]any) bool {
	n := 0
	for _, v := range m {
		if v != nil {
			n++
		}
	}
	return n == 1 && len(m) == 1
}

func coerceEnum(def *ast.Definition, v any, path []any) (any, []problem) {
	s, ok := v.(string)
	if ok && def.EnumValues.ForName(s) != nil {
		return s, nil
	}
	names := make([]string, len(def.EnumValues))
	for i, ev := range def.EnumValues {
		names[i] = ev.Name
	}
	return nil, []problem{{Path: orEmpty(path), Explanation: fmt.Sprintf("Expected %s to be one of: %s", jsonText(v), strings.Join(names, ", "))}}
}

// coerceScalar converts one scalar input value.
func coerceScalar(name string, v any) (any, error) {
	switch name {
	case "Int":
		n, ok := asInt(v)
		if !ok || n > math.MaxInt32 || n < math.MinInt32 {
			return nil, fmt.Errorf("Could not coerce value %s to Int", jsonText(v))
		}
		return n, nil
	case "Float":
		f, ok := asFloat(v)
		if !ok {
			return nil, fmt.Errorf("Could not coerce value %s to Float", jsonText(v))
		}
		return f, nil
	case "Boolean":
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("Could not coerce value %s to Boolean", jsonText(v))
		}
		return b, nil
	case "ID":
		if n, ok := asInt(v); ok {
			return strconv.FormatInt(n, 10), nil
		}
		return stringScalar(name, v)
	case "ISO8601DateTime":
		if t, ok := v.(time.Time); ok {
			return t, nil
		}
		s, err := stringScalar(name, v)
		if err != nil {
			return nil, err
		}
		return parseDSTime(s.(string))
	case "ISO8601Date":
		s, err := stringScalar(name, v)
		if err != nil {
			return nil, err
		}
		if _, err := parseDate(s.(string)); err != nil {
			return nil, err
		}
		return s, nil
	case "BigInt":
		if n, ok := asInt(v); ok {
			return strconv.FormatInt(n, 10), nil
		}
		return stringScalar(name, v)
	case "String", "URL":
		return stringScalar(name, v)
	default:
		return v, nil
	}
}

func stringScalar(name string, v any) (any, error) {
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("Could not coerce value %s to %s", jsonText(v), name)
	}
	return s, nil
}

// asInt accepts a JSON number without fraction, or an int64 from a literal.
func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), true
		}
	}
	return 0, false
}

func asFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// jsonText prints an input value the way it was given, for error messages.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// literalValue converts a query literal to a JSON-like value, substituting variables;
// unlike gqlparser's Value.Value it never panics, and it drops unset variables from
// input objects (they count as absent, not null).
func literalValue(v *ast.Value, vars map[string]any) (any, error) {
	switch v.Kind {
	case ast.Variable:
		return vars[v.Raw], nil
	case ast.IntValue:
		n, err := strconv.ParseInt(v.Raw, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("integer %s out of range", v.Raw)
		}
		return n, nil
	case ast.FloatValue:
		return strconv.ParseFloat(v.Raw, 64)
	case ast.StringValue, ast.BlockValue, ast.EnumValue:
		return v.Raw, nil
	case ast.BooleanValue:
		return v.Raw == "true", nil
	case ast.NullValue:
		return nil, nil
	case ast.ListValue:
		out := make([]any, 0, len(v.Children))
		for _, c := range v.Children {
			cv, err := literalValue(c.Value, vars)
			if err != nil {
				return nil, err
			}
			out = append(out, cv)
		}
		return out, nil
	case ast.ObjectValue:
		out := map[string]any{}
		for _, c := range v.Children {
			if c.Value.Kind == ast.Variable {
				if _, set := vars[c.Value.Raw]; !set {
					continue
				}
			}
			cv, err := literalValue(c.Value, vars)
			if err != nil {
				return nil, err
			}
			out[c.Name] = cv
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported literal kind %d", v.Kind)
}
