package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// initConfig runs "spplus init" against the sandbox at sandboxURL and
// returns the path of the configuration it wrote in dir.
func initConfig(t *testing.T, bin, sandboxURL, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "cfg.yaml")
	res := runSpplus(t, bin, sandboxEnv(), "init", "--endpoint", sandboxURL, "--demarche", "1", "--out", path)
	if res.code != exitOK {
		t.Fatalf("spplus init: exit %d, want 0\nstderr:\n%s", res.code, res.stderr)
	}
	return path
}

// configEdit is one change to a configuration: the value at a path of keys
// (a number in the path indexes a list, e.g. "demarches", "0", "schedule").
type configEdit struct {
	path  string // dot-separated
	value any
}

// editConfig applies edits to the YAML file at path: parsed into generic
// maps and written back, so init's comments are lost (they do not matter).
func editConfig(t *testing.T, path string, edits ...configEdit) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	for _, e := range edits {
		if err := setPath(doc, strings.Split(e.path, "."), e.value); err != nil {
			t.Fatalf("%s: set %s: %v", path, e.path, err)
		}
	}
	out, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
}

// copyFile copies the file src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// setPath sets the value at keys in a tree of maps and lists, creating the
// missing maps on the way.
func setPath(node any, keys []string, value any) error {
	for i, k := range keys {
		last := i == len(keys)-1
		switch n := node.(type) {
		case map[string]any:
			if last {
				n[k] = value
				return nil
			}
			if n[k] == nil {
				n[k] = map[string]any{}
			}
			node = n[k]
		case []any:
			idx, err := strconv.Atoi(k)
			if err != nil || idx < 0 || idx >= len(n) || last {
				return fmt.Errorf("key %q: expected an index below %d of the list, leading to a map", k, len(n))
			}
			node = n[idx]
		default:
			return fmt.Errorf("key %q: %T is not a map nor a list", k, node)
		}
	}
	return errors.New("empty path")
}

// decodeOneJSON decodes data, which must hold exactly one JSON document
// (the --json contract), into v.
func decodeOneJSON(t *testing.T, what, data string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: stdout is not a JSON document: %v\nstdout:\n%s", what, err, tail(data, 2048))
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		t.Fatalf("%s: stdout holds more than one JSON document (next: %.200s, %v)", what, extra, err)
	}
}
