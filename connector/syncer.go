package connector

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
	_ "time/tzdata" // Europe/Paris in scratch and distroless images

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
)

// fileCacheSize bounds the parsed attachments kept in memory (a parsed
// survey or grid is a few KiB).
const fileCacheSize = 1024

// Syncer keeps the configured démarches in step with the label rules. It is
// safe for concurrent use: passes of different démarches may run at once,
// passes of one démarche never do.
type Syncer struct {
	opts      Options
	log       zerolog.Logger
	paris     *time.Location
	cache     *fileCache
	demarches map[int]*demarcheRun // fixed by New
}

// demarcheRun is the state of one configured démarche.
type demarcheRun struct {
	cfg        config.Demarche
	pol        policy
	configHash string
	// running is held for the whole of a pass (TryLock: never waited on).
	running sync.Mutex

	// kinds caches the annotation descriptors' types (id → typename), read
	// from DS once, the first time annotations are written.
	kindsMu sync.Mutex
	kinds   map[string]string
}

// New checks opts and builds a Syncer for every démarche of the config,
// parsing its message templates (built-in, or overridden by
// messages.templates_dir). It starts nothing.
func New(opts Options) (*Syncer, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return nil, fmt.Errorf("load time zone Europe/Paris: %w", err)
	}
	s := &Syncer{opts: o, log: o.Logger.With().Str("component", "syncer").Logger(), paris: paris,
		cache: newFileCache(fileCacheSize), demarches: map[int]*demarcheRun{}}
	for _, d := range o.Config.Demarches {
		t, err := loadTemplates(d.Messages.TemplatesDir)
		if err != nil {
			return nil, fmt.Errorf("démarche %d: %w", d.Number, err)
		}
		s.demarches[d.Number] = &demarcheRun{cfg: d, configHash: configFingerprint(d, o.Settings),
			pol: policy{annotations: d.Annotations, messages: d.Messages, decisions: d.Decisions, templates: t, loc: paris}}
	}
	return s, nil
}

// run returns the state of a configured démarche.
func (s *Syncer) run(demarche int) (*demarcheRun, error) {
	r, ok := s.demarches[demarche]
	if !ok {
		return nil, fmt.Errorf("démarche %d: %w", demarche, ErrUnknownDemarche)
	}
	return r, nil
}

// lock takes the démarche's pass lock, or reports ErrAlreadyRunning.
func (s *Syncer) lock(demarche int) (*demarcheRun, func(), error) {
	r, err := s.run(demarche)
	if err != nil {
		return nil, nil, err
	}
	if !r.running.TryLock() {
		s.opts.Observer.AlreadyRunning(demarche)
		s.log.Info().Int("demarche", demarche).Msg("sync pass skipped: another pass of this démarche is running")
		return nil, nil, fmt.Errorf("démarche %d: %w", demarche, ErrAlreadyRunning)
	}
	return r, r.running.Unlock, nil
}

// Sync runs one whole pass over démarche (see the package doc); trigger
// (store.Trigger*) is recorded in the run history. It returns
// ErrAlreadyRunning when a pass of the démarche runs, and an error when the
// pass could not complete (the checkpoint then stays where it was; the
// report says what was done). Dossiers that failed do not make the pass
// fail: they are in the report and retried, then quarantined.
func (s *Syncer) Sync(ctx context.Context, demarche int, trigger string) (PassReport, error) {
	r, unlock, err := s.lock(demarche)
	if err != nil {
		return PassReport{Demarche: demarche, Trigger: trigger, Outcome: store.OutcomeFailed}, err
	}
	defer unlock()
	p := s.newPass(r, trigger, 0)
	err = p.full(ctx)
	return p.finish(err)
}

// SyncDossier runs the steps of a pass for dossier number alone, at once
// (the webhook, "spplus sync --dossier N"): it clears the dossier's
// quarantine, reads it, evaluates it even if unchanged, and executes its
// actions. The checkpoint does not move.
func (s *Syncer) SyncDossier(ctx context.Context, demarche, number int, trigger string) (PassReport, error) {
	r, unlock, err := s.lock(demarche)
	if err != nil {
		return PassReport{Demarche: demarche, Trigger: trigger, Outcome: store.OutcomeFailed}, err
	}
	defer unlock()
	p := s.newPass(r, trigger, number)
	err = p.one(ctx, number)
	return p.finish(err)
}

// Check evaluates dossier number and plans its actions as a pass would,
// against the stored snapshot, and writes nothing: no DS mutation, no store
// write. It needs no lock, since it changes nothing.
func (s *Syncer) Check(ctx context.Context, demarche, number int) (CheckReport, error) {
	r, err := s.run(demarche)
	if err != nil {
		return CheckReport{}, err
	}
	p := s.newPass(r, "check", number)
	p.dry = true
	return p.check(ctx, number)
}

// Demarches returns the configured démarche numbers.
func (s *Syncer) Demarches() []int { return s.opts.Config.Numbers() }

// annotationKinds returns the annotation descriptors' types of démarche,
// reading them from DS the first time. A failure is not cached: the caller
// falls back on the vocabulary's kinds and the next call tries again.
func (s *Syncer) annotationKinds(ctx context.Context, r *demarcheRun) map[string]string {
	r.kindsMu.Lock()
	defer r.kindsMu.Unlock()
	if r.kinds != nil {
		return r.kinds
	}
	d, err := s.opts.DS.Demarche(ctx, r.cfg.Number)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Warn().Err(err).Int("demarche", r.cfg.Number).Msg("cannot read the annotation descriptors: using the configured kinds")
		}
		return nil
	}
	r.kinds = descriptorKinds(d.Revision.AnnotationDescriptors)
	return r.kinds
}

// descriptorKinds maps each descriptor id (children included) to its type.
func descriptorKinds(ds []graphql.ChampDescriptor) map[string]string {
	out := map[string]string{}
	for _, d := range ds {
		out[d.ID] = d.Typename
		for id, t := range descriptorKinds(d.Children) {
			out[id] = t
		}
	}
	return out
}
