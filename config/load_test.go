package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// validDemarche is a démarche entry that validates.
const validDemarche = `
demarches:
  - number: 7
    instructeur_id: SW5zdHJ1Y3RldXItMQ==
    fields: {service: Q2hhbXAtMTA=}
`

func TestDefaultValidates(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
}

func TestLoadEmptyGivesDefault(t *testing.T) {
	for _, doc := range []string{"", "\n", "# only a comment\n"} {
		c, err := Load(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("Load(%q): %v", doc, err)
		}
		if c.DS.BaseURL != Default().DS.BaseURL || c.Store.Path != "spplus.db" {
			t.Errorf("Load(%q) = %+v, want the defaults", doc, c)
		}
	}
}

func TestLoadStrict(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"unknown top-level key", "dss: {}\n",
			[]string{`line 1: unknown key "dss" in the top level (valid keys: ds, store, http, log, rules, demarches, web)`}},
		{"unknown nested key", "ds:\n  base_urll: x\n",
			[]string{`line 2: unknown key "base_urll" in ds (valid keys: base_url, token, token_file, requests_per_minute`}},
		{"unknown key in a démarche", "demarches:\n  - number: 1\n    schedul: x\n",
			[]string{`line 3: unknown key "schedul" in demarches[] (valid keys: number, instructeur_id, schedule`}},
		{"unknown key in messages", "demarches:\n  - messages: {enable: true}\n",
			[]string{`unknown key "enable" in demarches[].messages (valid keys: enabled, reminder_every`}},
		{"unknown key in answer label", "rules:\n  answer_labels: [{label: a, point: 1}]\n",
			[]string{`unknown key "point" in rules.answer_labels[]`}},
		{"bad duration", "ds:\n  request_timeout: soon\n",
			[]string{`line 2: expected a duration such as 30s, 15m or 168h, got "soon"`}},
		{"bad integer", "ds:\n  max_attempts: many\n",
			[]string{`line 2: expected an integer, got "many"`}},
		{"bad bool", "demarches:\n  - messages: {enabled: perhaps}\n",
			[]string{`line 2: expected true or false, got "perhaps"`}},
		{"bad number", "rules:\n  answer_labels: [{label: a, points: half}]\n",
			[]string{`line 2: expected a number, got "half"`}},
		{"list for a value", "ds:\n  base_url: [a]\n",
			[]string{`line 2: expected a single value, got !!seq`}},
		{"value for a list", "ds:\n  allowed_file_hosts: x.org\n",
			[]string{`line 2: expected a list, got "x.org"`}},
		{"list for a mapping of ids", "demarches:\n  - fields: [a]\n",
			[]string{`line 2: expected a mapping of key: value, got !!seq`}},
		{"list for a mapping", "ds: [1]\n",
			[]string{`line 1: expected a mapping for ds, got !!seq`}},
		{"every problem at once", "dss: 1\nds:\n  request_timeout: soon\nstore: {pth: x}\n",
			[]string{`unknown key "dss"`, `line 3: expected a duration`, `unknown key "pth" in store`}},
		{"syntax error", "ds: [\n", []string{"parse YAML: yaml: line"}},
		{"two documents", "ds: {}\n---\nds: {}\n", []string{"expected one YAML document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.doc))
			assertErrorHas(t, err, tt.want...)
		})
	}
}

func TestLoadDemarcheDefaults(t *testing.T) {
	doc := `
demarches:
  - number: 1
  - number: 2
    schedule: "@every 1h"
    quarantine_after: 9
    messages: {max_reminders: 0, enabled: false}
`
	c, err := Load(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	first, second := c.Demarches[0], c.Demarches[1]
	if first.Schedule != "*/15 * * * *" || first.QuarantineAfter != 5 || !first.Messages.Enabled ||
		first.Messages.MaxReminders != 3 || first.Decisions.Accepter != PolicyPropose {
		t.Errorf("first démarche = %+v, want the defaults", first)
	}
	if second.Schedule != "@every 1h" || second.QuarantineAfter != 9 || second.Messages.Enabled ||
		second.Messages.MaxReminders != 0 || second.Messages.ReminderEvery != 168*time.Hour {
		t.Errorf("second démarche = %+v, want its explicit values and defaults elsewhere", second)
	}
}

func TestLoadFileResolvesRelativePaths(t *testing.T) {
	dir := t.TempDir()
	doc := `
store: {path: data/spplus.db}
ds: {token_file: secrets/token}
http: {webhook_secret_file: /run/secrets/hook}
demarches:
  - number: 1
    instructeur_id: x
    messages: {templates_dir: templates}
`
	path := filepath.Join(dir, "spplus.yaml")
	writeFile(t, path, doc)
	c, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ got, want string }{
		{c.Store.Path, filepath.Join(dir, "data/spplus.db")},
		{c.DS.TokenFile, filepath.Join(dir, "secrets/token")},
		{c.HTTP.WebhookSecretFile, "/run/secrets/hook"},
		{c.Demarches[0].Messages.TemplatesDir, filepath.Join(dir, "templates")},
	} {
		if tc.got != tc.want {
			t.Errorf("path = %q, want %q", tc.got, tc.want)
		}
	}
}

func TestLoadFileErrorsNameTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	writeFile(t, path, "ds: {nope: 1}\n")
	_, err := LoadFile(path)
	assertErrorHas(t, err, "config "+path+": line 1: unknown key \"nope\" in ds")
	_, err = LoadFile(filepath.Join(t.TempDir(), "missing.yaml"))
	assertErrorHas(t, err, "read config:", "missing.yaml")
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "token"), "file-token\n")
	path := filepath.Join(dir, "spplus.yaml")
	writeFile(t, path, "ds: {token_file: token}\n"+validDemarche)
	env := map[string]string{"SPPLUS_HTTP_ADDR": ":9090"}
	c, err := Read(path, mapEnv(env))
	if err != nil {
		t.Fatal(err)
	}
	if c.DS.Token.Value() != "file-token" || c.HTTP.Addr != ":9090" || c.Demarches[0].Number != 7 {
		t.Errorf("Read = %+v", c)
	}
	env["SPPLUS_DS_MAX_ATTEMPTS"] = "x"
	env["SPPLUS_LOG_LEVEL"] = "loud"
	_, err = Read(path, mapEnv(env))
	assertErrorHas(t, err, "SPPLUS_DS_MAX_ATTEMPTS (ds.max_attempts): expected an integer", `log.level: expected one of`)
	if _, err := Read("", mapEnv(nil)); err != nil {
		t.Errorf("Read without a file: %v", err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// assertErrorHas fails unless err holds every fragment of want.
func assertErrorHas(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one holding %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\ndoes not hold %q", err, w)
		}
	}
}
