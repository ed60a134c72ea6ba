package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
)

// loadConfig reads the configuration a command runs with: the file (if any),
// the SPPLUS_* environment, the secret files, validated.
func loadConfig(env *cliEnv, path string) (config.Config, error) {
	cfg, err := config.Read(path, env.getenv)
	if err != nil {
		if path == "" {
			return cfg, fmt.Errorf("configuration: %w", err)
		}
		return cfg, fmt.Errorf("configuration %s: %w", path, err)
	}
	return cfg, nil
}

// newDSClient builds the DS API client of cfg. It needs a token.
func newDSClient(cfg config.Config, log zerolog.Logger, obs graphql.Observer, hc *http.Client) (*graphql.Client, error) {
	if cfg.DS.Token.Value() == "" {
		return nil, errors.New("no DS API token: set SPPLUS_DS_TOKEN or SPPLUS_DS_TOKEN_FILE (or ds.token_file in the configuration)")
	}
	return graphql.New(graphql.Options{
		BaseURL:           cfg.DS.BaseURL,
		Token:             cfg.DS.Token.Value(),
		HTTPClient:        hc,
		RequestsPerMinute: cfg.DS.RequestsPerMinute,
		MaxAttempts:       cfg.DS.MaxAttempts,
		RequestTimeout:    cfg.DS.RequestTimeout,
		MaxFileBytes:      cfg.DS.MaxFileBytes,
		AllowedFileHosts:  cfg.DS.FileHosts(),
		Logger:            log.With().Str("component", "ds_client").Logger(),
		Observer:          obs,
	})
}

// openStore opens the store of cfg for writing, or for reading only.
func openStore(cfg config.Config, readOnly bool) (*store.Store, error) {
	st, err := store.Open(cfg.Store.Path, store.Options{Timeout: cfg.Store.OpenTimeout, ReadOnly: readOnly})
	if readOnly && errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w (no pass has run with this configuration yet: run spplus sync or spplus run first)", err)
	}
	return st, err
}
