package graphql

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/time/rate"
)

// Client talks to one DS GraphQL endpoint with one token. It is safe for
// concurrent use; its rate budget is shared by all its callers (create one
// Client per token).
type Client struct {
	endpoint *url.URL
	api      *http.Client // adds the token for the endpoint's host
	files    *http.Client // never carries the token
	opts     Options
	log      zerolog.Logger
	obs      Observer
	now      func() time.Time
	redact   redactor
	limiter  *rate.Limiter
	docs     documents

	randMu sync.Mutex // *rand.Rand is not safe for concurrent use
	rand   *rand.Rand

	// sleep waits d or until ctx is done; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
	// maxBody bounds an answer's body (maxResponseBytes; tests lower it).
	maxBody int64

	// noBatchAnnotations is set once the server said it lacks
	// dossierModifierAnnotations, so later calls use the per-type mutations.
	noBatchAnnotations atomic.Bool
}

// New checks opts, applies defaults and builds a Client. It starts nothing.
func New(opts Options) (*Client, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	ep, err := endpointURL(o.BaseURL)
	if err != nil {
		return nil, err
	}
	if len(o.AllowedFileHosts) == 0 {
		o.AllowedFileHosts = []string{ep.Host}
	}
	docs, err := buildDocuments()
	if err != nil {
		return nil, fmt.Errorf("build graphql documents: %w", err)
	}
	c := &Client{
		endpoint: ep,
		maxBody:  maxResponseBytes,
		opts:     o,
		log:      o.Logger.With().Str("component", "ds_client").Logger(),
		obs:      o.Observer,
		now:      o.Now,
		redact:   redactor{token: o.Token},
		limiter:  newLimiter(o.RequestsPerMinute),
		docs:     docs,
		rand:     o.Rand,
		sleep:    sleepCtx,
	}
	c.api, c.files = c.httpClients(o.HTTPClient)
	return c, nil
}

// httpClients derives the API client (token added by a RoundTripper on a
// clone of each request) and the file client (no token, redirects checked
// against the allowed hosts) from the caller's client.
func (c *Client) httpClients(hc *http.Client) (api, files *http.Client) {
	apiClient := *hc
	apiClient.Transport = &bearerTransport{token: c.opts.Token, host: c.endpoint.Host, base: baseTransport(hc)}
	fileClient := *hc
	fileClient.Transport = baseTransport(hc)
	fileClient.CheckRedirect = c.checkFileRedirect
	return &apiClient, &fileClient
}

// Endpoint returns the GraphQL endpoint URL the client posts to.
func (c *Client) Endpoint() string { return c.endpoint.String() }

// newLimiter spreads rpm requests evenly over the minute, with a burst of
// one second's worth so a fixed 60 s server window never sees more than rpm
// plus that burst.
func newLimiter(rpm int) *rate.Limiter {
	burst := max(1, rpm/60)
	return rate.NewLimiter(rate.Limit(float64(rpm)/60), burst)
}

// sleepCtx waits d, returning early with ctx's error when ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// jitter returns a uniformly random duration in [0, d).
func (c *Client) jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	c.randMu.Lock()
	defer c.randMu.Unlock()
	return time.Duration(c.rand.Int64N(int64(d)))
}
