package sandbox

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var updateSchema = flag.Bool("update", false, "rewrite schema/ds.graphql from /work/shared/ds/schema.graphql")

// sharedSchemaPath is the read-only copy of DS's schema this repository was built from.
const sharedSchemaPath = "/work/shared/ds/schema.graphql"

func TestEmbeddedSchemaIsStrippedSource(t *testing.T) {
	src, err := os.ReadFile(sharedSchemaPath)
	if err != nil {
		t.Skipf("source schema not available: %v", err)
	}
	want, err := stripDescriptions(src)
	if err != nil {
		t.Fatal(err)
	}
	if *updateSchema {
		if err := os.WriteFile("schema/ds.graphql", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("schema/ds.graphql")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("schema/ds.graphql is not the stripped source schema; run with -update")
	}
}

func TestEmbeddedSchemaLoads(t *testing.T) {
	s, err := loadSchemaOnce()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Query", "Mutation", "Dossier", "AnnotationValueInput", "FindDemarcheInput"} {
		if s.Types[name] == nil {
			t.Errorf("type %s missing", name)
		}
	}
	if s.Types["AnnotationValueInput"].Directives.ForName("oneOf") == nil {
		t.Error("@oneOf lost on AnnotationValueInput")
	}
	if s.Types["Dossier"].Description != "" {
		t.Error("descriptions not stripped")
	}
}
