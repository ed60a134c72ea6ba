package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spplus/spplus/config"
)

const healthcheckSynopsis = "[--url http://127.0.0.1:8080/readyz | --config FILE] [--timeout 5s] [--json]"

// maxHealthBody caps what healthcheck reads of the answer.
const maxHealthBody = 64 << 10

// healthResult is what healthcheck found, printed with --json.
type healthResult struct {
	URL     string   `json:"url"`
	Status  int      `json:"status"`
	Ready   bool     `json:"ready"`
	Reasons []string `json:"reasons"`
	Error   string   `json:"error,omitempty"`
}

// runHealthcheck asks a running daemon's /readyz, for images with no shell
// or curl (Docker HEALTHCHECK, Kubernetes exec probes). It exits 0 when the
// daemon answers 200, 1 when it answers anything else or cannot be reached,
// 2 on a usage error. Without --url it checks /readyz on http.addr, read
// from --config or from SPPLUS_HTTP_ADDR (default 127.0.0.1:8080).
func runHealthcheck(ctx context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "healthcheck", healthcheckSynopsis)
	rawURL := fs.String("url", "", "URL to check (default: /readyz on the configured http.addr)")
	configPath := fs.String("config", "", "config file whose http.addr to check")
	timeout := fs.Duration("timeout", 5*time.Second, "give up after this long")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || *timeout <= 0 {
		fs.Usage()
		return exitUsage
	}
	target, err := healthcheckURL(*rawURL, *configPath, env.getenv)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus healthcheck: %v\n", err)
		return exitUsage
	}
	res := probeReady(ctx, target, *timeout)
	if *asJSON {
		if code := printJSON(env, res); code != exitOK {
			return code
		}
	} else {
		printHealth(env, res)
	}
	if !res.Ready {
		return exitFailed
	}
	return exitOK
}

// healthcheckURL returns the URL to check: --url as given, or /readyz on
// the http.addr of the config file (or of the defaults) with the
// environment applied, as the daemon would see it.
func healthcheckURL(rawURL, configPath string, getenv func(string) string) (string, error) {
	if rawURL != "" {
		if configPath != "" {
			return "", errors.New("--url and --config are exclusive")
		}
		u, err := url.Parse(rawURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "", fmt.Errorf("--url: expected an http(s) URL such as http://127.0.0.1:8080/readyz, got %q", rawURL)
		}
		return rawURL, nil
	}
	c := config.Default()
	if configPath != "" {
		var err error
		if c, err = config.LoadFile(configPath); err != nil {
			return "", err
		}
	}
	// Variables that do not parse are left unapplied and reported by the
	// daemon itself; only http.addr matters here.
	_ = c.ApplyEnv(getenv)
	return readyzURL(c.HTTP.Addr)
}

// readyzURL turns a listen address into the URL of its /readyz: a
// wildcard host (":8080", "0.0.0.0:8080", "[::]:8080") is reached on
// loopback.
func readyzURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("http.addr: expected host:port, got %q", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}

// probeReady GETs target once; redirects are not followed, since a
// readiness answer never redirects.
func probeReady(ctx context.Context, target string, timeout time.Duration) healthResult {
	res := healthResult{URL: target, Reasons: []string{}}
	client := &http.Client{
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	resp, err := client.Do(req)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxHealthBody))
	if err != nil {
		res.Error = fmt.Sprintf("read answer: %v", err)
	}
	res.Status, res.Ready = resp.StatusCode, resp.StatusCode == http.StatusOK && err == nil
	res.Reasons = answerReasons(body)
	return res
}

// answerReasons extracts the reasons of a /readyz answer, or keeps the
// start of a body that is not one (another server on the port).
func answerReasons(body []byte) []string {
	var r struct {
		Reasons []string `json:"reasons"`
	}
	if err := json.Unmarshal(body, &r); err == nil {
		if r.Reasons == nil {
			return []string{}
		}
		return r.Reasons
	}
	text := strings.TrimSpace(string(body))
	if text == "" {
		return []string{}
	}
	if len(text) > 200 {
		text = text[:200] + "…"
	}
	return []string{text}
}

func printHealth(env *cliEnv, res healthResult) {
	switch {
	case res.Error != "" && res.Status == 0:
		fmt.Fprintf(env.stderr, "spplus healthcheck: %s: unreachable: %s\n", res.URL, res.Error)
	case res.Ready:
		fmt.Fprintf(env.stdout, "ready: %s\n", res.URL)
	default:
		fmt.Fprintf(env.stderr, "spplus healthcheck: %s: not ready (HTTP %d)\n", res.URL, res.Status)
		for _, r := range res.Reasons {
			fmt.Fprintf(env.stderr, "  - %s\n", r)
		}
	}
}
