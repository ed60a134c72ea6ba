package ui

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/rs/zerolog"
)

// Handler serves the status pages, the exports and the deadline feed. It
// only reads the Source. Build it with New.
type Handler struct {
	opts Options
	log  zerolog.Logger
	auth *authenticator
	// throttle slows down the clients whose credentials keep failing.
	throttle *failureThrottle
	pages    *pages
	clock    clock
	red      redactor
	root     http.Handler
}

// New builds the handler: it parses the embedded templates and checks the
// options, and starts nothing. With no users and a listen address that is
// not loopback, every page answers 401 (nobody can log in): the pages are
// never open to a network by accident.
func New(opts Options) (*Handler, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	h := &Handler{
		opts:     opts,
		log:      opts.Logger.With().Str("component", "ui").Logger(),
		auth:     newAuthenticator(opts.Users, opts.Addr),
		throttle: newFailureThrottle(opts.Now),
		pages:    p,
		clock:    clock{loc: opts.Location},
		red:      redactor(opts.Secrets),
	}
	h.root = withSecurityHeaders(h.routes())
	switch {
	case h.auth.open:
		h.log.Warn().Str("addr", opts.Addr).Msg("status pages open without credentials (loopback only, no web.users)")
	case len(opts.Users) == 0:
		h.log.Warn().Str("addr", opts.Addr).Msg("status pages refuse every request: no web.users and the address is not loopback")
	}
	return h, nil
}

// ServeHTTP serves one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.root.ServeHTTP(w, r) }

func (h *Handler) routes() http.Handler {
	pages := http.NewServeMux()
	pages.HandleFunc("GET /{$}", h.serveHome)
	pages.HandleFunc("GET /demarches/{d}", h.serveOverview)
	pages.HandleFunc("GET /demarches/{d}/dossiers/{n}", h.serveDossier)
	pages.HandleFunc("GET /demarches/{d}/echeances", h.serveDeadlines)
	pages.HandleFunc("GET /demarches/{d}/tendances", h.serveTrends)
	pages.HandleFunc("GET /demarches/{d}/export.csv", h.serveCSV)
	pages.HandleFunc("GET /demarches/{d}/export.json", h.serveJSON)
	pages.HandleFunc("GET /", h.serveNotFound)

	feed := http.NewServeMux()
	feed.HandleFunc("GET /demarches/{d}/echeances.ics", h.serveICS)

	mux := http.NewServeMux()
	mux.Handle("GET /assets/", assetsHandler())
	// The feed alone takes ?token=: calendar applications subscribe to a
	// URL and cannot send an Authorization header.
	mux.Handle("GET /demarches/{d}/echeances.ics", h.authenticated(feed, true))
	mux.Handle("/", h.authenticated(pages, false))
	return mux
}

// authenticated lets through the requests that carry valid credentials,
// with the viewer in their context; the others get 401.
func (h *Handler) authenticated(next http.Handler, queryToken bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := clientAddr(r)
		if wait := h.throttle.wait(addr); wait > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			h.log.Debug().Str("client", addr).Str("path", r.URL.Path).Msg("too many failed authentications: request refused unchecked")
			h.renderError(w, r, http.StatusTooManyRequests)
			return
		}
		v, ok := h.auth.authenticate(r, queryToken)
		if !ok {
			if hasCredentials(r, queryToken) {
				h.throttle.failed(addr)
				h.log.Info().Str("client", addr).Str("path", r.URL.Path).Msg("authentication failed")
			}
			challenge(w)
			h.renderError(w, r, http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), viewerKey{}, v)))
	})
}

func (h *Handler) serveNotFound(w http.ResponseWriter, r *http.Request) {
	h.renderError(w, r, http.StatusNotFound)
}

// fail answers an error of a page: 404 for errNotFound, else 500 with the
// cause logged (never shown: it may name what the viewer may not see).
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errNotFound) {
		h.renderError(w, r, http.StatusNotFound)
		return
	}
	h.log.Error().Err(err).Str("path", r.URL.Path).Msg("status page failed")
	h.renderError(w, r, http.StatusInternalServerError)
}
