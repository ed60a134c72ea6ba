package sandbox

import (
	"github.com/vektah/gqlparser/v2/ast"
)

// collectFields flattens selection sets for one concrete type: fragments whose type
// condition applies are inlined, @skip/@include honoured, fields grouped by response key in
// first-seen order.
func (ex *executor) collectFields(def *ast.Definition, sets []ast.SelectionSet) []collected {
	var out []collected
	index := map[string]int{}
	visited := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if !ex.included(s.Directives) {
					continue
				}
				key := s.Alias
				if key == "" {
					key = s.Name
				}
				if i, ok := index[key]; ok {
					out[i].fields = append(out[i].fields, s)
					continue
				}
				index[key] = len(out)
				out = append(out, collected{key: key, fields: []*ast.Field{s}})
			case *ast.InlineFragment:
				if ex.included(s.Directives) && ex.applies(def, s.TypeCondition) {
					walk(s.SelectionSet)
				}
			case *ast.FragmentSpread:
				if visited[s.Name] || !ex.included(s.Directives) {
					continue
				}
				visited[s.Name] = true
				if f := ex.doc.Fragments.ForName(s.Name); f != nil && ex.applies(def, f.TypeCondition) {
					walk(f.SelectionSet)
				}
			}
		}
	}
	for _, set := range sets {
		walk(set)
	}
	return out
}

// applies reports whether a fragment on typeCond applies to the concrete type def.
func (ex *executor) applies(def *ast.Definition, typeCond string) bool {
	if typeCond == "" || typeCond == def.Name {
		return true
	}
	cond := ex.schema.Types[typeCond]
	if cond == nil || (cond.Kind != ast.Interface && cond.Kind != ast.Union) {
		return false
	}
	for _, p := range ex.schema.GetPossibleTypes(cond) {
		if p.Name == def.Name {
			return true
		}
	}
	return false
}

// included evaluates @skip(if:) and @include(if:).
func (ex *executor) included(dirs ast.DirectiveList) bool {
	if d := dirs.ForName("skip"); d != nil && ex.directiveIf(d) {
		return false
	}
	if d := dirs.ForName("include"); d != nil && !ex.directiveIf(d) {
		return false
	}
	return true
}

func (ex *executor) directiveIf(d *ast.Directive) bool {
	a := d.Arguments.ForName("if")
	if a == nil || a.Value == nil {
		return false
	}
	v, err := literalValue(a.Value, ex.vars)
	b, ok := v.(bool)
	return err == nil && ok && b
}

// documentMentions lists the type names used as fragment type conditions anywhere in the
// document: DS returns a champ's newer type only when the query names it (API-NOTES §6).
func documentMentions(doc *ast.QueryDocument) map[string]bool {
	m := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				if s.TypeCondition != "" {
					m[s.TypeCondition] = true
				}
				walk(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		m[f.TypeCondition] = true
		walk(f.SelectionSet)
	}
	return m
}
