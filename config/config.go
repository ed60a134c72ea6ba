package config

import "time"

// Config is the whole configuration of one spplus process.
type Config struct {
	DS        DS         `yaml:"ds" json:"ds"`
	Store     Store      `yaml:"store" json:"store"`
	HTTP      HTTP       `yaml:"http" json:"http"`
	Log       Log        `yaml:"log" json:"log"`
	Rules     Rules      `yaml:"rules" json:"rules"`
	Demarches []Demarche `yaml:"demarches" json:"demarches"`
	// Web is who may read the status pages (web.go).
	Web Web `yaml:"web" json:"web"`
}

// DS is how to reach the Démarche Numérique API.
type DS struct {
	// BaseURL is the platform's root URL; the GraphQL endpoint is under it
	// (see Endpoint). Configurable because the platform changed domain twice.
	BaseURL string `yaml:"base_url" json:"base_url"`
	// Token is the API token. Prefer SPPLUS_DS_TOKEN or a token file.
	Token Secret `yaml:"token,omitempty" json:"token,omitempty"`
	// TokenFile is a file holding the token (Docker and Kubernetes secrets).
	TokenFile string `yaml:"token_file,omitempty" json:"token_file,omitempty"`
	// RequestsPerMinute is the client-side rate limit. DS allows 400 POST
	// per minute per token; keep a margin for other users of the token.
	RequestsPerMinute int `yaml:"requests_per_minute" json:"requests_per_minute"`
	// RequestTimeout bounds one HTTP request, retries excluded.
	RequestTimeout time.Duration `yaml:"request_timeout" json:"request_timeout"`
	// MaxAttempts is how many times a retryable request is tried.
	MaxAttempts int `yaml:"max_attempts" json:"max_attempts"`
	// AllowedFileHosts are the hosts attachments may be downloaded from;
	// empty means the host of BaseURL only (see FileHosts).
	AllowedFileHosts []string `yaml:"allowed_file_hosts" json:"allowed_file_hosts"`
	// MaxFileBytes caps the size of one downloaded attachment.
	MaxFileBytes int64 `yaml:"max_file_bytes" json:"max_file_bytes"`
	// CheckpointMargin is subtracted from DS's clock to get the next pass's
	// updatedSince. It covers a change DS committed after answering, and
	// clock skew: a larger margin re-reads more dossiers, never loses one.
	CheckpointMargin time.Duration `yaml:"checkpoint_margin" json:"checkpoint_margin"`
}

// Store is where the connector keeps its state.
type Store struct {
	// Path is the bbolt file; relative paths resolve against the config file.
	Path string `yaml:"path" json:"path"`
	// OpenTimeout is how long to wait for the file lock held by another
	// process before giving up (bbolt would otherwise wait forever).
	OpenTimeout time.Duration `yaml:"open_timeout" json:"open_timeout"`
	// RetentionDays is how long journal entries, and the payloads of done
	// outbox actions, are kept; 0 keeps them forever. The default, 1461 days (four years),
	// covers a label's three-year cycle and the year after it.
	RetentionDays int `yaml:"retention_days" json:"retention_days"`
}

// HTTP is the daemon's HTTP server (health, metrics, webhook, status).
type HTTP struct {
	// Addr is the listen address, host:port.
	Addr string `yaml:"addr" json:"addr"`
	// WebhookSecret authenticates DS webhooks; empty disables the check.
	WebhookSecret Secret `yaml:"webhook_secret,omitempty" json:"webhook_secret,omitempty"`
	// WebhookSecretFile is a file holding WebhookSecret.
	WebhookSecretFile string `yaml:"webhook_secret_file,omitempty" json:"webhook_secret_file,omitempty"`
	// ReadyMaxAge is how old the last successful pass may be before
	// /readyz reports the daemon as not ready.
	ReadyMaxAge time.Duration `yaml:"ready_max_age" json:"ready_max_age"`
}

// Log configures the logger.
type Log struct {
	// Level is debug, info, warn or error.
	Level string `yaml:"level" json:"level"`
	// Format is json, console, or auto (console on a terminal, else json).
	Format string `yaml:"format" json:"format"`
}

// Log formats.
const (
	LogJSON    = "json"
	LogConsole = "console"
	LogAuto    = "auto"
)

// Rules overrides the questionnaire settings of the label rules. Every list
// left empty keeps the built-in default of the rules package.
type Rules struct {
	// AnswerLabels map a survey answer's label to its points.
	AnswerLabels []AnswerLabel `yaml:"answer_labels,omitempty" json:"answer_labels,omitempty"`
	// NCLabels are the spellings of "non concerné / ne se prononce pas".
	NCLabels []string `yaml:"nc_labels,omitempty" json:"nc_labels,omitempty"`
	// UsersQuestions replaces the users' questionnaire layout.
	UsersQuestions []Question `yaml:"users_questions,omitempty" json:"users_questions,omitempty"`
	// AgentsQuestions replaces the agents' questionnaire layout.
	AgentsQuestions []Question `yaml:"agents_questions,omitempty" json:"agents_questions,omitempty"`
}

// AnswerLabel is a survey answer's label and its points (0, 0.25, 0.75 or 1).
type AnswerLabel struct {
	Label  string  `yaml:"label" json:"label"`
	Points float64 `yaml:"points" json:"points"`
}

// Quarters returns the points in quarter points (0, 1, 3 or 4), the unit
// the rules count in; it is only meaningful on a validated label.
func (a AnswerLabel) Quarters() int8 { return int8(a.Points * 4) }

// Question is one scored question of a questionnaire.
type Question struct {
	// Code is the column header in survey files.
	Code string `yaml:"code" json:"code"`
	// Engagement is 1..8, or 0 for none.
	Engagement int `yaml:"engagement,omitempty" json:"engagement,omitempty"`
	// Satisfaction marks the users' global satisfaction question.
	Satisfaction bool `yaml:"satisfaction,omitempty" json:"satisfaction,omitempty"`
}

// Demarche is one démarche the connector keeps in step with the label rules.
type Demarche struct {
	// Number is the démarche's number on DS.
	Number int `yaml:"number" json:"number"`
	// InstructeurID is the DS id of the instructeur the connector writes as.
	InstructeurID string `yaml:"instructeur_id" json:"instructeur_id"`
	// Schedule is a cron spec (5 fields, or @every/@hourly...) in Europe/Paris.
	Schedule string `yaml:"schedule" json:"schedule"`
	// Departement is the default département for the working-day calendar
	// when a dossier gives none (e.g. "57").
	Departement string `yaml:"departement" json:"departement"`
	// Fields maps a Fields key to the champ descriptor id on the démarche.
	Fields map[string]string `yaml:"fields" json:"fields"`
	// Annotations maps an Annotations key to the private annotation
	// descriptor id the connector writes.
	Annotations map[string]string `yaml:"annotations" json:"annotations"`
	// Messages configures the messages sent to the candidate.
	Messages Messages `yaml:"messages" json:"messages"`
	// Decisions says which state changes the connector may make.
	Decisions Decisions `yaml:"decisions" json:"decisions"`
	// QuarantineAfter is the number of consecutive failures after which a
	// dossier is set aside instead of blocking every pass.
	QuarantineAfter int `yaml:"quarantine_after" json:"quarantine_after"`
}

// UnmarshalYAML starts each démarche of the list from DefaultDemarche, so
// that a key left out keeps its default while an explicit zero (say
// max_reminders: 0) is kept. It goes through the decoder it is given, which
// keeps the decoding strict.
func (d *Demarche) UnmarshalYAML(unmarshal func(any) error) error {
	p := demarcheYAML(DefaultDemarche())
	if err := unmarshal(&p); err != nil {
		return err
	}
	*d = Demarche(p)
	return nil
}

// demarcheYAML is Demarche without its UnmarshalYAML method, so that
// decoding into it does not recurse.
type demarcheYAML Demarche

// Messages configures the messages sent to the candidate on DS.
type Messages struct {
	// Enabled turns messages on.
	Enabled bool `yaml:"enabled" json:"enabled"`
	// ReminderEvery is the time between two reminders of the same findings.
	ReminderEvery time.Duration `yaml:"reminder_every" json:"reminder_every"`
	// MaxReminders caps the reminders for one set of findings (0: none).
	MaxReminders int `yaml:"max_reminders" json:"max_reminders"`
	// TemplatesDir overrides the built-in message templates; empty keeps them.
	TemplatesDir string `yaml:"templates_dir" json:"templates_dir"`
}

// Decisions is the policy for each state change the connector may make.
type Decisions struct {
	PasserEnInstruction Policy `yaml:"passer_en_instruction" json:"passer_en_instruction"`
	Accepter            Policy `yaml:"accepter" json:"accepter"`
	Refuser             Policy `yaml:"refuser" json:"refuser"`
}

// Policy says what the connector does with a decision its rules reach.
type Policy string

// Decision policies.
const (
	// PolicyOff never acts nor proposes.
	PolicyOff Policy = "off"
	// PolicyPropose writes the proposed decision in an annotation for a
	// human to take.
	PolicyPropose Policy = "propose"
	// PolicyAuto makes the state change on DS.
	PolicyAuto Policy = "auto"
)

// DefaultRetentionDays is store.retention_days when the file does not set it.
const DefaultRetentionDays = 4*365 + 1

// Default returns the configuration used for every key the file leaves out.
func Default() Config {
	return Config{
		DS: DS{
			BaseURL:           "https://demarche.numerique.gouv.fr",
			RequestsPerMinute: 300,
			RequestTimeout:    30 * time.Second,
			CheckpointMargin:  2 * time.Minute,
			MaxAttempts:       5,
			MaxFileBytes:      50 << 20,
		},
		Store: Store{Path: "spplus.db", OpenTimeout: time.Second, RetentionDays: DefaultRetentionDays},
		HTTP:  HTTP{Addr: "127.0.0.1:8080", ReadyMaxAge: 2 * time.Hour},
		Log:   Log{Level: "info", Format: LogAuto},
	}
}

// DefaultDemarche returns the defaults of one démarche entry.
func DefaultDemarche() Demarche {
	return Demarche{
		Schedule: "*/15 * * * *",
		Messages: Messages{Enabled: true, ReminderEvery: 7 * 24 * time.Hour, MaxReminders: 3},
		Decisions: Decisions{
			PasserEnInstruction: PolicyPropose,
			Accepter:            PolicyPropose,
			Refuser:             PolicyPropose,
		},
		QuarantineAfter: 5,
	}
}
