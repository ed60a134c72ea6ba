package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/connector/web"
	"github.com/spplus/spplus/connector/web/ui"
	"github.com/spplus/spplus/graphql/sandbox"
)

const runSynopsis = "[--config FILE] [--http ADDR] [--dry-run] | --sandbox [--sandbox-addr ADDR] [--dir DIR]"

// shutdownGrace bounds the graceful shutdown of the daemon's parts.
const shutdownGrace = 30 * time.Second

type runFlags struct {
	cfgPath, httpAddr, sandboxAddr, dir string
	sandbox, dryRun                     bool
}

// runRun is the daemon: the schedule of passes, the HTTP server (health,
// metrics, webhook, status pages) and, with --sandbox, the embedded DS
// sandbox it is pointed at.
func runRun(ctx context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "run", runSynopsis)
	var f runFlags
	fs.StringVar(&f.cfgPath, "config", "", "configuration file")
	fs.StringVar(&f.httpAddr, "http", "", "HTTP listen address (default: http.addr of the configuration, 127.0.0.1:8080)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "plan but write nothing to DS nor to the store")
	fs.BoolVar(&f.sandbox, "sandbox", false, "run against the embedded DS sandbox with its demo dossiers")
	fs.StringVar(&f.sandboxAddr, "sandbox-addr", "127.0.0.1:8099", "listen address of the embedded sandbox (with --sandbox)")
	fs.StringVar(&f.dir, "dir", "", "with --sandbox: keep the configuration and store in DIR (default: a temporary directory)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if err := daemon(ctx, env, f); err != nil {
		fmt.Fprintf(env.stderr, "spplus run: %v\n", err)
		var usage usageError
		if errors.As(err, &usage) {
			return exitUsage
		}
		return exitFailed
	}
	return exitOK
}

// usageError marks errors of the command line or configuration (exit 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

func daemon(ctx context.Context, env *cliEnv, f runFlags) error {
	cfg, cleanup, err := runConfig(ctx, env, f)
	if err != nil {
		return err
	}
	defer cleanup()
	if f.httpAddr != "" {
		cfg.HTTP.Addr = f.httpAddr
	}
	log, err := commandLogger(env, cfg)
	if err != nil {
		return usageError{err}
	}
	reg := prometheus.NewRegistry()
	metrics := web.NewMetrics(reg)
	e, err := newEngine(cfg, log, engineOptions{dryRun: f.dryRun, dsObserver: metrics, observer: metrics})
	if err != nil {
		return usageError{err}
	}
	defer e.Close()
	view := newStoreView(e.store, cfg.Numbers())
	reg.MustRegister(web.NewStateCollector(view, nil, 0),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return serve(ctx, cfg, log, e, reg, metrics, view)
}

// serve starts the HTTP server, the webhook queue and the schedule, waits
// for ctx to end, then stops them in reverse order.
func serve(ctx context.Context, cfg config.Config, log zerolog.Logger, e *engine, reg *prometheus.Registry, metrics *web.Metrics, view storeView) error {
	queue, err := web.NewQueue(web.QueueOptions{
		Trigger: func(ctx context.Context, d, n int) error {
			_, err := e.syncer.SyncDossier(ctx, d, n, store.TriggerWebhook)
			return err
		},
		Logger: log, Metrics: metrics,
	})
	if err != nil {
		return err
	}
	srv, err := web.New(web.Options{
		Addr:      cfg.HTTP.Addr,
		Readiness: web.PassReadiness{Source: view, Demarches: cfg.Numbers(), MaxAge: cfg.HTTP.ReadyMaxAge},
		Gatherer:  reg, Metrics: metrics, Logger: log,
		Webhook: web.WebhookOptions{Queue: queue, Secret: cfg.HTTP.WebhookSecret.Value(), Demarches: cfg.Numbers()},
	})
	if err != nil {
		return usageError{err}
	}
	if isLoopback(cfg.HTTP.Addr) {
		srv.Handle("GET /admin/backup", backupHandler(e.store, log))
	}
	pages, err := ui.New(ui.Options{
		Source: e.store, Users: cfg.Web.Users, DSBaseURL: cfg.DS.BaseURL, Addr: cfg.HTTP.Addr,
		Logger: log, Settings: rulesSettings(cfg.Rules),
		Secrets: []string{cfg.DS.Token.Value(), cfg.HTTP.WebhookSecret.Value()},
	})
	if err != nil {
		return usageError{err}
	}
	srv.Handle("/", pages)
	if err := srv.Start(ctx); err != nil {
		return err
	}
	log.Info().Str("addr", srv.Addr()).Ints("demarches", cfg.Numbers()).Msg("spplus running")
	if err := queue.Start(ctx); err != nil {
		return err
	}
	sched, err := connector.NewSchedule(e.syncer, log)
	if err != nil {
		return usageError{err}
	}
	if err := sched.Start(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	log.Info().Msg("stopping: finishing or abandoning the current step")
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	errs := []error{srv.Shutdown(stopCtx)}
	queue.Stop()
	errs = append(errs, sched.Stop(stopCtx))
	return errors.Join(errs...)
}

// runConfig is the daemon's configuration: the file, or with --sandbox an
// embedded sandbox and a configuration made for it as "spplus init" would.
func runConfig(ctx context.Context, env *cliEnv, f runFlags) (config.Config, func(), error) {
	if !f.sandbox {
		cfg, err := loadConfig(env, f.cfgPath)
		if err != nil {
			return cfg, func() {}, usageError{err}
		}
		return cfg, func() {}, nil
	}
	if f.cfgPath != "" {
		return config.Config{}, func() {}, usageError{errors.New("--sandbox makes its own configuration: drop --config")}
	}
	return sandboxRunConfig(ctx, env, f)
}

// sandboxRunConfig starts the embedded sandbox, which also posts DS webhooks
// to the daemon, and returns a configuration pointed at it.
func sandboxRunConfig(ctx context.Context, env *cliEnv, f runFlags) (config.Config, func(), error) {
	var cleanups []func()
	cleanup := func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	fail := func(err error) (config.Config, func(), error) { cleanup(); return config.Config{}, func() {}, err }
	sb, err := sandbox.New(sandbox.DemoData(), sandbox.Options{Token: sandbox.DefaultToken, Ticking: true})
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", f.sandboxAddr)
	if err != nil {
		return fail(usageError{fmt.Errorf("sandbox: listen on %s: %w", f.sandboxAddr, err)})
	}
	// The webhook sender picks up the state changes a request made once it
	// was served; it exists only after the configuration, which needs the
	// sandbox up, hence the pointer filled below.
	var webhooks atomic.Pointer[sandbox.WebhookSender]
	collect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sb.ServeHTTP(w, r)
		if ws := webhooks.Load(); ws != nil {
			ws.Collect()
		}
	})
	hs := &http.Server{Handler: collect, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln) //nolint:errcheck // ErrServerClosed at Close.
	cleanups = append(cleanups, func() { hs.Close() })
	dir := f.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "spplus-sandbox-"); err != nil {
			return fail(err)
		}
		cleanups = append(cleanups, func() { os.RemoveAll(dir) })
	}
	cfg, err := demoConfig(ctx, env, "http://"+ln.Addr().String(), dir)
	if err != nil {
		return fail(err)
	}
	if f.httpAddr != "" {
		cfg.HTTP.Addr = f.httpAddr
	}
	cfg.HTTP.WebhookSecret = config.Secret(randomSecret())
	hook := "http://" + cfg.HTTP.Addr + "/webhook/" + cfg.HTTP.WebhookSecret.Value()
	sender, err := sandbox.NewWebhookSender(sb, sandbox.WebhookSenderOptions{LegacyURL: hook, BatchURL: hook, Secret: cfg.HTTP.WebhookSecret.Value()})
	if err != nil {
		return fail(err)
	}
	if err := sender.Start(ctx); err != nil {
		return fail(err)
	}
	webhooks.Store(sender)
	cleanups = append(cleanups, sender.Stop)
	fmt.Fprintf(env.stderr, "spplus run: sandbox DS API on http://%s/api/v2/graphql (token %s), state in %s\n",
		ln.Addr(), sandbox.DefaultToken, dir)
	return cfg, cleanup, nil
}

func randomSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return "whsec_" + hex.EncodeToString(b)
}

// isLoopback reports whether a listen address only accepts local clients.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
