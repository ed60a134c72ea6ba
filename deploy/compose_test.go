package deploy

import (
	"path"
	"slices"
	"strings"
	"testing"
)

// composeFile is the part of a compose file the kits rely on.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Secrets  map[string]struct {
		File string `yaml:"file"`
	} `yaml:"secrets"`
	Volumes map[string]any `yaml:"volumes"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Volumes     []string          `yaml:"volumes"`
	Secrets     []string          `yaml:"secrets"`
	ReadOnly    bool              `yaml:"read_only"`
	CapDrop     []string          `yaml:"cap_drop"`
	Healthcheck struct {
		Disable bool     `yaml:"disable"`
		Test    []string `yaml:"test"`
	} `yaml:"healthcheck"`
}

// mount returns the source mounted at target ("" when none), and whether
// it is a named volume of the file.
func (s composeService) mount(f composeFile, target string) (source string, named bool) {
	for _, v := range s.Volumes {
		parts := strings.Split(v, ":")
		if len(parts) >= 2 && parts[1] == target {
			_, named = f.Volumes[parts[0]]
			return parts[0], named
		}
	}
	return "", false
}

// configArg returns the value of --config in a command line.
func configArg(args []string) string {
	if i := slices.Index(args, "--config"); i >= 0 && i+1 < len(args) {
		return args[i+1]
	}
	return ""
}

func readCompose(t *testing.T, file string) composeFile {
	t.Helper()
	var f composeFile
	decodeInto(t, file, &f)
	for name, s := range f.Services {
		if !imageTagged(s.Image) {
			t.Errorf("%s: service %s: image %q needs a tag other than latest", file, name, s.Image)
		}
		checkCommand(t, file+" service "+name, s.Command)
		if !s.ReadOnly || !slices.Contains(s.CapDrop, "ALL") {
			t.Errorf("%s: service %s: expected read_only and cap_drop ALL", file, name)
		}
	}
	return f
}

// checkSpplusService checks the daemon's service: it runs with the config
// mounted from source, whose content is configFile's, and keeps the store
// on a named volume.
func checkSpplusService(t *testing.T, file string, f composeFile, source, configFile string) composeService {
	t.Helper()
	s, ok := f.Services["spplus"]
	if !ok {
		t.Fatalf("%s: no service spplus", file)
	}
	if s.Command[0] != "run" {
		t.Errorf("%s: spplus runs %v, want run", file, s.Command)
	}
	cfgPath := configArg(s.Command)
	src, _ := s.mount(f, cfgPath)
	if src != source {
		t.Errorf("%s: %s comes from %q, want %s", file, cfgPath, src, source)
	}
	cfg := readConfig(t, configFile)
	if _, named := s.mount(f, path.Dir(cfg.Store.Path)); !named {
		t.Errorf("%s: the store directory %s is not on a named volume", file, path.Dir(cfg.Store.Path))
	}
	return s
}

func TestComposeSandbox(t *testing.T) {
	f := readCompose(t, "compose.yaml")
	sb, ok := f.Services["sandbox"]
	if !ok || !slices.Equal(sb.Command, []string{"sandbox", "--addr", "0.0.0.0:8099"}) {
		t.Errorf("service sandbox runs %v, want spplus sandbox --addr 0.0.0.0:8099", sb.Command)
	}
	if !sb.Healthcheck.Disable {
		t.Error("service sandbox inherits the image's HEALTHCHECK of spplus's /readyz: disable it")
	}
	s := checkSpplusService(t, "compose.yaml", f, "./compose/config.sandbox.yaml", "compose/config.sandbox.yaml")
	if cfg := readConfig(t, "compose/config.sandbox.yaml"); cfg.DS.BaseURL != "http://sandbox:8099" {
		t.Errorf("compose/config.sandbox.yaml: ds.base_url %s, want http://sandbox:8099", cfg.DS.BaseURL)
	}
	if s.Environment["SPPLUS_DS_TOKEN"] != "sandbox-token" {
		t.Error("service spplus: expected SPPLUS_DS_TOKEN=sandbox-token, the sandbox's token")
	}
}

func TestComposeProduction(t *testing.T) {
	f := readCompose(t, "compose.production.yaml")
	// deploy/config.yaml is the operator's copy of config.example.yaml.
	s := checkSpplusService(t, "compose.production.yaml", f, "./config.yaml", "config.example.yaml")
	if _, set := s.Environment["SPPLUS_DS_TOKEN"]; set {
		t.Error("production: the token must come from a secret file, not SPPLUS_DS_TOKEN")
	}
	name, ok := strings.CutPrefix(s.Environment["SPPLUS_DS_TOKEN_FILE"], "/run/secrets/")
	if !ok || !slices.Contains(s.Secrets, name) || f.Secrets[name].File == "" {
		t.Errorf("production: SPPLUS_DS_TOKEN_FILE=%q must be /run/secrets/<a file secret of the service>", s.Environment["SPPLUS_DS_TOKEN_FILE"])
	}
}
