package sandbox

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// Server is the DS-compatible http.Handler. Create it with New; it is safe for concurrent
// use (one mutex guards the data, so requests run one at a time).
type Server struct {
	opts      Options
	now       func() time.Time
	clock     *settableClock
	schema    *ast.Schema
	rules     *rules.Rules
	resolvers map[string]resolverFunc
	limiter   *rateLimiter
	secret    []byte
	log       zerolog.Logger
	mux       *http.ServeMux

	mu        sync.Mutex
	db        *database
	mutations []RecordedMutation
	webhooks  []WebhookEvent
	faults    Faults
	requests  int
}

// New builds a sandbox over data, a JSON document in the sandbox data format (see the
// package documentation). It starts no goroutine and opens no socket: serve it with
// &http.Server{Handler: srv} or httptest.NewServer(srv).
func New(data []byte, opts Options) (*Server, error) {
	schema, err := loadSchemaOnce()
	if err != nil {
		return nil, err
	}
	db, err := loadDatabase(data)
	if err != nil {
		return nil, err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("sandbox: signing secret: %w", err)
	}
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.RateLimitPerMinute == 0 {
		opts.RateLimitPerMinute = DefaultRateLimitPerMinute
	}
	s := &Server{
		opts: opts, now: opts.Now, schema: schema, rules: rubyRules(), resolvers: resolverTable(),
		limiter: newRateLimiter(opts.RateLimitPerMinute, time.Minute), secret: secret,
		log: opts.Logger.With().Str("component", "sandbox").Logger(), db: db,
	}
	switch {
	case s.now != nil:
	case opts.Ticking:
		s.clock = newTickingClock(time.Now)
		s.now = s.clock.Now
	default:
		s.clock = newSettableClock(time.Now().Truncate(time.Second))
		s.now = s.clock.Now
	}
	s.mux = s.routes()
	return s, nil
}

func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("POST /api/v2/graphql", s.serveGraphQL)
	m.HandleFunc("GET "+blobsPrefix+"{key...}", s.serveBlob)
	m.HandleFunc("PUT "+uploadsPrefix+"{key...}", s.serveUpload)
	m.HandleFunc("GET /_sandbox/mutations", s.serveMutations)
	m.HandleFunc("GET /_sandbox/faults", s.serveGetFaults)
	m.HandleFunc("POST /_sandbox/faults", s.servePostFaults)
	m.HandleFunc("POST /_sandbox/dossiers", s.serveUpsertDossier)
	m.HandleFunc("GET /_sandbox/dossiers/{number}", s.serveGetDossier)
	m.HandleFunc("DELETE /_sandbox/dossiers/{number}", s.serveDeleteDossier)
	m.HandleFunc("POST /_sandbox/dossiers/{number}/hide", s.serveHideDossier)
	m.HandleFunc("GET /_sandbox/clock", s.serveGetClock)
	m.HandleFunc("POST /_sandbox/clock", s.servePostClock)
	return m
}

// ServeHTTP routes a request to the GraphQL endpoint, the blob endpoints or the admin API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		// A bug must not kill the test process that embeds the sandbox; answer like DS's
		// production error handler instead.
		if v := recover(); v != nil {
			s.log.Error().Interface("panic", v).Str("path", r.URL.Path).Msg("sandbox handler panicked")
			controllerError(w, http.StatusInternalServerError, "Internal Server Error", "internal_server_error")
		}
	}()
	s.mux.ServeHTTP(w, r)
}

// Mutations returns every mutation received so far, in order, refused ones included.
func (s *Server) Mutations() []RecordedMutation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.mutations)
}

// SetFaults replaces the injected faults and restarts their request counter.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.PoisonDossiers = slices.Clone(f.PoisonDossiers)
	s.faults, s.requests = f, 0
}

// Faults returns the injected faults.
func (s *Server) Faults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults
	f.PoisonDossiers = slices.Clone(f.PoisonDossiers)
	return f
}

// WebhookEvents returns the state changes DS's legacy webhook would have posted, in order.
// They are recorded whatever Options.WebhookURL says; delivery is left to a later version.
func (s *Server) WebhookEvents() []WebhookEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.webhooks)
}

// Now returns the sandbox clock.
func (s *Server) Now() time.Time {
	return s.now()
}

// Advance moves the sandbox's own clock by d. It fails when Options.Now supplied the clock.
func (s *Server) Advance(d time.Duration) (time.Time, error) {
	if s.clock == nil {
		return time.Time{}, fmt.Errorf("sandbox clock is external (Options.Now): it cannot be advanced")
	}
	return s.clock.Advance(d), nil
}
