package deploy

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/spplus/spplus/config"
)

// binaryFlags lists the subcommands the kits may run and their flags,
// each marked true when it takes a value. It mirrors cmd/spplus: run
// (being written: --config, --http, --sandbox), sandbox and healthcheck.
func binaryFlags() map[string]map[string]bool {
	return map[string]map[string]bool{
		"run":         {"config": true, "http": true, "sandbox": false},
		"sandbox":     {"addr": true, "data": true, "generate": true, "seed": true, "token": true, "now": true},
		"healthcheck": {"url": true, "config": true, "timeout": true, "json": false},
	}
}

// checkCommand checks a command line of a kit: the binary (optional), a
// known subcommand, then only its flags, each with its value.
func checkCommand(t *testing.T, where string, args []string) {
	t.Helper()
	if len(args) > 0 && (args[0] == "spplus" || strings.HasSuffix(args[0], "/spplus")) {
		args = args[1:]
	}
	if len(args) == 0 {
		t.Errorf("%s: empty command", where)
		return
	}
	flags, ok := binaryFlags()[args[0]]
	if !ok {
		t.Errorf("%s: unknown subcommand %q in %q", where, args[0], args)
		return
	}
	for i := 1; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		takesValue, known := flags[name]
		switch {
		case !strings.HasPrefix(args[i], "-"):
			t.Errorf("%s: %s takes no positional argument, got %q", where, args[0], args[i])
		case !known:
			t.Errorf("%s: %s has no flag %q", where, args[0], args[i])
		case takesValue && !hasValue && i+1 >= len(args):
			t.Errorf("%s: flag %s expects a value", where, args[i])
		case takesValue && !hasValue:
			i++
		case !takesValue && hasValue && value != "true" && value != "false":
			t.Errorf("%s: flag %s is a switch, got %q", where, args[i], value)
		}
	}
}

// readDocs decodes every YAML document of a file into generic values.
func readDocs(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []map[string]any
	dec := yaml.NewDecoder(f)
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
}

// decodeInto decodes the single document of a file into v.
func decodeInto(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// yamlFiles lists the YAML files of the kits.
func yamlFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestEveryYAMLFileParses(t *testing.T) {
	files := yamlFiles(t)
	for _, want := range []string{"compose.yaml", "compose.production.yaml", "config.example.yaml", "k8s/deployment.yaml"} {
		if !slices.Contains(files, want) {
			t.Errorf("%s is missing", want)
		}
	}
	for _, f := range files {
		if docs := readDocs(t, f); len(docs) == 0 {
			t.Errorf("%s: no YAML document", f)
		}
	}
}

// readConfig loads and validates a configuration file as the daemon does,
// with an empty environment.
func readConfig(t *testing.T, path string) config.Config {
	t.Helper()
	c, err := config.Read(path, func(string) string { return "" })
	if err != nil {
		t.Fatalf("%s does not load: %v", path, err)
	}
	return c
}

// readConfigText is readConfig for a configuration held in a string.
func readConfigText(t *testing.T, name, text string) config.Config {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := config.Read(path, func(string) string { return "" })
	if err != nil {
		t.Fatalf("%s does not load: %v", name, err)
	}
	return c
}

// stateDir is where every kit mounts the store's volume.
const stateDir = "/var/lib/spplus"

func TestExampleConfigs(t *testing.T) {
	for _, path := range []string{"config.example.yaml", "compose/config.sandbox.yaml"} {
		c := readConfig(t, path)
		if dir := filepath.Dir(c.Store.Path); dir != stateDir {
			t.Errorf("%s: store.path %s is not on the volume %s", path, c.Store.Path, stateDir)
		}
		if c.DS.Token.Value() != "" {
			t.Errorf("%s holds a token: tokens come from files", path)
		}
		if !strings.HasPrefix(c.HTTP.Addr, "0.0.0.0:") {
			t.Errorf("%s: http.addr %s is not reachable from outside a container", path, c.HTTP.Addr)
		}
	}
}
