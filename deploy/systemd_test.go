package deploy

import (
	"bufio"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// unitFile maps each key of a unit file to its values, in order; commented
// lines are kept apart, as documentation of alternatives.
type unitFile struct {
	keys      map[string][]string
	commented map[string][]string
}

func readUnit(t *testing.T, file string) unitFile {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u := unitFile{keys: map[string][]string{}, commented: map[string][]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		target := u.keys
		if rest, ok := strings.CutPrefix(line, "#"); ok {
			line, target = rest, u.commented
		}
		if k, v, ok := strings.Cut(line, "="); ok && !strings.ContainsAny(k, " []") {
			target[k] = append(target[k], v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return u
}

func (u unitFile) has(key, value string) bool { return slices.Contains(u.keys[key], value) }

func TestSystemdUnit(t *testing.T) {
	u := readUnit(t, "systemd/spplus.service")
	for _, kv := range []string{
		"DynamicUser=yes", "StateDirectory=spplus", "Restart=on-failure",
		"NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
		"PrivateDevices=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes",
		"ProtectKernelLogs=yes", "ProtectControlGroups=yes", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
		"SystemCallFilter=@system-service", "CapabilityBoundingSet=", "LockPersonality=yes",
		"MemoryDenyWriteExecute=yes", "RestrictSUIDSGID=yes", "RestrictNamespaces=yes",
	} {
		k, v, _ := strings.Cut(kv, "=")
		if !u.has(k, v) {
			t.Errorf("spplus.service: expected %s", kv)
		}
	}
	for _, exec := range u.keys["ExecStart"] {
		checkCommand(t, "spplus.service ExecStart", strings.Fields(exec))
	}
	env := map[string]string{}
	for _, e := range u.keys["Environment"] {
		k, v, _ := strings.Cut(e, "=")
		env[k] = v
	}
	if dir := path.Dir(env["SPPLUS_STORE_PATH"]); dir != "/var/lib/"+u.keys["StateDirectory"][0] {
		t.Errorf("SPPLUS_STORE_PATH=%s is not in the StateDirectory", env["SPPLUS_STORE_PATH"])
	}
	// The token: LoadCredential (preferred) named by SPPLUS_DS_TOKEN_FILE.
	cred, _, _ := strings.Cut(strings.Join(u.keys["LoadCredential"], ""), ":")
	if cred == "" || env["SPPLUS_DS_TOKEN_FILE"] != "%d/"+cred {
		t.Errorf("SPPLUS_DS_TOKEN_FILE=%q must be %%d/<the LoadCredential name %q>", env["SPPLUS_DS_TOKEN_FILE"], cred)
	}
	// The alternative, documented: the environment file.
	if len(u.commented["EnvironmentFile"]) == 0 || u.commented["EnvironmentFile"][0] != "/etc/spplus/spplus.env" {
		t.Error("spplus.service: expected the EnvironmentFile=/etc/spplus/spplus.env alternative, commented")
	}
	envFile := readUnit(t, "systemd/spplus.env")
	if len(envFile.keys["SPPLUS_DS_TOKEN"]) != 1 {
		t.Error("spplus.env: expected SPPLUS_DS_TOKEN=...")
	}
}

// TestSystemdAnalyzeVerify runs systemd-analyze verify on the unit, with
// the binary path pointed at a stand-in (verify checks it is executable).
func TestSystemdAnalyzeVerify(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed: the unit is checked by reading it only")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "spplus")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	unit, err := os.ReadFile("systemd/spplus.service")
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "spplus.service")
	text := strings.ReplaceAll(string(unit), "/usr/local/bin/spplus", bin)
	if err := os.WriteFile(copyPath, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", "--man=no", copyPath).CombinedOutput()
	// verify exits 0 on unknown keys and bad values, printing them: any
	// output about the unit is a failure.
	if err != nil || strings.Contains(string(out), "spplus.service") {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}
