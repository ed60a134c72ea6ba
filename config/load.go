package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Load reads one YAML document over Default(). Decoding is strict: a key
// that is not in the configuration is an error, and every such problem of
// the document is reported, each with its line. An empty document gives
// Default(). Relative paths are kept as they are (see LoadFile).
func Load(r io.Reader) (Config, error) {
	c := Default()
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	err := dec.Decode(&c)
	if errors.Is(err, io.EOF) {
		return c, nil
	}
	if err != nil {
		return Config{}, explainYAML(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("expected one YAML document, found a second one (remove the extra ---)")
	}
	return c, nil
}

// LoadFile loads the file at path like Load, and resolves the relative
// paths it holds (store.path, ds.token_file, http.webhook_secret_file,
// demarches[].messages.templates_dir) against the file's directory, so that
// the daemon behaves the same whatever its working directory.
func LoadFile(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	c, err := Load(bytes.NewReader(data))
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	c.resolvePaths(filepath.Dir(path))
	return c, nil
}

// resolvePaths makes the relative paths of c relative to dir.
func (c *Config) resolvePaths(dir string) {
	resolve := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	resolve(&c.Store.Path)
	resolve(&c.DS.TokenFile)
	resolve(&c.HTTP.WebhookSecretFile)
	for i := range c.Demarches {
		resolve(&c.Demarches[i].Messages.TemplatesDir)
	}
}

// Read returns the configuration a command runs with: Default(), overlaid
// by the file at path (none when path is empty), by the environment read
// through getenv, then the secret files read, and the result validated.
// Every error met is returned, joined.
func Read(path string, getenv func(string) string) (Config, error) {
	c := Default()
	if path != "" {
		var err error
		if c, err = LoadFile(path); err != nil {
			return Config{}, err
		}
	}
	// The steps below leave c usable after an error, so that one run
	// reports every problem rather than the first.
	err := errors.Join(c.ApplyEnv(getenv), c.ReadSecretFiles(), c.Validate())
	if err != nil {
		return Config{}, err
	}
	return c, nil
}
