package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readyzServer answers /readyz with status and body.
func readyzServer(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// runHC runs the command in-process with the given environment.
func runHC(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code = runHealthcheck(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestHealthcheck(t *testing.T) {
	ready := readyzServer(t, 200, `{"ready":true,"reasons":[]}`)
	notReady := readyzServer(t, 503, `{"ready":false,"reasons":["démarche 1: no successful pass yet"]}`)
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()

	cfgDir := t.TempDir()
	cfg := filepath.Join(cfgDir, "config.yaml")
	addr := strings.TrimPrefix(ready.URL, "http://")
	if err := os.WriteFile(cfg, []byte("http:\n  addr: "+addr+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		vars     map[string]string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"ready", nil, []string{"--url", ready.URL + "/readyz"}, 0, "ready: " + ready.URL, ""},
		{"not ready", nil, []string{"--url", notReady.URL + "/readyz"}, 1, "", "no successful pass yet"},
		{"unreachable", nil, []string{"--url", gone.URL + "/readyz"}, 1, "", "unreachable"},
		{"wrong path", nil, []string{"--url", ready.URL + "/other"}, 1, "", "HTTP 404"},
		{"from config", nil, []string{"--config", cfg}, 0, "ready: http://" + addr + "/readyz", ""},
		{"from environment", map[string]string{"SPPLUS_HTTP_ADDR": addr}, nil, 0, "ready: http://" + addr + "/readyz", ""},
		{"url and config", nil, []string{"--url", ready.URL, "--config", cfg}, 2, "", "exclusive"},
		{"bad url", nil, []string{"--url", "ftp://x/readyz"}, 2, "", "expected an http(s) URL"},
		{"missing config", nil, []string{"--config", filepath.Join(cfgDir, "nope.yaml")}, 2, "", "read config"},
		{"unknown flag", nil, []string{"--nope"}, 2, "", "flag provided but not defined"},
		{"positional argument", nil, []string{"extra"}, 2, "", "usage: spplus healthcheck"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runHC(t, tt.vars, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.inStdout) || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
					code, stdout, stderr, tt.code, tt.inStdout, tt.inStderr)
			}
		})
	}
}

func TestHealthcheckJSON(t *testing.T) {
	notReady := readyzServer(t, 503, `{"ready":false,"reasons":["store: closed"]}`)
	code, stdout, _ := runHC(t, nil, "--url", notReady.URL+"/readyz", "--json")
	var got healthResult
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	if code != 1 || got.Status != 503 || got.Ready || len(got.Reasons) != 1 || got.Reasons[0] != "store: closed" {
		t.Errorf("exit %d, result %+v", code, got)
	}
}

func TestReadyzURL(t *testing.T) {
	tests := map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/readyz",
		":8080":          "http://127.0.0.1:8080/readyz",
		"0.0.0.0:9000":   "http://127.0.0.1:9000/readyz",
		"[::]:8080":      "http://[::1]:8080/readyz",
		"spplus:8080":    "http://spplus:8080/readyz",
	}
	for addr, want := range tests {
		if got, err := readyzURL(addr); err != nil || got != want {
			t.Errorf("readyzURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
	if _, err := readyzURL("8080"); err == nil {
		t.Error("readyzURL(8080): expected an error")
	}
}
