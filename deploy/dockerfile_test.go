package deploy

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	line int
	cmd  string // upper case: FROM, RUN, COPY...
	args string
}

// parseDockerfile splits a Dockerfile into instructions, skipping comments
// and parser directives.
func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur strings.Builder
	start := 0
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		cont := strings.HasSuffix(line, "\\")
		cur.WriteString(strings.TrimSuffix(line, "\\") + " ")
		if cont {
			continue
		}
		cmd, args, _ := strings.Cut(strings.TrimSpace(cur.String()), " ")
		out = append(out, instruction{start, strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

// execForm decodes the JSON array form of CMD, ENTRYPOINT and HEALTHCHECK CMD.
func execForm(t *testing.T, in instruction, s string) []string {
	t.Helper()
	var args []string
	if err := json.Unmarshal([]byte(s), &args); err != nil {
		t.Errorf("Dockerfile:%d: %s: expected the exec form [\"...\"], got %s", in.line, in.cmd, s)
	}
	return args
}

// imageTagged reports whether an image reference names a tag other than
// latest, or a digest.
func imageTagged(ref string) bool {
	if strings.Contains(ref, "@sha256:") {
		return true
	}
	name := ref[strings.LastIndex(ref, "/")+1:]
	_, tag, ok := strings.Cut(name, ":")
	return ok && tag != "" && tag != "latest"
}

// stages returns the stage names of the FROM instructions, checking their images.
func dockerStages(t *testing.T, ins []instruction) (names []string, final string) {
	t.Helper()
	for _, in := range ins {
		if in.cmd != "FROM" {
			continue
		}
		f := strings.Fields(in.args)
		if !imageTagged(f[0]) {
			t.Errorf("Dockerfile:%d: FROM %s: expected a pinned tag, not latest", in.line, f[0])
		}
		if len(f) == 3 && strings.EqualFold(f[1], "AS") {
			names = append(names, f[2])
		}
		final = f[0]
	}
	return names, final
}

func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "Dockerfile")
	names, final := dockerStages(t, ins)
	if len(names) == 0 {
		t.Fatal("Dockerfile: expected a named build stage")
	}
	if !strings.HasPrefix(final, "gcr.io/distroless/static") || !strings.HasSuffix(final, ":nonroot") {
		t.Errorf("final image %s: expected distroless static, nonroot", final)
	}
	var entrypoint, cmd []string
	seen := map[string]string{}
	for _, in := range ins {
		seen[in.cmd] += in.args + "\n"
		switch in.cmd {
		case "COPY":
			checkCopyFrom(t, in, names)
		case "ENTRYPOINT":
			entrypoint = execForm(t, in, in.args)
		case "CMD":
			cmd = execForm(t, in, in.args)
		case "HEALTHCHECK":
			_, hc, ok := strings.Cut(in.args, "CMD ")
			if !ok {
				t.Errorf("Dockerfile:%d: HEALTHCHECK without CMD", in.line)
			}
			checkCommand(t, "Dockerfile HEALTHCHECK", execForm(t, in, hc))
		}
	}
	checkCommand(t, "Dockerfile ENTRYPOINT+CMD", append(entrypoint, cmd...))
	for _, want := range []struct{ cmd, text, why string }{
		{"RUN", "CGO_ENABLED=0", "a static binary"},
		{"RUN", "-trimpath", "reproducible paths"},
		{"USER", "nonroot", "a non-root user"},
		{"VOLUME", stateDir, "the store on a volume"},
		{"HEALTHCHECK", "healthcheck", "a health check"},
	} {
		if !strings.Contains(seen[want.cmd], want.text) {
			t.Errorf("Dockerfile: expected %s %s (%s)", want.cmd, want.text, want.why)
		}
	}
}

// checkCopyFrom checks that COPY --from names a stage of the file.
func checkCopyFrom(t *testing.T, in instruction, stages []string) {
	t.Helper()
	for _, f := range strings.Fields(in.args) {
		if from, ok := strings.CutPrefix(f, "--from="); ok && !slices.Contains(stages, from) {
			t.Errorf("Dockerfile:%d: COPY --from=%s: no such stage (have %v)", in.line, from, stages)
		}
	}
}

func TestImageTagged(t *testing.T) {
	for ref, want := range map[string]bool{
		"golang:1.26": true, "golang": false, "golang:latest": false,
		"registry:5000/spplus": false, "registry:5000/spplus:1.0": true, "x@sha256:abc": true,
	} {
		if got := imageTagged(ref); got != want {
			t.Errorf("imageTagged(%q) = %v, want %v", ref, got, want)
		}
	}
}
