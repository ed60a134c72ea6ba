package sandbox

import (
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// connectionScope finds the démarche behind a Demarche or GroupeInstructeurWithDossiers
// object, and the group to restrict to (0 for the whole démarche).
func (ex *executor) connectionScope(obj map[string]any, f *ast.Field) (*demarche, int) {
	n, _ := intField(obj, "number")
	if f.ObjectDefinition != nil && f.ObjectDefinition.Name == "GroupeInstructeurWithDossiers" {
		if g := ex.srv.db.groups[n]; g != nil {
			return g.dem, n
		}
		return nil, 0
	}
	return ex.srv.db.demByNumber[n], 0
}

// resolveDossierConnection serves Demarche.dossiers and GroupeInstructeurWithDossiers.dossiers
// (app/graphql/types/demarche_type.rb#dossiers): filters, then keyset paging over
// (dateDepot, number), or (dateDerniereModification, number) when updatedSince is given.
func resolveDossierConnection(ex *executor, obj map[string]any, args map[string]any, f *ast.Field) (any, error) {
	p, err := ex.parsePageArgs(args)
	if err != nil {
		return nil, err
	}
	dem, group := ex.connectionScope(obj, f)
	if dem == nil {
		return connectionObject(pageResult[*dossierRec]{}, depotKey, dossierRaw), nil
	}
	in := pageInput[*dossierRec]{items: dem.sortedByDepot(), key: depotKey, keep: dossierFilter(args, group)}
	if since, ok := args["updatedSince"].(time.Time); ok {
		in.items, in.key, in.since = dem.sortedByUpdated(), updatedKey, &since
	}
	return connectionObject(loadPage(in, p), in.key, dossierRaw), nil
}

func depotKey(r *dossierRec) (time.Time, int)   { return r.depot, r.number }
func updatedKey(r *dossierRec) (time.Time, int) { return r.updated, r.number }
func dossierRaw(r *dossierRec) map[string]any   { return r.raw }

// dossierFilter applies state, archived, createdSince (ignored with updatedSince, as in DS),
// revision and the groupe instructeur.
func dossierFilter(args map[string]any, group int) func(*dossierRec) bool {
	state, _ := args["state"].(string)
	archived, hasArchived := args["archived"].(bool)
	created, hasCreated := args["createdSince"].(time.Time)
	if _, ok := args["updatedSince"].(time.Time); ok {
		hasCreated = false
	}
	revision, _ := args["revision"].(string)
	return func(r *dossierRec) bool {
		switch {
		case group != 0 && r.group != group:
			return false
		case state != "" && r.raw["state"] != state:
			return false
		case hasArchived && (r.raw["archived"] == true) != archived:
			return false
		case hasCreated && r.depot.Before(created):
			return false
		case revision != "" && dossierRevisionID(r.raw) != revision:
			return false
		}
		return true
	}
}

func dossierRevisionID(raw map[string]any) string {
	d, _ := raw["demarche"].(map[string]any)
	rev, _ := d["revision"].(map[string]any)
	id, _ := rev["id"].(string)
	return id
}

// deletedConnection serves deletedDossiers (pending=false) and pendingDeletedDossiers,
// sorted by (dateSupression, number) with the deletedSince filter.
func deletedConnection(pending bool) resolverFunc {
	return func(ex *executor, obj map[string]any, args map[string]any, f *ast.Field) (any, error) {
		p, err := ex.parsePageArgs(args)
		if err != nil {
			return nil, err
		}
		dem, group := ex.connectionScope(obj, f)
		if dem == nil {
			return connectionObject(pageResult[*deletedRec]{}, deletedKey, deletedRaw), nil
		}
		items := dem.deleted
		if pending {
			items = dem.pending
		}
		in := pageInput[*deletedRec]{items: items, key: deletedKey,
			keep: func(r *deletedRec) bool { return group == 0 || r.group == group }}
		if since, ok := args["deletedSince"].(time.Time); ok {
			in.since = &since
		}
		return connectionObject(loadPage(in, p), deletedKey, deletedRaw), nil
	}
}

func deletedKey(r *deletedRec) (time.Time, int) { return r.at, r.number }
func deletedRaw(r *deletedRec) map[string]any   { return r.raw }
