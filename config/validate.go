package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// problems collects validation errors, each prefixed by the key it is about.
type problems []error

func (p *problems) add(key, format string, args ...any) {
	*p = append(*p, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
}

// Validate checks every key and returns all the problems found, joined;
// each names its key (e.g. demarches[0].schedule) and what was expected.
// It does no I/O: secret files are read by ReadSecretFiles.
func (c Config) Validate() error {
	var p problems
	p.checkDS(c.DS)
	p.checkStore(c.Store)
	p.checkHTTP(c.HTTP)
	p.checkLog(c.Log)
	p.checkRules(c.Rules)
	p.checkDemarches(c.Demarches)
	p.checkWeb(c.Web)
	return errors.Join(p...)
}

// maxRequestsPerMinute is DS's limit per token (rack_attack.rb).
const maxRequestsPerMinute = 400

func (p *problems) checkDS(d DS) {
	p.checkBaseURL("ds.base_url", d.BaseURL)
	p.checkSecret("ds.token", d.Token, d.TokenFile)
	if d.RequestsPerMinute < 1 || d.RequestsPerMinute > maxRequestsPerMinute {
		p.add("ds.requests_per_minute", "expected 1 to %d (DS allows %d requests per minute per token), got %d",
			maxRequestsPerMinute, maxRequestsPerMinute, d.RequestsPerMinute)
	}
	p.positiveDuration("ds.request_timeout", d.RequestTimeout)
	if d.MaxAttempts < 1 {
		p.add("ds.max_attempts", "expected at least 1, got %d", d.MaxAttempts)
	}
	for i, h := range d.AllowedFileHosts {
		if u, err := url.Parse("//" + h); h == "" || err != nil || u.Host != h {
			p.add(fmt.Sprintf("ds.allowed_file_hosts[%d]", i), "expected a host name such as storage.example.org, got %q", h)
		}
	}
	if d.MaxFileBytes < 1 {
		p.add("ds.max_file_bytes", "expected a positive number of bytes, got %d", d.MaxFileBytes)
	}
	if d.CheckpointMargin < time.Second || d.CheckpointMargin > 24*time.Hour {
		p.add("ds.checkpoint_margin", "expected a duration from 1s to 24h such as 2m, got %s", d.CheckpointMargin)
	}
}

func (p *problems) checkBaseURL(key, raw string) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		p.add(key, "expected an http(s) URL such as https://demarche.numerique.gouv.fr, got %q", raw)
	}
}

// checkSecret never prints the secret, whatever is wrong with it.
func (p *problems) checkSecret(key string, s Secret, file string) {
	switch {
	case s != "" && file != "":
		p.add(key, "set either %s or %s_file, not both", key, key)
	case s.Value() == redacted:
		p.add(key, "holds the placeholder %s: expected the real value (better in the environment)", redacted)
	case strings.IndexFunc(s.Value(), unicode.IsSpace) >= 0 || strings.IndexFunc(s.Value(), unicode.IsControl) >= 0:
		p.add(key, "expected a value without spaces, line breaks or control characters")
	}
}

func (p *problems) positiveDuration(key string, d time.Duration) {
	if d <= 0 {
		p.add(key, "expected a positive duration such as 30s, 15m or 2h, got %s", d)
	}
}

func (p *problems) checkStore(s Store) {
	if s.Path == "" {
		p.add("store.path", "expected the path of the store file, got nothing")
	}
	p.positiveDuration("store.open_timeout", s.OpenTimeout)
	if s.RetentionDays < 0 {
		p.add("store.retention_days", "expected a number of days (0 keeps everything), got %d", s.RetentionDays)
	}
}

func (p *problems) checkHTTP(h HTTP) {
	host, port, err := net.SplitHostPort(h.Addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n < 0 || n > 65535 || strings.ContainsAny(host, " /") {
		p.add("http.addr", "expected host:port such as 127.0.0.1:8080 or :8080, got %q", h.Addr)
	}
	p.checkSecret("http.webhook_secret", h.WebhookSecret, h.WebhookSecretFile)
	p.positiveDuration("http.ready_max_age", h.ReadyMaxAge)
}

// logLevels are the levels a logger is configured with.
var logLevels = []string{"trace", "debug", "info", "warn", "error"}

func (p *problems) checkLog(l Log) {
	if !slices.Contains(logLevels, l.Level) {
		p.add("log.level", "expected one of %s, got %q", strings.Join(logLevels, ", "), l.Level)
	}
	if l.Format != LogJSON && l.Format != LogConsole && l.Format != LogAuto {
		p.add("log.format", "expected json, console or auto, got %q", l.Format)
	}
}
