package ui

import (
	"context"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spplus/spplus/internal/browsertest"
)

// serveLoopback serves h on 127.0.0.1 with an ephemeral port. The listen
// address is given to the handler so that loopback-open mode applies.
func serveLoopback(t *testing.T) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	srv.Listener = ln
	srv.Config.Handler = newFixtureHandler(t, newFixtureStore(t), nil, ln.Addr().String())
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowser drives a real headless Chromium through the pages: the
// overview loads with its DSFR styles, a filter narrows the table, a
// dossier page opens from it, and a screenshot of each is saved.
func TestBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	srv := serveLoopback(t)
	ctx := browsertest.New(t, chromium, 90*time.Second)
	dir := browsertest.ArtifactsDir(t)

	overview := func() (page browserPage, err error) {
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#table-dossiers table"))); err != nil {
			return page, err
		}
		return readPage(ctx)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/demarches/1")); err != nil {
		t.Fatalf("open the overview: %v", err)
	}
	p, err := overview()
	if err != nil {
		t.Fatalf("overview: %v", err)
	}
	shoot(t, ctx, dir, "overview.png")
	if !strings.Contains(p.heading, "tableau de bord") || p.rows != 5 {
		t.Errorf("overview: heading %q, %d rows; want the tableau de bord with 5 dossiers (the deleted one left out)", p.heading, p.rows)
	}
	if !strings.Contains(p.font, "Marianne") {
		t.Errorf("body font = %q: the DSFR stylesheet did not load", p.font)
	}

	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#f-etat"), "en_instruction"),
		chromedp.Click(chromedp.CSS(`form button[type="submit"]`)),
		chromedp.WaitReady(chromedp.CSS(`#f-etat option[value="en_instruction"][selected]`)),
	)
	if err != nil {
		t.Fatalf("filter: %v", err)
	}
	if p, err = overview(); err != nil {
		t.Fatalf("filtered overview: %v", err)
	}
	if p.rows != 1 || !strings.Contains(p.url, "etat=en_instruction") {
		t.Errorf("after filtering en_instruction: %d rows at %s, want 1 row and the filter in the URL", p.rows, p.url)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#table-dossiers tbody th a`)),
		chromedp.WaitVisible(chromedp.CSS("#constats")),
	)
	if err != nil {
		t.Fatalf("open the dossier page: %v", err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	service, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.fr-text--lead")))
	if err != nil {
		t.Fatal(err)
	}
	shoot(t, ctx, dir, "dossier.png")
	if title != "Dossier n°102" || service != hostileName {
		t.Errorf("dossier page: h1 %q, service %q; want Dossier n°102 and the hostile name shown as text", title, service)
	}
	for _, pg := range []struct{ path, file string }{{"/demarches/1/echeances", "echeances.png"}, {"/demarches/1/tendances", "tendances.png"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+pg.path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatalf("%s: %v", pg.path, err)
		}
		shoot(t, ctx, dir, pg.file)
	}
	t.Logf("screenshots in %s", dir)
}

// browserPage is what the test reads of a page in the browser.
type browserPage struct {
	heading, font, url string
	rows               int
}

func readPage(ctx context.Context) (browserPage, error) {
	var p browserPage
	var err error
	if p.heading, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1"))); err != nil {
		return p, err
	}
	if p.rows, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#table-dossiers tbody tr").length`)); err != nil {
		return p, err
	}
	if p.font, err = chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).fontFamily`)); err != nil {
		return p, err
	}
	p.url, err = chromedp.Run(ctx, chromedp.Location())
	return p, err
}

// shoot saves a full-page screenshot.
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	// Fonts and icons load after the page: wait for them, so that the
	// screenshot shows what a person sees.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("wait for fonts: %v", err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	save(t, dir, name, png)
}

func save(t *testing.T, dir, name string, png []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
