package web

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/zerolog"
)

// Server is spplus's HTTP server. New builds the routes, Start listens and
// serves in the background, Shutdown stops it gracefully.
type Server struct {
	opts    Options
	log     zerolog.Logger
	mux     *http.ServeMux
	handler http.Handler

	mu       sync.Mutex
	srv      *http.Server
	addr     string
	done     chan error
	shutdown bool
}

// New returns a server with the routes /healthz, /readyz, and /metrics
// and /webhook when configured. It opens no socket and starts nothing.
func New(opts Options) (*Server, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, log: opts.Logger.With().Str("component", "http").Logger(), mux: http.NewServeMux()}
	s.routes()
	s.handler = withLogging(s.mux, s.log, opts.Metrics, opts.Now)
	return s, nil
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", serveHealthz)
	s.mux.Handle("GET /readyz", readyHandler(s.opts.Readiness, s.opts.ReadyTimeout))
	if s.opts.Gatherer != nil {
		s.mux.Handle("GET /metrics", promhttp.HandlerFor(s.opts.Gatherer, promhttp.HandlerOpts{
			ErrorLog:      log.New(logWriter{s.log}, "", 0),
			ErrorHandling: promhttp.ContinueOnError,
			// Scrapes are cheap but read the store: never pile them up.
			MaxRequestsInFlight: 4,
			Timeout:             10 * time.Second,
		}))
	}
	if s.opts.Webhook.Queue != nil {
		h := newWebhookHandler(s.opts.Webhook, s.opts.Now, s.log.With().Str("component", "webhook").Logger(), s.opts.Metrics)
		s.mux.Handle("POST /webhook", h)
		// {secret...} takes the rest of the path: a DS secret such as
		// whsec_<base64> may hold a "/".
		s.mux.Handle("POST /webhook/{secret...}", h)
	}
}

// Handle adds a route (a net/http pattern such as "GET /status"); call it
// before Start. Its requests are logged and counted like the others.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Handler returns the server's handler, for tests and for embedding in
// another server.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on Options.Addr and serves in the background until
// Shutdown. ctx is the parent of every request's context, without its
// cancellation: in-flight requests end through Shutdown's grace period,
// not abruptly. Start fails when the address cannot be listened on, or
// when called twice.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil || s.shutdown {
		return errors.New("http server: Start called twice or after Shutdown")
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("http server: listen on %s: %w", s.opts.Addr, err)
	}
	base := context.WithoutCancel(ctx)
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          log.New(logWriter{s.log}, "", 0),
	}
	s.addr, s.done = ln.Addr().String(), make(chan error, 1)
	go func() { s.done <- s.srv.Serve(ln) }()
	s.log.Info().Str("addr", s.addr).Msg("http server listening")
	return nil
}

// Addr returns the address the server listens on (the real port when
// Options.Addr asked for port 0), or "" before Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Shutdown stops accepting connections and waits for the requests in
// flight, at most until ctx ends; then it closes what is left. It is safe
// to call twice, and before Start.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	srv, done, already := s.srv, s.done, s.shutdown
	s.shutdown = true
	s.mu.Unlock()
	if srv == nil || already {
		return nil
	}
	err := srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(fmt.Errorf("http server: shutdown: %w", err), srv.Close())
	}
	if serveErr := <-done; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("http server: %w", serveErr))
	}
	s.log.Info().Msg("http server stopped")
	return err
}

// logWriter turns the standard library's log lines (net/http's and
// promhttp's errors) into zerolog warnings.
type logWriter struct{ log zerolog.Logger }

func (w logWriter) Write(p []byte) (int, error) {
	w.log.Warn().Msg(strings.TrimSpace(string(p)))
	return len(p), nil
}
