package config

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestApplyEnvOverrides(t *testing.T) {
	env := map[string]string{
		"SPPLUS_DS_BASE_URL":            "https://ds.example.org",
		"SPPLUS_DS_TOKEN":               "env-token",
		"SPPLUS_DS_REQUESTS_PER_MINUTE": " 120 ",
		"SPPLUS_DS_REQUEST_TIMEOUT":     "45s",
		"SPPLUS_DS_MAX_ATTEMPTS":        "3",
		"SPPLUS_DS_CHECKPOINT_MARGIN":   "5m",
		"SPPLUS_STORE_PATH":             "/var/lib/spplus/spplus.db",
		"SPPLUS_HTTP_ADDR":              ":9000",
		"SPPLUS_WEBHOOK_SECRET":         "hook",
		"SPPLUS_HTTP_READY_MAX_AGE":     "3h",
		"SPPLUS_LOG_LEVEL":              "debug",
		"SPPLUS_LOG_FORMAT":             "json",
	}
	c := Default()
	c.DS.TokenFile = "/from/yaml"
	if err := c.ApplyEnv(mapEnv(env)); err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.DS = DS{BaseURL: "https://ds.example.org", Token: "env-token", RequestsPerMinute: 120,
		RequestTimeout: 45 * time.Second, MaxAttempts: 3, MaxFileBytes: want.DS.MaxFileBytes, CheckpointMargin: 5 * time.Minute}
	want.Store.Path = "/var/lib/spplus/spplus.db"
	want.HTTP = HTTP{Addr: ":9000", WebhookSecret: "hook", ReadyMaxAge: 3 * time.Hour}
	want.Log = Log{Level: "debug", Format: "json"}
	if !equalConfig(c, want) {
		t.Errorf("ApplyEnv gave\n%+v\nwant\n%+v", c, want)
	}
	if len(EnvVars()) != len(env)+2 {
		t.Errorf("the test covers %d of the %d variables (plus the two _FILE ones)", len(env), len(EnvVars()))
	}
}

func TestApplyEnvSecretFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "token"), "  file-token\n")
	writeFile(t, filepath.Join(dir, "hook"), "file-hook\r\n")
	c := Default()
	c.DS.Token = "yaml-token"
	env := map[string]string{
		"SPPLUS_DS_TOKEN_FILE":       filepath.Join(dir, "token"),
		"SPPLUS_WEBHOOK_SECRET_FILE": filepath.Join(dir, "hook"),
	}
	if err := c.ApplyEnv(mapEnv(env)); err != nil {
		t.Fatal(err)
	}
	if c.DS.Token != "" || c.DS.TokenFile != env["SPPLUS_DS_TOKEN_FILE"] {
		t.Fatalf("SPPLUS_DS_TOKEN_FILE should replace the YAML token, got %q / %q", c.DS.Token.Value(), c.DS.TokenFile)
	}
	if err := c.ReadSecretFiles(); err != nil {
		t.Fatal(err)
	}
	if c.DS.Token.Value() != "file-token" || c.HTTP.WebhookSecret.Value() != "file-hook" {
		t.Errorf("secrets = %q, %q", c.DS.Token.Value(), c.HTTP.WebhookSecret.Value())
	}
	if c.DS.TokenFile != "" || c.HTTP.WebhookSecretFile != "" {
		t.Error("file keys should be cleared once read")
	}
	if err := c.ReadSecretFiles(); err != nil {
		t.Errorf("second ReadSecretFiles: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestApplyEnvErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"bad integer", map[string]string{"SPPLUS_DS_MAX_ATTEMPTS": "five"},
			[]string{`SPPLUS_DS_MAX_ATTEMPTS (ds.max_attempts): expected an integer, got "five"`}},
		{"bad duration", map[string]string{"SPPLUS_DS_REQUEST_TIMEOUT": "30"},
			[]string{`SPPLUS_DS_REQUEST_TIMEOUT (ds.request_timeout): expected a duration such as 30s, 15m or 168h, got "30"`}},
		{"token twice", map[string]string{"SPPLUS_DS_TOKEN": "a", "SPPLUS_DS_TOKEN_FILE": "/f"},
			[]string{"SPPLUS_DS_TOKEN and SPPLUS_DS_TOKEN_FILE are both set: expected one of them"}},
		{"webhook secret twice", map[string]string{"SPPLUS_WEBHOOK_SECRET": "a", "SPPLUS_WEBHOOK_SECRET_FILE": "/f"},
			[]string{"SPPLUS_WEBHOOK_SECRET and SPPLUS_WEBHOOK_SECRET_FILE are both set"}},
		{"every error", map[string]string{"SPPLUS_DS_MAX_ATTEMPTS": "x", "SPPLUS_HTTP_READY_MAX_AGE": "y"},
			[]string{"SPPLUS_DS_MAX_ATTEMPTS", "SPPLUS_HTTP_READY_MAX_AGE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			err := c.ApplyEnv(mapEnv(tt.env))
			assertErrorHas(t, err, tt.want...)
		})
	}
}

func TestApplyEnvIgnoresUnset(t *testing.T) {
	c := validConfig()
	if err := c.ApplyEnv(mapEnv(nil)); err != nil {
		t.Fatal(err)
	}
	if !equalConfig(c, validConfig()) {
		t.Error("an empty environment changed the configuration")
	}
}

func TestReadSecretFilesErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "empty"), "\n")
	tests := []struct {
		name   string
		change func(c *Config)
		want   string
	}{
		{"missing file", func(c *Config) { c.DS.TokenFile = filepath.Join(dir, "nope") }, "ds.token_file: open "},
		{"empty file", func(c *Config) { c.HTTP.WebhookSecretFile = filepath.Join(dir, "empty") },
			"http.webhook_secret_file: " + filepath.Join(dir, "empty") + " is empty: expected the secret"},
		{"inline and file", func(c *Config) { c.DS.Token, c.DS.TokenFile = "t", filepath.Join(dir, "empty") },
			"ds.token and ds.token_file are both set: expected one of them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(&c)
			assertErrorHas(t, c.ReadSecretFiles(), tt.want)
		})
	}
}

// equalConfig compares configurations, secrets included.
func equalConfig(a, b Config) bool { return reflect.DeepEqual(a, b) }
