package graphql

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// Defaults applied by New to the zero fields of Options.
const (
	// DefaultBaseURL is the platform's current address (it moved from
	// www.demarches-simplifiees.fr, then demarches.numerique.gouv.fr).
	DefaultBaseURL = "https://demarche.numerique.gouv.fr"
	// EndpointPath is appended to the base URL to reach the GraphQL API.
	EndpointPath = "/api/v2/graphql"
	// DefaultRequestsPerMinute stays under DS's 400 requests per minute
	// and token, leaving room for a second client or a manual run.
	DefaultRequestsPerMinute = 300
	// DefaultMaxAttempts bounds the tries of one operation (first try included).
	DefaultMaxAttempts = 5
	// DefaultRequestTimeout is above DS's own 30 s query timeout, so the
	// server's "timeout" error arrives before ours.
	DefaultRequestTimeout = 45 * time.Second
	// DefaultMaxFileBytes caps one attachment download.
	DefaultMaxFileBytes = 50 << 20
	// DefaultFileURLMaxAge is how long after a dossier was read its file
	// URLs are trusted; DS signs them for one hour.
	DefaultFileURLMaxAge = 50 * time.Minute
	// DefaultFileTimeout bounds one attachment download or upload.
	DefaultFileTimeout = 5 * time.Minute
	// DefaultBaseBackoff is the first backoff ceiling; it doubles per retry.
	DefaultBaseBackoff = 500 * time.Millisecond
	// DefaultMaxBackoff caps a computed backoff (a server's Retry-After or
	// RateLimit-Reset may ask for longer and is honoured up to MaxServerWait).
	DefaultMaxBackoff = 30 * time.Second
	// DefaultMaxServerWait caps the wait a 429 can impose: DS windows last
	// one minute, so anything longer is a bogus header.
	DefaultMaxServerWait = 2 * time.Minute
)

// Options configures a Client. The zero value of each field means "use the
// default" (see the Default* constants).
type Options struct {
	// BaseURL is the platform's root, e.g. https://demarche.numerique.gouv.fr;
	// the endpoint is BaseURL + EndpointPath. A URL already ending in
	// EndpointPath is accepted as is.
	BaseURL string
	// Token is the DS API token. It is only ever added to requests to the
	// endpoint's host, and never logged nor put in an error.
	Token string
	// HTTPClient is the base client; its Transport is wrapped to add the
	// token. Downloads and uploads use it without the token.
	HTTPClient *http.Client
	// RequestsPerMinute is the client-side budget for this token.
	RequestsPerMinute int
	// MaxAttempts bounds the tries of one operation, first one included.
	MaxAttempts int
	// RequestTimeout bounds one HTTP attempt.
	RequestTimeout time.Duration
	// BaseBackoff and MaxBackoff shape the exponential backoff with full
	// jitter: attempt n waits rand[0, min(MaxBackoff, BaseBackoff·2^n)).
	BaseBackoff time.Duration
	MaxBackoff  time.Duration
	// MaxServerWait caps a wait asked by a 429 (Retry-After, RateLimit-Reset).
	MaxServerWait time.Duration
	// MaxFileBytes caps one attachment download.
	MaxFileBytes int64
	// FileTimeout bounds one attachment download or upload.
	FileTimeout time.Duration
	// FileURLMaxAge refuses downloading a File read longer ago than this,
	// since its signed URL may have expired; re-read the dossier instead.
	FileURLMaxAge time.Duration
	// AllowedFileHosts lists the hosts ("host" or "host:port") attachments
	// may be downloaded from and uploaded to. Default: the endpoint's host.
	// In production, add the storage host the platform's file URLs point to.
	AllowedFileHosts []string
	// Logger receives retry and fallback events; it never sees the token.
	Logger zerolog.Logger
	// Observer, if set, is told about every request, retry and rate-limit wait.
	Observer Observer
	// Now is the clock used for backoffs, rate-limit resets and URL ages.
	Now func() time.Time
	// Rand draws the backoff jitter; inject a seeded one for tests.
	Rand *rand.Rand
}

// withDefaults returns a copy of o with defaults applied and checks it.
func (o Options) withDefaults() (Options, error) {
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	if o.Token == "" {
		return o, errors.New("graphql options: Token is empty: a DS API token is required")
	}
	if strings.ContainsAny(o.Token, "\r\n") {
		return o, errors.New("graphql options: Token contains a line break: expected a single-line DS token")
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if err := o.applyNumericDefaults(); err != nil {
		return o, err
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	if o.Observer == nil {
		o.Observer = nopObserver{}
	}
	return o, nil
}

// applyNumericDefaults fills zero limits and rejects negative ones.
func (o *Options) applyNumericDefaults() error {
	ints := []struct {
		name string
		v    *int
		def  int
	}{
		{"RequestsPerMinute", &o.RequestsPerMinute, DefaultRequestsPerMinute},
		{"MaxAttempts", &o.MaxAttempts, DefaultMaxAttempts},
	}
	for _, f := range ints {
		if *f.v < 0 {
			return fmt.Errorf("graphql options: %s is %d: expected a positive number", f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	durs := []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"RequestTimeout", &o.RequestTimeout, DefaultRequestTimeout},
		{"BaseBackoff", &o.BaseBackoff, DefaultBaseBackoff},
		{"MaxBackoff", &o.MaxBackoff, DefaultMaxBackoff},
		{"MaxServerWait", &o.MaxServerWait, DefaultMaxServerWait},
		{"FileURLMaxAge", &o.FileURLMaxAge, DefaultFileURLMaxAge},
		{"FileTimeout", &o.FileTimeout, DefaultFileTimeout},
	}
	for _, f := range durs {
		if *f.v < 0 {
			return fmt.Errorf("graphql options: %s is %v: expected a positive duration", f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if o.MaxFileBytes < 0 {
		return fmt.Errorf("graphql options: MaxFileBytes is %d: expected a positive size", o.MaxFileBytes)
	}
	if o.MaxFileBytes == 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	return nil
}

// endpointURL derives the GraphQL endpoint from a base URL.
func endpointURL(base string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		return nil, fmt.Errorf("graphql options: BaseURL: %w", err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("graphql options: BaseURL %q: expected an http or https URL", redactURL(u))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("graphql options: BaseURL %q: expected a host", redactURL(u))
	}
	if u.User != nil {
		return nil, errors.New("graphql options: BaseURL carries credentials: put the token in Token instead")
	}
	u.RawQuery, u.Fragment = "", ""
	p := strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(p, EndpointPath) {
		p += EndpointPath
	}
	u.Path, u.RawPath = p, ""
	return u, nil
}

// redactURL renders u without credentials, query nor fragment: signed
// storage URLs carry their signature in the query string.
func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User, c.RawQuery, c.Fragment, c.ForceQuery = nil, "", "", false
	return c.String()
}
