package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// validConfig returns a configuration that validates, with one démarche.
func validConfig() Config {
	c := Default()
	d := DefaultDemarche()
	d.Number = 7
	d.InstructeurID = "SW5zdHJ1Y3RldXItMQ=="
	d.Fields = map[string]string{FieldService: "Q2hhbXAtMTA="}
	d.Annotations = map[string]string{AnnotationStatus: "Q2hhbXAtMTAx"}
	c.Demarches = []Demarche{d}
	return c
}

func TestValidateMessages(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   string
	}{
		{"base url not a URL", func(c *Config) { c.DS.BaseURL = "demarche.numerique.gouv.fr" },
			`ds.base_url: expected an http(s) URL such as https://demarche.numerique.gouv.fr, got "demarche.numerique.gouv.fr"`},
		{"base url with a query", func(c *Config) { c.DS.BaseURL = "https://x.fr/?a=1" }, `ds.base_url: expected an http(s) URL`},
		{"token and token file", func(c *Config) { c.DS.Token, c.DS.TokenFile = "t", "/f" },
			"ds.token: set either ds.token or ds.token_file, not both"},
		{"token placeholder", func(c *Config) { c.DS.Token = "<secret>" }, "ds.token: holds the placeholder <secret>"},
		{"token with a newline", func(c *Config) { c.DS.Token = "abc\n" }, "ds.token: expected a value without spaces"},
		{"rate zero", func(c *Config) { c.DS.RequestsPerMinute = 0 },
			"ds.requests_per_minute: expected 1 to 400 (DS allows 400 requests per minute per token), got 0"},
		{"rate above DS's limit", func(c *Config) { c.DS.RequestsPerMinute = 401 }, "ds.requests_per_minute: expected 1 to 400"},
		{"timeout", func(c *Config) { c.DS.RequestTimeout = 0 },
			"ds.request_timeout: expected a positive duration such as 30s, 15m or 2h, got 0s"},
		{"attempts", func(c *Config) { c.DS.MaxAttempts = 0 }, "ds.max_attempts: expected at least 1, got 0"},
		{"file host with a scheme", func(c *Config) { c.DS.AllowedFileHosts = []string{"ok.fr", "https://x.fr"} },
			`ds.allowed_file_hosts[1]: expected a host name such as storage.example.org, got "https://x.fr"`},
		{"file size", func(c *Config) { c.DS.MaxFileBytes = -1 }, "ds.max_file_bytes: expected a positive number of bytes, got -1"},
		{"store path", func(c *Config) { c.Store.Path = "" }, "store.path: expected the path of the store file, got nothing"},
		{"checkpoint margin", func(c *Config) { c.DS.CheckpointMargin = 0 }, "ds.checkpoint_margin: expected a duration from 1s to 24h such as 2m, got 0s"},
		{"checkpoint margin too long", func(c *Config) { c.DS.CheckpointMargin = 48 * time.Hour }, "ds.checkpoint_margin: expected a duration from 1s to 24h"},
		{"store timeout", func(c *Config) { c.Store.OpenTimeout = -time.Second }, "store.open_timeout: expected a positive duration"},
		{"retention", func(c *Config) { c.Store.RetentionDays = -1 }, "store.retention_days: expected a number of days (0 keeps everything), got -1"},
		{"http addr", func(c *Config) { c.HTTP.Addr = "8080" },
			`http.addr: expected host:port such as 127.0.0.1:8080 or :8080, got "8080"`},
		{"http port", func(c *Config) { c.HTTP.Addr = ":99999" }, `http.addr: expected host:port`},
		{"webhook secret twice", func(c *Config) { c.HTTP.WebhookSecret, c.HTTP.WebhookSecretFile = "s", "f" },
			"http.webhook_secret: set either http.webhook_secret or http.webhook_secret_file, not both"},
		{"ready age", func(c *Config) { c.HTTP.ReadyMaxAge = 0 }, "http.ready_max_age: expected a positive duration"},
		{"log level", func(c *Config) { c.Log.Level = "verbose" },
			`log.level: expected one of trace, debug, info, warn, error, got "verbose"`},
		{"log format", func(c *Config) { c.Log.Format = "xml" }, `log.format: expected json, console or auto, got "xml"`},
		{"answer points", func(c *Config) { c.Rules.AnswerLabels = []AnswerLabel{{"Oui", 0.5}} },
			"rules.answer_labels[0].points: expected 0, 0.25, 0.75 or 1, got 0.5"},
		{"answer label empty", func(c *Config) { c.Rules.AnswerLabels = []AnswerLabel{{" ", 1}} },
			"rules.answer_labels[0].label: expected the answer's label, got nothing"},
		{"answer label twice", func(c *Config) { c.Rules.AnswerLabels = []AnswerLabel{{"Plutôt", 1}, {"plutot", 0}} },
			`rules.answer_labels[1].label: "plutot" is already given by rules.answer_labels[0]`},
		{"nc label empty", func(c *Config) { c.Rules.NCLabels = []string{"NC", ""} }, "rules.nc_labels[1]: expected a label, got nothing"},
		{"question code twice", func(c *Config) { c.Rules.AgentsQuestions = []Question{{Code: "Q1"}, {Code: "Q1"}} },
			`rules.agents_questions[1].code: "Q1" is already used by rules.agents_questions[0]`},
		{"question code empty", func(c *Config) { c.Rules.AgentsQuestions = []Question{{}} },
			"rules.agents_questions[0].code: expected the question's column header, got nothing"},
		{"agents question with engagement", func(c *Config) { c.Rules.AgentsQuestions = []Question{{Code: "Q1", Engagement: 2}} },
			"rules.agents_questions[0]: expected a code alone"},
		{"engagement out of range", func(c *Config) { c.Rules.UsersQuestions = []Question{{Code: "E9", Engagement: 9}} },
			"rules.users_questions[0].engagement: expected 1 to 8 (or nothing), got 9"},
		{"users question without engagement", func(c *Config) { c.Rules.UsersQuestions = []Question{{Code: "E1"}} },
			"rules.users_questions[0].engagement: expected the engagement (1 to 8) the question belongs to"},
		{"satisfaction and engagement", func(c *Config) {
			c.Rules.UsersQuestions = []Question{{Code: "S", Engagement: 1, Satisfaction: true}}
		}, "rules.users_questions[0]: expected either an engagement or satisfaction: true, not both"},
		{"two satisfaction questions", func(c *Config) {
			c.Rules.UsersQuestions = []Question{{Code: "S1", Satisfaction: true}, {Code: "S2", Satisfaction: true}}
		}, "rules.users_questions[1].satisfaction: rules.users_questions[0] is already the satisfaction question"},
		{"number", func(c *Config) { c.Demarches[0].Number = 0 },
			"demarches[0].number: expected the démarche's number on DS (a positive integer), got 0"},
		{"number twice", func(c *Config) { c.Demarches = append(c.Demarches, c.Demarches[0]) },
			"demarches[1].number: démarche 7 is already configured by demarches[0]"},
		{"instructeur missing", func(c *Config) { c.Demarches[0].InstructeurID = "" },
			"demarches[0].instructeur_id: expected the id of the instructeur spplus writes as"},
		{"instructeur with a space", func(c *Config) { c.Demarches[0].InstructeurID = "a b" },
			`demarches[0].instructeur_id: expected an id without spaces, got "a b"`},
		{"schedule", func(c *Config) { c.Demarches[0].Schedule = "every 5 min" },
			`demarches[0].schedule: expected a 5-field cron spec or a descriptor such as @every 15m or @hourly, got "every 5 min": `},
		{"schedule with seconds", func(c *Config) { c.Demarches[0].Schedule = "0 */5 * * * *" },
			`demarches[0].schedule: expected a 5-field cron spec`},
		{"departement", func(c *Config) { c.Demarches[0].Departement = "Moselle" },
			`demarches[0].departement: expected a département code such as 57, 2A or 974, got "Moselle"`},
		{"unknown field key", func(c *Config) { c.Demarches[0].Fields["servce"] = "x" },
			"demarches[0].fields.servce: unknown key: expected one of service, audit, service_name,"},
		{"empty field id", func(c *Config) { c.Demarches[0].Fields[FieldAudit] = "" },
			`demarches[0].fields.audit: expected a descriptor id (Type d'audit), got ""`},
		{"child without its repetition", func(c *Config) { c.Demarches[0].Fields[FieldLocalName] = "x" },
			`demarches[0].fields.local_name: is inside the repetition "locals", which is not mapped`},
		{"unknown annotation key", func(c *Config) { c.Demarches[0].Annotations["statut"] = "x" },
			"demarches[0].annotations.statut: unknown key: expected one of status, users_score, agents_score, level,"},
		{"negative reminders", func(c *Config) { c.Demarches[0].Messages.MaxReminders = -1 },
			"demarches[0].messages.max_reminders: expected 0 or more, got -1"},
		{"reminders without period", func(c *Config) { c.Demarches[0].Messages.ReminderEvery = 0 },
			"demarches[0].messages.reminder_every: expected a positive duration such as 168h when max_reminders is 3, got 0s"},
		{"decision policy", func(c *Config) { c.Demarches[0].Decisions.Accepter = "yes" },
			`demarches[0].decisions.accepter: expected off, propose or auto, got "yes"`},
		{"quarantine", func(c *Config) { c.Demarches[0].QuarantineAfter = 0 },
			"demarches[0].quarantine_after: expected at least 1 failure, got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.change(&c)
			assertErrorHas(t, c.Validate(), tt.want)
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
	}{
		{"descriptor schedule", func(c *Config) { c.Demarches[0].Schedule = "@every 15m" }},
		{"hourly", func(c *Config) { c.Demarches[0].Schedule = "@hourly" }},
		{"read-only démarche without instructeur", func(c *Config) {
			d := &c.Demarches[0]
			d.InstructeurID, d.Annotations, d.Messages.Enabled = "", nil, false
		}},
		{"Corsica", func(c *Config) { c.Demarches[0].Departement = "2A" }},
		{"overseas", func(c *Config) { c.Demarches[0].Departement = "974" }},
		{"repetition and child", func(c *Config) {
			c.Demarches[0].Fields[FieldLocals] = "r"
			c.Demarches[0].Fields[FieldLocalName] = "n"
		}},
		{"no reminders, no period", func(c *Config) {
			c.Demarches[0].Messages.MaxReminders, c.Demarches[0].Messages.ReminderEvery = 0, 0
		}},
		{"any port", func(c *Config) { c.HTTP.Addr = ":0" }},
		{"file hosts with port", func(c *Config) { c.DS.AllowedFileHosts = []string{"s3.example.org:9000"} }},
		{"custom questionnaire", func(c *Config) {
			c.Rules.UsersQuestions = []Question{{Code: "E1", Engagement: 1}, {Code: "S", Satisfaction: true}}
			c.Rules.AgentsQuestions = []Question{{Code: "Q1"}}
			c.Rules.AnswerLabels = []AnswerLabel{{"Oui", 1}, {"Non", 0}, {"Plutôt oui", 0.75}, {"Plutôt non", 0.25}}
		}},
		{"no démarche", func(c *Config) { c.Demarches = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.change(&c)
			if err := c.Validate(); err != nil {
				t.Errorf("Validate() = %v", err)
			}
		})
	}
}

func TestValidateCollectsEveryError(t *testing.T) {
	c := validConfig()
	c.DS.MaxAttempts = 0
	c.Log.Format = "xml"
	c.Demarches[0].Schedule = "nope"
	c.Demarches[0].QuarantineAfter = 0
	err := c.Validate()
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) != 4 {
		t.Fatalf("Validate() = %v, want 4 joined errors", err)
	}
	if got := strings.Count(err.Error(), "\n"); got != 3 {
		t.Errorf("want one line per error, got %d lines:\n%v", got+1, err)
	}
}

func TestAccessors(t *testing.T) {
	c := validConfig()
	c.DS.BaseURL = "https://ds.example.org/"
	if got := c.DS.Endpoint(); got != "https://ds.example.org/api/v2/graphql" {
		t.Errorf("Endpoint() = %q", got)
	}
	if got := c.DS.FileHosts(); len(got) != 1 || got[0] != "ds.example.org" {
		t.Errorf("FileHosts() = %q, want the base URL's host", got)
	}
	c.DS.AllowedFileHosts = []string{"a.org", "b.org"}
	if got := c.DS.FileHosts(); len(got) != 2 || got[1] != "b.org" {
		t.Errorf("FileHosts() = %q, want the configured hosts", got)
	}
	if d, ok := c.Demarche(7); !ok || d.Number != 7 {
		t.Errorf("Demarche(7) = %v, %v", d, ok)
	}
	if _, ok := c.Demarche(8); ok {
		t.Error("Demarche(8) found")
	}
	if got := c.Numbers(); len(got) != 1 || got[0] != 7 {
		t.Errorf("Numbers() = %v", got)
	}
	if q := (AnswerLabel{Points: 0.75}).Quarters(); q != 3 {
		t.Errorf("Quarters() = %d, want 3", q)
	}
}
