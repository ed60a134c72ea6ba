package sandbox

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// rubyRules replaces gqlparser's wording of the most common validation failures with
// graphql-ruby's messages and extension codes (graphql-ruby 2.5, DS's server), so clients
// see what DS would send. Rules not listed keep gqlparser's wording.
func rubyRules() *rules.Rules {
	r := validationRules()
	r.ReplaceRule(rules.FieldsOnCorrectTypeRule.Name, rubyFieldsOnCorrectType)
	r.ReplaceRule(rules.KnownArgumentNamesRule.Name, rubyKnownArgumentNames)
	r.ReplaceRule(rules.ProvidedRequiredArgumentsRule.Name, rubyRequiredArguments)
	r.ReplaceRule(rules.ScalarLeafsRule.Name, rubyScalarLeafs)
	r.ReplaceRule(rules.NoUndefinedVariablesRule.Name, rubyUndefinedVariables)
	r.ReplaceRule(rules.NoUnusedVariablesRule.Name, rubyUnusedVariables)
	r.ReplaceRule(rules.KnownFragmentNamesRule.Name, rubyKnownFragmentNames)
	r.AddRule("DSDateTimeLiterals", dateTimeLiterals)
	return r
}

// ext sets extensions.code and detail keys on a validation error.
func ext(code string, kv ...any) core.ErrorOption {
	return func(err *gqlerror.Error) {
		m := map[string]any{"code": code}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		err.Extensions = m
	}
}

func rubyFieldsOnCorrectType(obs *core.Events, addError core.AddErrFunc) {
	obs.OnField(func(_ *core.Walker, f *ast.Field) {
		// Selections under a scalar are reported by rubyScalarLeafs, as graphql-ruby does.
		if f.ObjectDefinition == nil || f.Definition != nil || f.ObjectDefinition.IsLeafType() {
			return
		}
		addError(core.Message("Field '%s' doesn't exist on type '%s'", f.Name, f.ObjectDefinition.Name),
			core.At(f.Position), ext("undefinedField", "typeName", f.ObjectDefinition.Name, "fieldName", f.Name))
	})
}

func rubyKnownArgumentNames(obs *core.Events, addError core.AddErrFunc) {
	obs.OnField(func(_ *core.Walker, f *ast.Field) {
		if f.Definition == nil {
			return
		}
		for _, arg := range f.Arguments {
			if f.Definition.Arguments.ForName(arg.Name) == nil {
				addError(core.Message("Field '%s' doesn't accept argument '%s'", f.Name, arg.Name),
					core.At(arg.Position), ext("argumentNotAccepted", "name", f.Name, "typeName", "Field", "argumentName", arg.Name))
			}
		}
	})
	obs.OnDirective(func(_ *core.Walker, d *ast.Directive) {
		if d.Definition == nil {
			return
		}
		for _, arg := range d.Arguments {
			if d.Definition.Arguments.ForName(arg.Name) == nil {
				addError(core.Message("Directive '%s' doesn't accept argument '%s'", d.Name, arg.Name),
					core.At(arg.Position), ext("argumentNotAccepted", "name", d.Name, "typeName", "Directive", "argumentName", arg.Name))
			}
		}
	})
}

func rubyRequiredArguments(obs *core.Events, addError core.AddErrFunc) {
	obs.OnField(func(_ *core.Walker, f *ast.Field) {
		if f.Definition == nil {
			return
		}
		var missing []string
		for _, def := range f.Definition.Arguments {
			if def.Type.NonNull && def.DefaultValue == nil && f.Arguments.ForName(def.Name) == nil {
				missing = append(missing, def.Name)
			}
		}
		if len(missing) > 0 {
			addError(core.Message("Field '%s' is missing required arguments: %s", f.Name, strings.Join(missing, ", ")),
				core.At(f.Position), ext("missingRequiredArguments", "className", "Field", "name", f.Name, "arguments", strings.Join(missing, ", ")))
		}
	})
}

func rubyScalarLeafs(obs *core.Events, addError core.AddErrFunc) {
	obs.OnField(func(w *core.Walker, f *ast.Field) {
		if f.Definition == nil {
			return
		}
		t := w.Schema.Types[f.Definition.Type.Name()]
		if t == nil {
			return
		}
		nodeName := fmt.Sprintf("field '%s'", f.Name)
		switch {
		case t.IsLeafType() && len(f.SelectionSet) > 0:
			addError(core.Message("Selections can't be made on %ss (%s returns %s but has selections [%s])",
				strings.ToLower(string(t.Kind)), nodeName, t.Name, selectionNames(f.SelectionSet)),
				core.At(f.Position), ext("selectionMismatch", "nodeName", nodeName, "typeName", t.Name))
		case !t.IsLeafType() && len(f.SelectionSet) == 0:
			addError(core.Message("Field must have selections (%s returns %s but has no selections. Did you mean '%s { ... }'?)",
				nodeName, t.Name, f.Name),
				core.At(f.Position), ext("selectionMismatch", "nodeName", nodeName, "typeName", t.Name))
		}
	})
}

// selectionNames lists a selection set the way graphql-ruby prints it in selectionMismatch.
func selectionNames(set ast.SelectionSet) string {
	names := make([]string, 0, len(set))
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			names = append(names, s.Name)
		case *ast.FragmentSpread:
			names = append(names, s.Name)
		case *ast.InlineFragment:
			names = append(names, "... on "+s.TypeCondition)
		}
	}
	return strings.Join(names, ", ")
}

// operationLabel names an operation as graphql-ruby does in variable errors.
func operationLabel(op *ast.OperationDefinition) string {
	if op == nil || op.Name == "" {
		return "anonymous " + string(opKind(op))
	}
	return op.Name
}

func opKind(op *ast.OperationDefinition) ast.Operation {
	if op == nil || op.Operation == "" {
		return ast.Query
	}
	return op.Operation
}

func rubyUndefinedVariables(obs *core.Events, addError core.AddErrFunc) {
	obs.OnValue(func(w *core.Walker, v *ast.Value) {
		if w.CurrentOperation == nil || v.Kind != ast.Variable || v.VariableDefinition != nil {
			return
		}
		addError(core.Message("Variable $%s is used by %s but not declared", v.Raw, operationLabel(w.CurrentOperation)),
			core.At(v.Position), ext("variableNotDefined", "variableName", v.Raw))
	})
}

func rubyUnusedVariables(obs *core.Events, addError core.AddErrFunc) {
	obs.OnOperation(func(_ *core.Walker, op *ast.OperationDefinition) {
		for _, vd := range op.VariableDefinitions {
			if !vd.Used {
				addError(core.Message("Variable $%s is declared by %s but not used", vd.Variable, operationLabel(op)),
					core.At(vd.Position), ext("variableNotUsed", "variableName", vd.Variable))
			}
		}
	})
}

func rubyKnownFragmentNames(obs *core.Events, addError core.AddErrFunc) {
	obs.OnFragmentSpread(func(_ *core.Walker, fs *ast.FragmentSpread) {
		if fs.Definition == nil {
			addError(core.Message("Fragment %s was used, but not defined", fs.Name),
				core.At(fs.Position), ext("useAndDefineFragment", "fragmentName", fs.Name))
		}
	})
}

// dateTimeLiterals rejects literal arguments of DS's date scalars that graphql-ruby's
// ISO8601DateTime / ISO8601Date would not parse (gqlparser accepts any custom scalar).
func dateTimeLiterals(obs *core.Events, addError core.AddErrFunc) {
	obs.OnField(func(_ *core.Walker, f *ast.Field) {
		if f.Definition == nil {
			return
		}
		for _, arg := range f.Arguments {
			def := f.Definition.Arguments.ForName(arg.Name)
			if def == nil || arg.Value == nil || arg.Value.Kind != ast.StringValue {
				continue
			}
			if validDateLiteral(def.Type.Name(), arg.Value.Raw) {
				continue
			}
			addError(core.Message("Argument '%s' on Field '%s' has an invalid value (%s). Expected type '%s'.",
				arg.Name, f.Name, arg.Value.String(), def.Type.String()),
				core.At(arg.Position), ext("argumentLiteralsIncompatible", "typeName", "Field", "argumentName", arg.Name))
		}
	})
}

func validDateLiteral(typeName, raw string) bool {
	switch typeName {
	case "ISO8601DateTime":
		_, err := parseDSTime(raw)
		return err == nil
	case "ISO8601Date":
		_, err := parseDate(raw)
		return err == nil
	}
	return true
}
