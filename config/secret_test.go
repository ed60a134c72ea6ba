package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const (
	leakToken = "tok-3f9c2a-DO-NOT-LEAK"
	leakHook  = "hook-77e1b0-DO-NOT-LEAK"
)

// TestSecretsNeverPrinted dumps a configuration holding secrets every way a
// program might, and searches each dump for them.
func TestSecretsNeverPrinted(t *testing.T) {
	c := validConfig()
	c.DS.Token = leakToken
	c.HTTP.WebhookSecret = leakHook
	for name, dump := range dumps(t, c) {
		for _, secret := range []string{leakToken, leakHook, "3f9c2a", "77e1b0"} {
			if strings.Contains(dump, secret) {
				t.Errorf("%s leaks %q:\n%s", name, secret, dump)
			}
		}
		if name != "Render" && !strings.Contains(dump, "secret") {
			t.Errorf("%s shows no redaction marker:\n%s", name, dump)
		}
	}
}

func dumps(t *testing.T, c Config) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s", "%-20v"} {
		out["fmt "+verb] = fmt.Sprintf(verb, c)
		out["fmt token "+verb] = fmt.Sprintf(verb, c.DS.Token)
		out["fmt pointer "+verb] = fmt.Sprintf(verb, &c)
	}
	out["Sprint"] = fmt.Sprint(c.DS.Token, c.HTTP)
	out["Sprintln"] = fmt.Sprintln(c.DS)
	j, err := json.Marshal(c)
	mustNot(t, err)
	out["json"] = string(j)
	y, err := yaml.Marshal(c)
	mustNot(t, err)
	out["yaml"] = string(y)
	r, err := Render(c, map[string]string{leakToken: "label"}, nil)
	mustNot(t, err)
	out["Render"] = string(r)
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "token", c.DS.Token, "http", c.HTTP)
	out["slog"] = logs.String()
	return out
}

func TestSecretValueAndEmpty(t *testing.T) {
	s := Secret("abc")
	if s.Value() != "abc" {
		t.Errorf("Value() = %q", s.Value())
	}
	var empty Secret
	if got := fmt.Sprintf("%v|%s|%q", empty, empty, empty); got != `||""` {
		t.Errorf("empty secret prints %q, want it visibly empty", got)
	}
	if text, err := s.MarshalText(); err != nil || string(text) != "<secret>" {
		t.Errorf("MarshalText() = %q, %v", text, err)
	}
	if got := fmt.Sprintf("%#v", s); got != `"<secret>"` {
		t.Errorf("%%#v = %s", got)
	}
}

// TestValidationErrorsDoNotLeak checks that a malformed secret is reported
// without being quoted.
func TestValidationErrorsDoNotLeak(t *testing.T) {
	c := validConfig()
	c.DS.Token = leakToken + "\n x"
	c.HTTP.WebhookSecret = leakHook + " y"
	err := c.Validate()
	assertErrorHas(t, err, "ds.token:", "http.webhook_secret:")
	if strings.Contains(err.Error(), "DO-NOT-LEAK") {
		t.Errorf("validation error leaks a secret: %v", err)
	}
}

func mustNot(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
