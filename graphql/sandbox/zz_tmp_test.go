package sandbox

import (
	"os"
	"testing"
)

func TestTmpPersisted(t *testing.T) {
	q, _ := os.ReadFile("/work/shared/ds/ds-query-v2.graphql")
	h := newHarness(t)
	r := h.gqlAsOp("getDemarche", string(q), map[string]any{"demarcheNumber": 1, "includeDossiers": true, "includeMessages": true, "includeRevision": true, "includeGroupeInstructeurs": true, "includeDeletedDossiers": true, "includePendingDeletedDossiers": true, "includeCorrections": true})
	t.Log(len(r.raw), string(r.raw[:min(len(r.raw), 3000)]))
	t.Log(jsonString(r.errors()))
	r = h.gqlAsOp("getDossier", string(q), map[string]any{"dossierNumber": 101, "includeMessages": true, "includeAvis": true})
	t.Log(jsonString(r.errors()))
}
