package sandbox

import (
	"fmt"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// executor runs one validated operation over the database. It is used under Server.mu and
// only for the duration of one request.
type executor struct {
	srv      *Server
	schema   *ast.Schema
	doc      *ast.QueryDocument
	vars     map[string]any
	coercer  coercer
	now      time.Time
	baseURL  string
	access   tokenAccess
	mentions map[string]bool
	poison   map[int]bool
	errs     []gqlError
	// abort, when set, replaces the whole answer with an HTTP 400 (DS's controller-level
	// rescue of ArgumentError, e.g. a cursor that is not base64).
	abort *requestError
	// recorded are the mutations this request ran, appended to the server log afterwards.
	recorded []RecordedMutation
}

// fieldError is a resolver failure: it becomes an "errors" entry with the field's path and
// location, and the field resolves to null (propagating if the field is non-null).
type fieldError struct {
	message string
	code    string
}

func (e *fieldError) Error() string { return e.message }

func newFieldError(code, format string, args ...any) *fieldError {
	return &fieldError{message: fmt.Sprintf(format, args...), code: code}
}

// collected is one response key and the fields merged under it.
type collected struct {
	key    string
	fields []*ast.Field
}

// run executes the operation and returns its data object (nil when null propagated to the
// root).
func (ex *executor) run(op *ast.OperationDefinition) any {
	root := ex.schema.Query
	if op.Operation == ast.Mutation {
		root = ex.schema.Mutation
	}
	data, ok := ex.executeSelection(root, map[string]any{}, []ast.SelectionSet{op.SelectionSet}, nil)
	if !ok {
		return nil
	}
	return data
}

// executeSelection resolves every collected field of an object. ok is false when a
// non-null field failed, so the object itself must become null.
func (ex *executor) executeSelection(def *ast.Definition, obj map[string]any, sets []ast.SelectionSet, path []any) (*object, bool) {
	groups := ex.collectFields(def, sets)
	out := newObject(len(groups))
	failed := false
	for _, g := range groups {
		// Siblings still run after a failure, as in graphql-ruby, so every error is reported.
		v, ok := ex.executeField(def, obj, g, appendPath(path, g.key))
		failed = failed || !ok
		out.set(g.key, v)
	}
	if failed {
		return nil, false
	}
	return out, true
}

// executeField resolves one response key. ok=false means null must propagate further up.
func (ex *executor) executeField(def *ast.Definition, obj map[string]any, g collected, path []any) (any, bool) {
	f := g.fields[0]
	if f.Name == "__typename" {
		return def.Name, true
	}
	fd := def.Fields.ForName(f.Name)
	if fd == nil {
		// Introspection (__schema, __type) is validated but not served.
		ex.addError(newFieldError("not_supported", "Field '%s' is not supported by the sandbox", f.Name), f, path)
		return nil, true
	}
	v, err := ex.resolve(def, obj, f, fd)
	if err != nil {
		ex.addError(err, f, path)
		return nil, !fd.Type.NonNull
	}
	return ex.complete(fd.Type, v, g.fields, path, def.Name+"."+f.Name)
}

// resolve finds a field's raw value: a special resolver when DS computes it, else the key
// of the same name in the object's JSON.
func (ex *executor) resolve(def *ast.Definition, obj map[string]any, f *ast.Field, fd *ast.FieldDefinition) (any, error) {
	r := ex.srv.resolvers[def.Name+"."+f.Name]
	if r == nil && def.Name == "Mutation" {
		ex.record(f.Name, nil).fail("not supported by the sandbox")
		return nil, newFieldError("not_supported", "Mutation %s is not supported by the sandbox", f.Name)
	}
	if r == nil {
		v, ok := obj[f.Name]
		if !ok {
			return fieldDefault(def, f.Name), nil
		}
		return v, nil
	}
	args, err := ex.argValues(fd, f)
	if err != nil {
		return nil, err
	}
	return r(ex, obj, args, f)
}

// complete shapes a raw value to the field's type: null checks, lists, leaves, objects.
func (ex *executor) complete(t *ast.Type, v any, fields []*ast.Field, path []any, site string) (any, bool) {
	if v == nil {
		if t.NonNull {
			ex.invalidNull(site, fields[0], path)
			return nil, false
		}
		return nil, true
	}
	if t.Elem != nil {
		return ex.completeList(t, v, fields, path, site)
	}
	def := ex.schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		out, err := serializeLeaf(def, v)
		if err != nil {
			ex.addError(newFieldError("internal_server_error", "%s: %v", site, err), fields[0], path)
			return nil, !t.NonNull
		}
		return out, true
	}
	obj, ok := v.(map[string]any)
	if !ok {
		ex.addError(newFieldError("internal_server_error", "%s: sandbox data is not an object", site), fields[0], path)
		return nil, !t.NonNull
	}
	rt, view, err := ex.runtimeType(def, obj)
	if err != nil {
		ex.addError(err, fields[0], path)
		return nil, !t.NonNull
	}
	if rt.Name == "Dossier" && ex.poisoned(view, fields[0], path) {
		return nil, !t.NonNull
	}
	out, ok := ex.executeSelection(rt, view, selectionSets(fields), path)
	if !ok {
		return nil, !t.NonNull
	}
	return out, true
}

func (ex *executor) completeList(t *ast.Type, v any, fields []*ast.Field, path []any, site string) (any, bool) {
	list, ok := v.([]any)
	if !ok {
		list = []any{v}
	}
	out := make([]any, 0, len(list))
	for i, item := range list {
		cv, ok := ex.complete(t.Elem, item, fields, appendPath(path, i), site)
		if !ok {
			return nil, !t.NonNull
		}
		out = append(out, cv)
	}
	return out, true
}

func selectionSets(fields []*ast.Field) []ast.SelectionSet {
	sets := make([]ast.SelectionSet, len(fields))
	for i, f := range fields {
		sets[i] = f.SelectionSet
	}
	return sets
}

// invalidNull reports graphql-ruby's error for a non-null field that resolved to null.
func (ex *executor) invalidNull(site string, f *ast.Field, path []any) {
	ex.addError(newFieldError("invalid_null", "Cannot return null for non-nullable field %s", site), f, path)
}

// poisoned applies the poison_dossiers fault: the dossier fails as DS does when a
// PersonneMorale lost its siège social (dn#12696), with the error path pointing into the
// dossier's demandeur.
func (ex *executor) poisoned(dossier map[string]any, f *ast.Field, path []any) bool {
	n, ok := intField(dossier, "number")
	if !ok || !ex.poison[n] {
		return false
	}
	ex.addError(newFieldError("invalid_null", "Cannot return null for non-nullable field PersonneMorale.siegeSocial"),
		f, appendPath(appendPath(path, "demandeur"), "siegeSocial"))
	return true
}

func (ex *executor) addError(err error, f *ast.Field, path []any) {
	fe, ok := err.(*fieldError)
	if !ok {
		fe = &fieldError{message: err.Error(), code: "internal_server_error"}
	}
	g := gqlError{Message: fe.message, Path: append([]any{}, path...)}
	if f != nil && f.Position != nil {
		g.Locations = []gqlLocation{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	if fe.code != "" {
		g.Extensions = codeExt(fe.code)
	}
	ex.errs = append(ex.errs, g)
}
