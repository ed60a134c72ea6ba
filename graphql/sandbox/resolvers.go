package sandbox

import (
	"github.com/vektah/gqlparser/v2/ast"
)

// resolverFunc computes a field DS derives instead of storing.
type resolverFunc func(ex *executor, obj map[string]any, args map[string]any, f *ast.Field) (any, error)

// resolverTable returns the special resolvers, keyed "Type.field".
func resolverTable() map[string]resolverFunc {
	r := map[string]resolverFunc{
		"Query.demarche":           resolveDemarche,
		"Query.dossier":            resolveDossier,
		"Query.groupeInstructeur":  resolveGroupeInstructeur,
		"Query.demarcheDescriptor": resolveDemarcheDescriptor,

		"Demarche.groupeInstructeurs":                 resolveGroupes,
		"Demarche.champDescriptors":                   revisionList("champDescriptors"),
		"Demarche.annotationDescriptors":              revisionList("annotationDescriptors"),
		"Demarche.draftRevision":                      revisionOr("draftRevision"),
		"Demarche.publishedRevision":                  revisionOr("publishedRevision"),
		"Demarche.revisions":                          resolveRevisions,
		"Demarche.dateDerniereModification":           firstOf("dateDerniereModification", "dateCreation"),
		"DemarcheDescriptor.revision":                 revisionOr("revision"),
		"DemarcheDescriptor.dateDerniereModification": firstOf("dateDerniereModification", "dateCreation"),

		"Dossier.groupeInstructeur":                   resolveDossierGroupe,
		"Dossier.demarche":                            resolveDossierDemarche,
		"Dossier.revision":                            resolveDossierRevision,
		"Dossier.champs":                              listByID("champs"),
		"Dossier.annotations":                         listByID("annotations"),
		"Dossier.messages":                            listByID("messages"),
		"Dossier.avis":                                listByID("avis"),
		"Dossier.dateDerniereModificationChamps":      firstOf("dateDerniereModificationChamps", "dateDepot"),
		"Dossier.dateDerniereModificationAnnotations": firstOf("dateDerniereModificationAnnotations", "dateDepot"),
		"Dossier.datePassageEnConstruction":           firstOf("datePassageEnConstruction", "dateDepot"),

		"Message.attachments":           scannedFiles("attachments"),
		"Message.attachment":            firstScannedFile("attachments", "attachment"),
		"PieceJustificativeChamp.files": scannedFiles("files"),
		"PieceJustificativeChamp.file":  firstScannedFile("files", "file"),
		"File.url":                      resolveFileURL,
	}
	for _, owner := range []string{"Demarche", "GroupeInstructeurWithDossiers"} {
		r[owner+".dossiers"] = resolveDossierConnection
		r[owner+".deletedDossiers"] = deletedConnection(false)
		r[owner+".pendingDeletedDossiers"] = deletedConnection(true)
	}
	for name, fn := range mutationTable() {
		r["Mutation."+name] = fn
	}
	return r
}

func resolveDemarche(ex *executor, _ map[string]any, args map[string]any, _ *ast.Field) (any, error) {
	n, _ := asInt(args["number"])
	if d := ex.srv.db.demByNumber[int(n)]; d != nil {
		return d.raw, nil
	}
	return nil, newFieldError("not_found", "Demarche not found")
}

func resolveDossier(ex *executor, _ map[string]any, args map[string]any, _ *ast.Field) (any, error) {
	n, _ := asInt(args["number"])
	if r := ex.srv.db.dossiers[int(n)]; r != nil {
		return r.raw, nil
	}
	return nil, newFieldError("not_found", "Dossier not found")
}

func resolveGroupeInstructeur(ex *executor, _ map[string]any, args map[string]any, _ *ast.Field) (any, error) {
	n, _ := asInt(args["number"])
	if g := ex.srv.db.groups[int(n)]; g != nil {
		return g.raw, nil
	}
	return nil, newFieldError("not_found", "GroupeInstructeurWithDossiers not found")
}

// resolveDemarcheDescriptor finds the démarche by FindDemarcheInput (@oneOf id | number).
func resolveDemarcheDescriptor(ex *executor, _ map[string]any, args map[string]any, _ *ast.Field) (any, error) {
	in, _ := args["demarche"].(map[string]any)
	n, ok := asInt(in["number"])
	if id, isStr := in["id"].(string); isStr {
		num, valid := decodeNumericID(id, "Procedure")
		n, ok = int64(num), valid
	}
	d := ex.srv.db.demByNumber[int(n)]
	if !ok || d == nil {
		return nil, newFieldError("not_found", "DemarcheDescriptor not found")
	}
	return descriptorOf(d, nil), nil
}

// descriptorOf builds a DemarcheDescriptor: the démarche's own fields, with the revision
// the dossier was filed on when the dossier's JSON names one.
func descriptorOf(d *demarche, dossierDemarche map[string]any) map[string]any {
	out := make(map[string]any, len(d.raw)+len(dossierDemarche))
	for k, v := range d.raw {
		out[k] = v
	}
	for k, v := range dossierDemarche {
		out[k] = v
	}
	rev, _ := out["revision"].(map[string]any)
	out["revision"] = fullRevision(d, rev)
	return out
}

// fullRevision completes a dossier's revision reference (often just {"id"}) with the
// démarche's revision of the same id, defaulting to the active revision.
func fullRevision(d *demarche, rev map[string]any) any {
	candidates := listOfMaps(d.raw["revisions"])
	if active, ok := d.raw["activeRevision"].(map[string]any); ok {
		candidates = append(candidates, active)
	}
	if rev == nil {
		return d.raw["activeRevision"]
	}
	for _, c := range candidates {
		if c["id"] != rev["id"] {
			continue
		}
		merged := make(map[string]any, len(c))
		for k, v := range c {
			merged[k] = v
		}
		for k, v := range rev {
			merged[k] = v
		}
		return merged
	}
	return rev
}

func resolveGroupes(ex *executor, obj map[string]any, args map[string]any, _ *ast.Field) (any, error) {
	closed, filter := args["closed"].(bool)
	var out []any
	for _, g := range listOfMaps(obj["groupeInstructeurs"]) {
		if !filter || g["closed"] == closed {
			out = append(out, g)
		}
	}
	return orEmptyList(out), nil
}

func orEmptyList(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

// revisionList reads a deprecated Demarche descriptor list from the active revision.
func revisionList(key string) resolverFunc {
	return func(_ *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
		rev, _ := obj["activeRevision"].(map[string]any)
		if v, ok := rev[key]; ok {
			return v, nil
		}
		return []any{}, nil
	}
}

// revisionOr returns the object's own revision field, else its active revision.
func revisionOr(key string) resolverFunc {
	return func(_ *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
		if v, ok := obj[key]; ok {
			return v, nil
		}
		return obj["activeRevision"], nil
	}
}

func resolveRevisions(_ *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
	if v, ok := obj["revisions"]; ok {
		return v, nil
	}
	if rev, ok := obj["activeRevision"]; ok {
		return []any{rev}, nil
	}
	return []any{}, nil
}

// firstOf returns the first present key: DS falls back to another date for some fields.
func firstOf(keys ...string) resolverFunc {
	return func(_ *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
		for _, k := range keys {
			if v, ok := obj[k]; ok && v != nil {
				return v, nil
			}
		}
		return nil, nil
	}
}

func resolveDossierGroupe(ex *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
	g, _ := obj["groupeInstructeur"].(map[string]any)
	if n, ok := intField(g, "number"); ok {
		if full := ex.srv.db.groups[n]; full != nil {
			return full.raw, nil
		}
	}
	return obj["groupeInstructeur"], nil
}

func (ex *executor) dossierRecord(obj map[string]any) *dossierRec {
	n, _ := intField(obj, "number")
	return ex.srv.db.dossiers[n]
}

func resolveDossierDemarche(ex *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
	own, _ := obj["demarche"].(map[string]any)
	if r := ex.dossierRecord(obj); r != nil {
		return descriptorOf(r.dem, own), nil
	}
	return obj["demarche"], nil
}

func resolveDossierRevision(ex *executor, obj map[string]any, args map[string]any, f *ast.Field) (any, error) {
	d, err := resolveDossierDemarche(ex, obj, args, f)
	if m, ok := d.(map[string]any); ok && err == nil {
		return m["revision"], nil
	}
	return nil, err
}

// listByID returns a dossier list, filtered by the optional id argument.
func listByID(key string) resolverFunc {
	return func(_ *executor, obj map[string]any, args map[string]any, _ *ast.Field) (any, error) {
		list, _ := obj[key].([]any)
		id, filter := args["id"].(string)
		if !filter {
			return orEmptyList(list), nil
		}
		out := []any{}
		for _, m := range listOfMaps(list) {
			if m["id"] == id {
				out = append(out, m)
			}
		}
		return out, nil
	}
}

// scannedFiles hides files whose virus scan is neither safe nor pending, as DS's attachment
// extension does.
func scannedFiles(key string) resolverFunc {
	return func(_ *executor, obj map[string]any, _ map[string]any, _ *ast.Field) (any, error) {
		out := []any{}
		for _, m := range listOfMaps(obj[key]) {
			if scan, _ := m["virusScanResult"].(string); scan == "safe" || scan == "pending" || scan == "" {
				out = append(out, m)
			}
		}
		return out, nil
	}
}

// firstScannedFile serves a deprecated single-file field: the stored one, else the first
// visible file of the list.
func firstScannedFile(listKey, singleKey string) resolverFunc {
	list := scannedFiles(listKey)
	return func(ex *executor, obj map[string]any, args map[string]any, f *ast.Field) (any, error) {
		if v, ok := obj[singleKey]; ok {
			return v, nil
		}
		files, _ := list(ex, obj, args, f)
		if l, _ := files.([]any); len(l) > 0 {
			return l[0], nil
		}
		return nil, nil
	}
}
