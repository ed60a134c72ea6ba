package config

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func renderedConfig() Config {
	c := validConfig()
	d := &c.Demarches[0]
	d.Fields = map[string]string{
		FieldAuditDate: "Q2hhbXAtMTQ=", FieldService: "Q2hhbXAtMTA=",
		FieldLocals: "Q2hhbXAtMjA=", FieldLocalName: "Q2hhbXAtMjE=",
	}
	d.Annotations = map[string]string{AnnotationLevel: "Q2hhbXAtMTAy"}
	d.Messages.ReminderEvery = 36 * time.Hour
	second := DefaultDemarche()
	second.Number = 8
	second.InstructeurID = "SW5zdHJ1Y3RldXItMg=="
	second.Schedule = "@every 1h30m"
	c.Demarches = append(c.Demarches, second)
	c.DS.Token = "never-written"
	c.Rules.NCLabels = []string{"NC"}
	return c
}

func TestRenderRoundTrips(t *testing.T) {
	c := renderedConfig()
	out, err := Render(c, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("rendered config does not load: %v\n%s", err, out)
	}
	if err := back.Validate(); err != nil {
		t.Fatalf("rendered config does not validate: %v\n%s", err, out)
	}
	c.DS.Token = ""
	if !equalConfig(emptyAsNil(back), emptyAsNil(c)) {
		t.Errorf("round trip changed the config:\n got %+v\nwant %+v\n%s", back, c, out)
	}
}

func TestRenderComments(t *testing.T) {
	labels := map[string]string{
		"Q2hhbXAtMTA=": "Type de service",
		"Q2hhbXAtMTQ=": "Date de l'audit (1er jour)",
		"Q2hhbXAtMTAy": "Niveau SP+",
	}
	out, err := Render(renderedConfig(), labels, []string{"Adresse du service", "SIRET"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{
		`# spplus configuration, written by "spplus init".`,
		"service: Q2hhbXAtMTA= # Type de service",
		"audit_date: Q2hhbXAtMTQ= # Date de l'audit (1er jour)",
		"level: Q2hhbXAtMTAy # Niveau SP+",
		"#   audit: \"\"  # Type d'audit (needed to judge a local candidacy)",
		"#   audit_end_date: \"\"  # Date de fin de l'audit\n",
		"#   - Adresse du service",
		"#   - SIRET",
		"reminder_every: 36h",
		"request_timeout: 30s",
		"schedule: '@every 1h30m'",
		"# token: never written here",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("rendered config lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "SIRET") != 1 {
		t.Errorf("the unmapped block should appear once, above the first démarche:\n%s", s)
	}
	if i, j := strings.Index(s, "service: Q2hh"), strings.Index(s, "audit_date: Q2hh"); i > j {
		t.Errorf("fields should follow the vocabulary's order:\n%s", s)
	}
}

// TestRenderLabelsCannotInject checks that labels typed on DS stay comments.
func TestRenderLabelsCannotInject(t *testing.T) {
	evil := "Type\ndemarches: []\n# x\r\nstore: {path: /etc/passwd}"
	out, err := Render(renderedConfig(), map[string]string{"Q2hhbXAtMTA=": evil}, []string{evil})
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("rendered config does not load: %v\n%s", err, out)
	}
	if back.Store.Path != "spplus.db" || len(back.Demarches) != 2 {
		t.Errorf("a label changed the configuration:\n%s", out)
	}
}

// emptyAsNil makes empty lists and mappings nil: YAML writes both as [] or {}.
func emptyAsNil(c Config) Config {
	if len(c.DS.AllowedFileHosts) == 0 {
		c.DS.AllowedFileHosts = nil
	}
	c.Demarches = append([]Demarche(nil), c.Demarches...)
	for i := range c.Demarches {
		if len(c.Demarches[i].Fields) == 0 {
			c.Demarches[i].Fields = nil
		}
		if len(c.Demarches[i].Annotations) == 0 {
			c.Demarches[i].Annotations = nil
		}
	}
	return c
}
