package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/spplus/spplus/internal/browsertest"
)

// e2eBrowserLimit bounds the whole browser session.
const e2eBrowserLimit = 2 * time.Minute

// TestRunSandboxInBrowser drives a real headless Chromium through the pages
// of "spplus run --sandbox" once its first pass is done: home, the
// démarche's overview, a filter, a dossier page; screenshots of each are
// saved as CI artifacts.
func TestRunSandboxInBrowser(t *testing.T) {
	bin := spplusBinary(t)
	chromium := browsertest.Chromium(t)
	r := startRunSandbox(t, bin)
	ctx := browsertest.New(t, chromium, e2eBrowserLimit)
	dir := browsertest.ArtifactsDir(t)

	openOverview(t, ctx, r.web)
	shot(t, ctx, dir, "e2e-overview.png")
	filterByState(t, ctx, "en_instruction", "En instruction")
	shot(t, ctx, dir, "e2e-overview-en-instruction.png")
	openFirstDossier(t, ctx)
	shot(t, ctx, dir, "e2e-dossier.png")
	t.Logf("screenshots in %s", dir)
}

// browse runs actions, failing the test with what was being done.
func browse(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %s: %v", what, err)
	}
}

// evaluate runs a JavaScript expression in the page.
func evaluate[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("browser: evaluate %s: %v", js, err)
	}
	return v
}

// openOverview opens the home page and follows its link to démarche 1.
func openOverview(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	browse(t, ctx, "open the home page",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/demarches/1"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/demarches/1"]`)),
		chromedp.WaitVisible(chromedp.CSS("#table-dossiers table")),
	)
	if rows := dossierRows(t, ctx); len(rows) == 0 {
		t.Fatal("overview: the dossiers table has no row after the first pass")
	}
}

// dossierRow is one row of the overview's table, as a person reads it.
type dossierRow struct {
	Number string `json:"number"`
	State  string `json:"state"`
}

// dossierRows reads the table's rows; the state column is found by its
// header, "État DS", not by position (a column may come and go).
func dossierRows(t *testing.T, ctx context.Context) []dossierRow {
	t.Helper()
	return evaluate[[]dossierRow](t, ctx, `(() => {
		const heads = [...document.querySelectorAll("#table-dossiers thead th")].map(th => th.textContent.trim());
		const col = heads.findIndex(h => h.startsWith("État DS"));
		return [...document.querySelectorAll("#table-dossiers tbody tr")]
			.filter(tr => tr.querySelector("th a"))
			.map(tr => ({number: tr.querySelector("th").textContent.trim(),
			             state: col < 0 ? "" : tr.children[col].textContent.trim()}));
	})()`)
}

// filterByState applies the état filter through the form and checks that
// every row left shows that state.
func filterByState(t *testing.T, ctx context.Context, value, label string) {
	t.Helper()
	browse(t, ctx, "filter by état "+value,
		chromedp.SetValue(chromedp.CSS("#f-etat"), value),
		chromedp.Click(chromedp.CSS(`form button[type="submit"]`)),
		chromedp.WaitReady(chromedp.CSS(`#f-etat option[value="`+value+`"][selected]`)),
		chromedp.WaitVisible(chromedp.CSS("#table-dossiers table")),
	)
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(url, "etat="+value) {
		t.Errorf("after filtering: at %s (%v), want etat=%s in the URL", url, err, value)
	}
	rows := dossierRows(t, ctx)
	if len(rows) == 0 {
		t.Fatalf("filter etat=%s: no row; the demo data has dossiers in that state", value)
	}
	for _, r := range rows {
		if r.State != label {
			t.Errorf("filter etat=%s: dossier %s shows %q, want %q", value, r.Number, r.State, label)
		}
	}
}

// openFirstDossier opens the first dossier of the table and checks its page:
// the heading names the dossier, and a findings or level table is there.
func openFirstDossier(t *testing.T, ctx context.Context) {
	t.Helper()
	number := dossierRows(t, ctx)[0].Number
	browse(t, ctx, "open dossier "+number,
		chromedp.Click(chromedp.CSS(`#table-dossiers tbody th a`)),
		chromedp.WaitVisible(chromedp.CSS("#constats")),
	)
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatalf("dossier page: %v", err)
	}
	if want := "Dossier n°" + number; title != want {
		t.Errorf("dossier page: h1 %q, want %q", title, want)
	}
	captions := evaluate[[]string](t, ctx, `[...document.querySelectorAll("main table caption")].map(c => c.textContent.trim())`)
	found := false
	for _, c := range captions {
		found = found || strings.HasPrefix(c, "Constats") || strings.HasPrefix(c, "Seuils des paliers")
	}
	if !found {
		t.Errorf("dossier %s: no findings nor level table; table captions: %q", number, captions)
	}
}

// shot saves a full-page screenshot once the page's fonts have loaded, so
// that it shows what a person sees.
func shot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("wait for fonts: %v", err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
