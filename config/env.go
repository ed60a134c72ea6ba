package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// EnvVar is one environment variable the configuration reads.
type EnvVar struct {
	// Name is the variable, e.g. SPPLUS_DS_TOKEN.
	Name string
	// Key is the configuration key it overrides, e.g. ds.token.
	Key string
	set func(c *Config, v string) error
}

// EnvVars returns the variables ApplyEnv reads, in the order it applies them.
func EnvVars() []EnvVar {
	return []EnvVar{
		{"SPPLUS_DS_BASE_URL", "ds.base_url", func(c *Config, v string) error { c.DS.BaseURL = v; return nil }},
		{"SPPLUS_DS_TOKEN", "ds.token", func(c *Config, v string) error {
			c.DS.Token, c.DS.TokenFile = Secret(v), ""
			return nil
		}},
		{"SPPLUS_DS_TOKEN_FILE", "ds.token_file", func(c *Config, v string) error {
			c.DS.Token, c.DS.TokenFile = "", v
			return nil
		}},
		{"SPPLUS_DS_REQUESTS_PER_MINUTE", "ds.requests_per_minute", setInt(func(c *Config) *int { return &c.DS.RequestsPerMinute })},
		{"SPPLUS_DS_REQUEST_TIMEOUT", "ds.request_timeout", setDuration(func(c *Config) *time.Duration { return &c.DS.RequestTimeout })},
		{"SPPLUS_DS_CHECKPOINT_MARGIN", "ds.checkpoint_margin", setDuration(func(c *Config) *time.Duration { return &c.DS.CheckpointMargin })},
		{"SPPLUS_DS_MAX_ATTEMPTS", "ds.max_attempts", setInt(func(c *Config) *int { return &c.DS.MaxAttempts })},
		{"SPPLUS_STORE_PATH", "store.path", func(c *Config, v string) error { c.Store.Path = v; return nil }},
		{"SPPLUS_HTTP_ADDR", "http.addr", func(c *Config, v string) error { c.HTTP.Addr = v; return nil }},
		{"SPPLUS_WEBHOOK_SECRET", "http.webhook_secret", func(c *Config, v string) error {
			c.HTTP.WebhookSecret, c.HTTP.WebhookSecretFile = Secret(v), ""
			return nil
		}},
		{"SPPLUS_WEBHOOK_SECRET_FILE", "http.webhook_secret_file", func(c *Config, v string) error {
			c.HTTP.WebhookSecret, c.HTTP.WebhookSecretFile = "", v
			return nil
		}},
		{"SPPLUS_HTTP_READY_MAX_AGE", "http.ready_max_age", setDuration(func(c *Config) *time.Duration { return &c.HTTP.ReadyMaxAge })},
		{"SPPLUS_LOG_LEVEL", "log.level", func(c *Config, v string) error { c.Log.Level = v; return nil }},
		{"SPPLUS_LOG_FORMAT", "log.format", func(c *Config, v string) error { c.Log.Format = v; return nil }},
	}
}

// ApplyEnv overlays the SPPLUS_* variables (see EnvVars) read through
// getenv; an empty variable counts as unset. A secret variable replaces
// both the value and the file of the file (SPPLUS_DS_TOKEN drops
// ds.token_file), and setting a secret and its _FILE variant together is an
// error. Values that do not parse are reported together and left unapplied.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	var errs []error
	for _, pair := range [][2]string{
		{"SPPLUS_DS_TOKEN", "SPPLUS_DS_TOKEN_FILE"},
		{"SPPLUS_WEBHOOK_SECRET", "SPPLUS_WEBHOOK_SECRET_FILE"},
	} {
		if getenv(pair[0]) != "" && getenv(pair[1]) != "" {
			errs = append(errs, fmt.Errorf("%s and %s are both set: expected one of them", pair[0], pair[1]))
		}
	}
	for _, ev := range EnvVars() {
		v := getenv(ev.Name)
		if v == "" {
			continue
		}
		if err := ev.set(c, v); err != nil {
			errs = append(errs, fmt.Errorf("%s (%s): %w", ev.Name, ev.Key, err))
		}
	}
	return errors.Join(errs...)
}

// ReadSecretFiles reads ds.token_file and http.webhook_secret_file into
// the secrets they hold, trimming surrounding white space (files usually
// end with a newline), and clears the file keys, so that calling it twice
// is harmless. A secret set both inline and by file is an error.
func (c *Config) ReadSecretFiles() error {
	return errors.Join(
		readSecretFile("ds.token", &c.DS.Token, &c.DS.TokenFile),
		readSecretFile("http.webhook_secret", &c.HTTP.WebhookSecret, &c.HTTP.WebhookSecretFile),
	)
}

func readSecretFile(key string, secret *Secret, file *string) error {
	if *file == "" {
		return nil
	}
	if *secret != "" {
		return fmt.Errorf("%s and %s_file are both set: expected one of them", key, key)
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("%s_file: %w", key, err)
	}
	v := strings.TrimSpace(string(data))
	if v == "" {
		return fmt.Errorf("%s_file: %s is empty: expected the secret", key, *file)
	}
	*secret, *file = Secret(v), ""
	return nil
}

func setInt(field func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("expected an integer, got %q", v)
		}
		*field(c) = n
		return nil
	}
}

func setDuration(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("expected a duration such as 30s, 15m or 168h, got %q", v)
		}
		*field(c) = d
		return nil
	}
}
