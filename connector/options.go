package connector

import (
	"context"
	"errors"
	"io"
	"iter"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// Defaults applied by New to the zero fields of Options.
const (
	// DefaultSafetyMargin is subtracted from the server clock to get the
	// next checkpoint, so that a dossier saved while the pass started, or a
	// small clock skew between DS's servers, is read again rather than lost.
	DefaultSafetyMargin = 2 * time.Minute
	// DefaultFileURLMaxAge is how old a dossier read may be before its file
	// URLs (signed for one hour by DS) are refreshed by reading it again.
	DefaultFileURLMaxAge = 50 * time.Minute
	// DefaultQuarantineAfter is used when the démarche's config says 0.
	DefaultQuarantineAfter = 5
	// DefaultWorkers bounds the concurrent preparation of a page's dossiers,
	// and so the concurrent attachment downloads.
	DefaultWorkers = 4
)

// ErrAlreadyRunning is returned by Sync and SyncDossier when a pass of the
// same démarche is running: two passes never overlap.
var ErrAlreadyRunning = errors.New("a sync pass of this démarche is already running")

// ErrUnknownDemarche is returned (wrapped) for a démarche absent from the config.
var ErrUnknownDemarche = errors.New("démarche not in the configuration")

// DS is what the connector needs of the DS API; *graphql.Client implements
// it, tests fake it. Its errors are those of package graphql (typed and
// classified; see graphql.ClassOf).
type DS interface {
	// DossierPages lists the dossiers modified since updatedSince, page by page.
	DossierPages(ctx context.Context, demarche int, updatedSince *time.Time, after string) iter.Seq2[*graphql.DossierPage, error]
	// Deletions lists deleted and binned dossiers since since, in one request.
	Deletions(ctx context.Context, demarche int, since *time.Time) (graphql.Deletions, error)
	// Dossier reads one dossier (fresh file URLs, current messages and state).
	Dossier(ctx context.Context, number int) (*graphql.Dossier, error)
	// Demarche reads the démarche's descriptors (annotation types).
	Demarche(ctx context.Context, number int) (*graphql.Demarche, error)
	// Download streams a safe attachment, checksum verified.
	Download(ctx context.Context, f graphql.File, w io.Writer) (int64, error)
	// ModifyAnnotations sets private annotations in one call (set-to-value).
	ModifyAnnotations(ctx context.Context, dossierID, instructeurID string, values []graphql.AnnotationValue) error
	// SendMessage posts a message; DS creates one on every call.
	SendMessage(ctx context.Context, in graphql.SendMessageInput) (*graphql.Message, error)
	// PasserEnInstruction, Accepter and Refuser change the state; DS
	// refuses them from another state than the one they start from.
	PasserEnInstruction(ctx context.Context, in graphql.TransitionInput) (*graphql.DossierState, error)
	Accepter(ctx context.Context, in graphql.DecisionInput) (*graphql.DossierState, error)
	Refuser(ctx context.Context, in graphql.DecisionInput) (*graphql.DossierState, error)
	// Upload sends a file (the attestation) and returns its signed blob id.
	Upload(ctx context.Context, dossierID, filename, contentType string, data []byte) (string, error)
}

var _ DS = (*graphql.Client)(nil)

// Hooks are fault-injection points for tests. A nil field does nothing.
type Hooks struct {
	// Step is called at every step boundary of a pass (see the Step*
	// constants) with the dossier concerned (0 for none). An error it
	// returns stops the pass there, as a crash would: nothing after it runs,
	// and what was committed before stays.
	Step func(step string, dossier int) error
}

// Step boundaries passed to Hooks.Step.
const (
	StepCheckpointRead   = "checkpoint_read"
	StepPageRead         = "page_read"
	StepDossierSaved     = "dossier_saved"
	StepPageSaved        = "page_saved"
	StepDeletionsRead    = "deletions_read"
	StepRemindersPlanned = "reminders_planned"
	StepBeforeAction     = "before_action"
	// StepAfterSend is between DS's confirmation and MarkDone: a crash there
	// is the case the reference markers and state re-reads exist for.
	StepAfterSend      = "after_send"
	StepActionDone     = "action_done"
	StepCheckpointSet  = "checkpoint_set"
	StepDossierFetched = "dossier_fetched"
)

// Observer receives events for metrics; it must not block. The connector
// imports no metrics library: connector/web or cmd adapts this interface.
type Observer interface {
	// PassFinished reports a finished pass (outcome: store.Outcome*).
	PassFinished(demarche int, trigger, outcome string, d time.Duration)
	// AlreadyRunning reports a pass refused because another one runs.
	AlreadyRunning(demarche int)
	// Action reports an executed action: kind (store.Kind*) and result
	// (done, skipped, failed, parked).
	Action(demarche int, kind, result string)
	// Quarantined reports a dossier set aside after repeated failures.
	Quarantined(demarche, dossier int)
	// Checkpoint reports the new checkpoint of a démarche.
	Checkpoint(demarche int, at time.Time)
	// DossierEvaluated reports a dossier judged again: its DS state, level
	// ("" when undetermined) and the rule IDs of its findings.
	DossierEvaluated(demarche int, state, level string, findings []string)
}

type nopObserver struct{}

func (nopObserver) PassFinished(int, string, string, time.Duration) {}
func (nopObserver) AlreadyRunning(int)                              {}
func (nopObserver) Action(int, string, string)                      {}
func (nopObserver) Quarantined(int, int)                            {}
func (nopObserver) Checkpoint(int, time.Time)                       {}
func (nopObserver) DossierEvaluated(int, string, string, []string)  {}

// Options configures a Syncer.
type Options struct {
	// DS is the API client (required).
	DS DS
	// Store is the connector's state (required, even for DryRun and Check,
	// which only read it).
	Store *store.Store
	// Config is the validated configuration; each démarche synced must be in it.
	Config config.Config
	// Settings are the label rules' settings (rules.DefaultSettings() with
	// the config's questionnaires).
	Settings rules.Settings
	// Logger is the base logger; the Syncer adds component=syncer.
	Logger zerolog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// DryRun computes and reports the plans but writes nothing: no DS
	// mutation, no snapshot, no outbox, no checkpoint.
	DryRun bool
	// SafetyMargin is subtracted from the server clock for the checkpoint
	// (default DefaultSafetyMargin).
	SafetyMargin time.Duration
	// FileURLMaxAge (default DefaultFileURLMaxAge).
	FileURLMaxAge time.Duration
	// Hooks inject faults in tests.
	Hooks Hooks
	// Progress, if set, is told after each page of a pass: the pages and
	// dossiers read so far (a long first sync shows it on a terminal).
	Progress func(demarche, pages, dossiers int)
	// Observer receives metrics events (default: none).
	Observer Observer
	// Workers bounds the dossiers of a page prepared at once (downloads,
	// parsing, evaluation); default DefaultWorkers. Writes stay sequential.
	Workers int
}

// withDefaults checks o and fills its defaults.
func (o Options) withDefaults() (Options, error) {
	if o.DS == nil {
		return o, errors.New("connector options: DS is nil: expected a DS client")
	}
	if o.Store == nil {
		return o, errors.New("connector options: Store is nil: expected an open store")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.SafetyMargin <= 0 {
		o.SafetyMargin = DefaultSafetyMargin
	}
	if o.FileURLMaxAge <= 0 {
		o.FileURLMaxAge = DefaultFileURLMaxAge
	}
	if o.Observer == nil {
		o.Observer = nopObserver{}
	}
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if err := o.Settings.Validate(); err != nil {
		return o, err
	}
	return o, nil
}

// step calls the hook, if any.
func (h Hooks) step(name string, dossier int) error {
	if h.Step == nil {
		return nil
	}
	return h.Step(name, dossier)
}
