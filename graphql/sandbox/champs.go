package sandbox

import (
	"maps"

	"github.com/vektah/gqlparser/v2/ast"
)

// legacyType is the type DS returns for a stored type the query does not mention
// (app/graphql/types/champ_type.rb#resolve_type, demandeur_type.rb): newer champ types were
// added after clients were written, so they appear only to clients that ask for them.
func legacyType(stored string) string {
	switch stored {
	case "DatetimeChamp":
		return "DateChamp"
	case "YesNoChamp":
		return "CheckboxChamp"
	case "DropDownListChamp", "AddressChamp", "CommuneChamp", "DepartementChamp", "RegionChamp",
		"PaysChamp", "HeaderSectionChamp", "ExplicationChamp":
		return "TextChamp"
	case "PersonneMoraleIncomplete":
		return "PersonneMorale"
	}
	return ""
}

// runtimeType picks the concrete type of an object returned for an abstract type, and the
// view of its data that type sees.
func (ex *executor) runtimeType(def *ast.Definition, obj map[string]any) (*ast.Definition, map[string]any, error) {
	if def.Kind == ast.Object {
		return def, obj, nil
	}
	name, _ := obj["__typename"].(string)
	view := obj
	if legacy := legacyType(name); legacy != "" && !ex.mentions[name] {
		name, view = legacy, legacyView(name, legacy, obj)
	}
	rt := ex.schema.Types[name]
	if rt == nil || !ex.applies(rt, def.Name) {
		return nil, nil, newFieldError("internal_server_error",
			"sandbox data: %s object has __typename %q, expected one of its implementations", def.Name, name)
	}
	return rt, view, nil
}

// legacyView rewrites a stored champ's value fields into the shape of its legacy type.
func legacyView(stored, legacy string, obj map[string]any) map[string]any {
	view := maps.Clone(obj)
	view["__typename"] = legacy
	switch stored {
	case "DatetimeChamp":
		// DateChamp.value is the datetime itself; DateChamp.date its day.
		dt, _ := obj["datetime"].(string)
		view["value"] = obj["datetime"]
		if len(dt) >= 10 {
			view["date"] = dt[:10]
		}
	case "YesNoChamp":
		// CheckboxChamp.value is non-null: true only when the stored value is true.
		view["value"] = obj["value"] == true
	case "PersonneMoraleIncomplete":
	default:
		if _, ok := obj["value"].(string); !ok {
			view["value"] = obj["stringValue"]
		}
	}
	return view
}
