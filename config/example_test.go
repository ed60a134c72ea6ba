package config

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestExampleLoadsAndValidates(t *testing.T) {
	c, err := Load(bytes.NewReader(Example()))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(c.Demarches) != 1 || c.Demarches[0].Fields[FieldService] == "" {
		t.Errorf("example démarche = %+v", c.Demarches)
	}
}

// TestExampleDocumentsEveryKey checks that each YAML key of the
// configuration appears in the example, so the example stays the reference.
func TestExampleDocumentsEveryKey(t *testing.T) {
	ex := string(Example())
	for _, s := range yamlSections() {
		for _, k := range s.keys {
			if !strings.Contains(ex, k+":") {
				t.Errorf("example.yaml does not document %s.%s", s.path, k)
			}
		}
	}
	for _, spec := range append(Fields(), Annotations()...) {
		if !strings.Contains(ex, " "+spec.Key+",") && !strings.Contains(ex, " "+spec.Key+"\n") {
			t.Errorf("example.yaml does not list the mapping key %s", spec.Key)
		}
	}
	for _, ev := range EnvVars() {
		if !strings.Contains(ex, ev.Name) {
			t.Errorf("example.yaml does not mention %s", ev.Name)
		}
	}
}

func TestExampleIsACopy(t *testing.T) {
	a := Example()
	a[0] = 'X'
	if reflect.DeepEqual(a, Example()) {
		t.Error("Example() returned shared state")
	}
}
