package sandbox

import (
	"os"
	"testing"
)

// TestDSPersistedQueriesRun runs DS's own canonical documents (ds-query-v2, ds-mutation-v2)
// with every include on: the sandbox must validate and serve them without errors.
func TestDSPersistedQueriesRun(t *testing.T) {
	query, err := os.ReadFile("testdata/ds-query-v2.graphql")
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]any{"includeDossiers": true, "includeMessages": true, "includeRevision": true, "includeRevisions": true,
		"includeGroupeInstructeurs": true, "includeDeletedDossiers": true, "includePendingDeletedDossiers": true,
		"includeCorrections": true, "includeAvis": true, "includeService": true, "includeGeometry": true}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range all {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	h := newHarness(t)
	tests := []struct {
		op   string
		vars map[string]any
		path string
	}{
		{"getDemarche", with(map[string]any{"demarcheNumber": 1}), "demarche"},
		{"getGroupeInstructeur", with(map[string]any{"groupeInstructeurNumber": 1}), "groupeInstructeur"},
		{"getDossier", with(map[string]any{"dossierNumber": 101}), "dossier"},
		{"getDemarcheDescriptor", map[string]any{"demarche": map[string]any{"number": 1}, "includeRevision": true}, "demarcheDescriptor"},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			r := h.gqlAsOp(tt.op, string(query), tt.vars)
			if len(r.errors()) > 0 || r.data(tt.path) == nil {
				t.Fatalf("errors: %s", jsonString(r.errors()))
			}
		})
	}
	mutations, err := os.ReadFile("testdata/ds-mutation-v2.graphql")
	if err != nil {
		t.Fatal(err)
	}
	r := h.gqlAsOp("dossierPasserEnInstruction", string(mutations), map[string]any{"input": map[string]any{"dossierId": d101, "instructeurId": i1}})
	if len(r.errors()) > 0 || r.data("dossierPasserEnInstruction", "errors") != nil {
		t.Fatalf("ds-mutation-v2 dossierPasserEnInstruction: %s", r.raw)
	}
}
