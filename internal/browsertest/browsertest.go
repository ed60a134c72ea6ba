// Package browsertest starts the headless Chromium that the browser tests
// drive (the status pages' handler test and the end-to-end test of
// "spplus run --sandbox"), so that both use the same browser, flags and
// artifact folder. It is imported by tests only.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// paths are where a headless browser may be installed; $SPPLUS_CHROMIUM
// comes first, then chromium on PATH.
var paths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}

// Chromium returns the browser to drive, or skips t with a message saying
// how to install one.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("SPPLUS_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("no Chromium installed (looked for $SPPLUS_CHROMIUM, " + strings.Join(paths, ", ") +
		" and chromium on PATH): apt-get install chromium")
	return ""
}

// New starts a headless Chromium at path with its own empty profile and no
// background traffic (this machine's network is closed), and returns a
// browser context bounded by limit; everything stops at the end of t.
func New(t testing.TB, path string, limit time.Duration) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1600),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// ArtifactsDir is where screenshots go: $SPPLUS_ARTIFACTS, which CI keeps,
// or else a temporary directory.
func ArtifactsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("SPPLUS_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
