package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spplus/spplus/graphql/sandbox"
	"github.com/spplus/spplus/graphql/sandbox/gen"
)

const sandboxSynopsis = "[--addr 127.0.0.1:8099] [--data FILE.json | --generate N [--seed S]] [--token T]"

func runSandbox(ctx context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "sandbox", sandboxSynopsis)
	addr := fs.String("addr", "127.0.0.1:8099", "address to listen on")
	dataFile := fs.String("data", "", "data file (JSON, DS-shaped); default: the embedded demo data")
	generate := fs.Int("generate", 0, "generate N candidacy dossiers instead of loading data")
	seed := fs.Int64("seed", 1, "seed of --generate (same seed, same data)")
	token := fs.String("token", "sandbox-token", "API token the sandbox accepts")
	today := fs.String("now", "", "reference date of --generate, YYYY-MM-DD (default: today)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	ref, err := referenceDate(*today, time.Now)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sandbox: --now: %v\n", err)
		return exitUsage
	}
	data, err := sandboxData(*dataFile, *generate, *seed, ref)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sandbox: %v\n", err)
		return exitUsage
	}
	srv, err := sandbox.New(data, sandbox.Options{Token: *token, Ticking: true})
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sandbox: %v\n", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus sandbox: listen: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(env.stderr, "spplus sandbox: serving DS API on http://%s/api/v2/graphql (token %q)\n", ln.Addr(), *token)
	if err := serveUntilDone(ctx, &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}, ln); err != nil {
		fmt.Fprintf(env.stderr, "spplus sandbox: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// sandboxData picks the sandbox's data: a file, generated dossiers, or the
// embedded demo data.
func sandboxData(file string, generate int, seed int64, now time.Time) ([]byte, error) {
	switch {
	case file != "" && generate > 0:
		return nil, errors.New("--data and --generate are exclusive")
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("read data file: %w", err)
		}
		return b, nil
	case generate > 0:
		return gen.Generate(gen.Options{N: generate, Seed: seed, Now: now})
	default:
		return sandbox.DemoData(), nil
	}
}

// serveUntilDone serves on ln until ctx ends, then shuts the server down
// with a bounded grace period.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// referenceDate parses a YYYY-MM-DD date as 10:00 in Paris, or returns the
// current time when s is empty.
func referenceDate(s string, now func() time.Time) (time.Time, error) {
	if s == "" {
		return now(), nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, parisLocation())
	if err != nil {
		return time.Time{}, fmt.Errorf("expected a date YYYY-MM-DD, got %q", s)
	}
	return d.Add(10 * time.Hour), nil
}
