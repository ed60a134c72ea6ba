package store

import (
	"encoding/json"
	"time"
)

// Checkpoint is where the incremental sync of a démarche stands.
type Checkpoint struct {
	// UpdatedSince is the updatedSince (and deletedSince) of the next pass:
	// the start of the last complete pass, minus a safety margin.
	UpdatedSince time.Time `json:"updated_since,omitzero"`
	// LastPassStart is when the last pass started, whatever its outcome.
	LastPassStart time.Time `json:"last_pass_start,omitzero"`
	// LastSuccess is when the last pass that completed ended.
	LastSuccess time.Time `json:"last_success,omitzero"`
	// LastPrune is when done actions and old journal entries were last
	// pruned (see Store.Prune).
	LastPrune time.Time `json:"last_prune,omitzero"`
	// Cursor is an optional endCursor to resume a long listing from.
	Cursor string `json:"cursor,omitempty"`
	// Extra holds what the connector needs beyond the fields above.
	Extra json.RawMessage `json:"extra,omitempty"`
}

// Snapshot is what the connector last saw of one dossier and decided on it.
type Snapshot struct {
	Number    int    `json:"number"`
	DossierID string `json:"dossier_id,omitempty"`
	// State is the DS state (en_construction, en_instruction, accepte...).
	State                    string    `json:"state,omitempty"`
	DateDerniereModification time.Time `json:"date_derniere_modification,omitzero"`
	ChampsUpdatedAt          time.Time `json:"champs_updated_at,omitzero"`
	AnnotationsUpdatedAt     time.Time `json:"annotations_updated_at,omitzero"`
	// InputsHash identifies the inputs the verdict was computed from, so an
	// unchanged dossier is not evaluated again.
	InputsHash string `json:"inputs_hash,omitempty"`
	// FileChecksums maps an attachment (champ id or name) to its checksum.
	FileChecksums     map[string]string `json:"file_checksums,omitempty"`
	GroupeInstructeur string            `json:"groupe_instructeur,omitempty"`
	// GroupeNumber is the number of the dossier's groupe instructeur (the
	// certification body): the status pages show a body only its groups.
	GroupeNumber int `json:"groupe_number,omitempty"`
	// Candidacy is the candidacy as mapped from the dossier (rules.Candidacy
	// as JSON), shown on the dossier's page.
	Candidacy   json.RawMessage `json:"candidacy,omitempty"`
	ServiceName string          `json:"service_name,omitempty"`
	Departement string          `json:"departement,omitempty"`

	// Verdict is the last verdict, as the rules produced it.
	Verdict  json.RawMessage `json:"verdict,omitempty"`
	Level    string          `json:"level,omitempty"`
	Complete bool            `json:"complete"`
	// Status is the spplus status shown to people (complet, incomplet,
	// à décider, labellisable niveau X, refus), as the connector worded it.
	Status string `json:"status,omitempty"`
	// Findings are the rule IDs of the last verdict.
	Findings []string `json:"findings,omitempty"`
	// Deadlines maps a deadline name to its date (YYYY-MM-DD).
	Deadlines   map[string]string `json:"deadlines,omitempty"`
	EvaluatedAt time.Time         `json:"evaluated_at,omitzero"`

	// Failures counts the consecutive failures to process the dossier.
	Failures    int       `json:"failures,omitempty"`
	Quarantined bool      `json:"quarantined,omitempty"`
	LastError   string    `json:"last_error,omitempty"`
	FailedAt    time.Time `json:"failed_at,omitzero"`
	Deleted     bool      `json:"deleted,omitempty"`
	DeletedAt   time.Time `json:"deleted_at,omitzero"`

	// Reminders counts the messages sent about the current findings.
	Reminders      int       `json:"reminders,omitempty"`
	LastMessageAt  time.Time `json:"last_message_at,omitzero"`
	LastMessageRef string    `json:"last_message_ref,omitempty"`
	// Annotations are the values last written, by annotation key.
	Annotations map[string]string `json:"annotations,omitempty"`
	// Extra holds what the connector needs beyond the fields above.
	Extra json.RawMessage `json:"extra,omitempty"`
}

// Action states.
const (
	// ActionPending is planned and not yet confirmed by DS.
	ActionPending = "pending"
	// ActionDone is confirmed by DS.
	ActionDone = "done"
	// ActionParked failed too often; it waits for a human (see Requeue).
	ActionParked = "parked"
)

// Action kinds.
const (
	KindAnnotations = "annotations"
	KindMessage     = "message"
	KindState       = "state"
	KindLabel       = "label"
)

// Action is one write to DS, planned in the outbox before it is made.
type Action struct {
	// Key identifies the action's effect, e.g. "12/message/3f9c2a": an
	// action whose key is already in the outbox is never planned again. It
	// begins with the dossier number and a slash, which is how Actions
	// finds a dossier's actions.
	Key     string `json:"key"`
	Dossier int    `json:"dossier"`
	// Kind is annotations, message, state or label.
	Kind string `json:"kind"`
	// Payload is what to send, as the connector encodes it.
	Payload   json.RawMessage `json:"payload,omitempty"`
	State     string          `json:"state"`
	Attempts  int             `json:"attempts,omitempty"`
	LastError string          `json:"last_error,omitempty"`
	CreatedAt time.Time       `json:"created_at,omitzero"`
	UpdatedAt time.Time       `json:"updated_at,omitzero"`
}

// JournalEntry records one thing decided or done, when and why.
type JournalEntry struct {
	// Seq is given by the store, increasing per démarche.
	Seq     uint64    `json:"seq"`
	At      time.Time `json:"at,omitzero"`
	Dossier int       `json:"dossier,omitempty"`
	// Kind sorts entries, e.g. evaluated, planned, done, failed, quarantined.
	Kind string `json:"kind"`
	// Rule is the rule ID the entry is about, if any.
	Rule string `json:"rule,omitempty"`
	// Action is the outbox key the entry is about, if any.
	Action  string          `json:"action,omitempty"`
	Message string          `json:"message,omitempty"`
	Details json.RawMessage `json:"details,omitempty"`
}

// Pass triggers.
const (
	TriggerCron    = "cron"
	TriggerWebhook = "webhook"
	TriggerCLI     = "cli"
	TriggerStart   = "start"
)

// Pass outcomes.
const (
	// OutcomeRunning is a pass started and not finished.
	OutcomeRunning = "running"
	// OutcomeInterrupted is a pass that never finished: the process
	// stopped during it. StartPass marks it so when the next one starts.
	OutcomeInterrupted = "interrupted"
	OutcomeSuccess     = "success"
	OutcomePartial     = "partial"
	OutcomeFailed      = "failed"
)

// Pass is one sync pass of a démarche, for the run history.
type Pass struct {
	ID      uint64    `json:"id"`
	Start   time.Time `json:"start,omitzero"`
	End     time.Time `json:"end,omitzero"`
	Trigger string    `json:"trigger"`
	// Dossier is the only dossier of the pass, or 0 for a full pass.
	Dossier   int    `json:"dossier,omitempty"`
	Outcome   string `json:"outcome"`
	Seen      int    `json:"seen"`
	Evaluated int    `json:"evaluated"`
	Actions   int    `json:"actions"`
	Errors    int    `json:"errors"`
	Error     string `json:"error,omitempty"`
}

// Duration is how long the pass took, or 0 while it runs.
func (p Pass) Duration() time.Duration {
	if p.End.IsZero() {
		return 0
	}
	return p.End.Sub(p.Start)
}
