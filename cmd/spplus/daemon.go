package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
)

// engine is the connector's parts, built from one configuration.
type engine struct {
	cfg    config.Config
	log    zerolog.Logger
	client *graphql.Client
	store  *store.Store
	syncer *connector.Syncer
}

// engineOptions are the choices a command makes on top of the configuration.
type engineOptions struct {
	dryRun     bool
	dsObserver graphql.Observer
	observer   connector.Observer
	now        func() time.Time // nil: the wall clock
	progress   func(demarche, pages, dossiers int)
}

// newEngine opens the store and builds the DS client and the syncer. The
// caller closes it.
func newEngine(cfg config.Config, log zerolog.Logger, o engineOptions) (*engine, error) {
	if len(cfg.Demarches) == 0 {
		return nil, errors.New("the configuration lists no démarche: run spplus init, or add one under demarches:")
	}
	client, err := newDSClient(cfg, log, o.dsObserver, nil)
	if err != nil {
		return nil, err
	}
	st, err := openStore(cfg, false)
	if err != nil {
		return nil, err
	}
	syncer, err := connector.New(connector.Options{
		DS: client, Store: st, Config: cfg, Settings: rulesSettings(cfg.Rules),
		Logger: log, DryRun: o.dryRun, Observer: o.observer, Now: o.now, Progress: o.progress,
		SafetyMargin: cfg.DS.CheckpointMargin,
	})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("connector: %w", err)
	}
	return &engine{cfg: cfg, log: log, client: client, store: st, syncer: syncer}, nil
}

// Close closes the store.
func (e *engine) Close() error { return e.store.Close() }

// commandLogger builds the logger of a command from the configuration.
func commandLogger(env *cliEnv, cfg config.Config) (zerolog.Logger, error) {
	return newLogger(env.stderr, cfg.Log.Level, cfg.Log.Format)
}

// terminalProgress shows a pass's progress on a terminal, on one line that
// each page rewrites; it returns nil when w is not a terminal, so logs and
// pipes get no control characters.
func terminalProgress(w io.Writer) func(demarche, pages, dossiers int) {
	if !isTerminal(w) {
		return nil
	}
	return func(demarche, pages, dossiers int) {
		fmt.Fprintf(w, "\rdémarche %d : %d pages, %d dossiers lus", demarche, pages, dossiers)
	}
}
