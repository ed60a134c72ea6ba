package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
)

//go:embed templates
var templateFiles embed.FS

// pageNames are the pages; each is templates/<name>.html with the layout.
var pageNames = []string{"home", "overview", "dossier", "deadlines", "trends", "error"}

// pages holds one parsed template set per page.
type pages struct {
	sets map[string]*template.Template
}

func parsePages() (*pages, error) {
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(templateFuncs).
			ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("ui: parse template %s: %w", name, err)
		}
		p.sets[name] = t
	}
	return p, nil
}

// templateFuncs are the helpers the templates call; all are pure.
var templateFuncs = template.FuncMap{
	"frenchDate":   frenchDate,
	"score":        score,
	"percent":      percent,
	"intOrDash":    intOrDash,
	"stateLabel":   stateLabel,
	"levelLabel":   levelLabel,
	"severity":     severityLabel,
	"journalKind":  journalKindLabel,
	"inDays":       inDays,
	"deadline":     deadlineLabel,
	"ouiNon":       ouiNon,
	"itoa":         itoa,
	"levelPtr":     levelOfPtr,
	"plural":       plural,
	"plus":         func(a, b int) int { return a + b },
	"minus":        func(a, b int) int { return a - b },
	"half":         func(a int) int { return a / 2 },
	"hasInt":       func(list []int, n int) bool { return slices.Contains(list, n) },
	"list":         func(s ...*surveyView) []*surveyView { return s },
	"engagement":   func(k string) string { return orDefault(engagementNames, k) },
	"invalidCause": func(k string) string { return orDefault(invalidReasons, k) },
}

// page is what the layout shows around a page's content.
type page struct {
	Title    string
	Viewer   viewer
	Demarche int
	// Nav is the current section: tableau, echeances or tendances.
	Nav     string
	Crumbs  []crumb
	Notices []string
	Data    any
}

// crumb is one step of the breadcrumb; the last one has no URL.
type crumb struct{ Label, URL string }

// render writes a page; the template is executed into a buffer first, so
// that a template error becomes a clean 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, status int, name string, p page) {
	var buf bytes.Buffer
	if err := h.pages.sets[name].ExecuteTemplate(&buf, "layout.html", p); err != nil {
		h.log.Error().Err(err).Str("page", name).Msg("render status page")
		http.Error(w, "Erreur interne du serveur.", http.StatusInternalServerError)
		return
	}
	private(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // the client may have gone: nothing to do
}

// errorTitles name the errors the pages answer with.
var errorTitles = map[int]string{
	http.StatusBadRequest:          "Requête invalide",
	http.StatusUnauthorized:        "Authentification requise",
	http.StatusNotFound:            "Page introuvable",
	http.StatusTooManyRequests:     "Trop de tentatives",
	http.StatusInternalServerError: "Erreur du serveur",
}

func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, status int) {
	title := errorTitles[status]
	if title == "" {
		title = http.StatusText(status)
	}
	h.render(w, status, "error", page{
		Title: title, Viewer: viewerOf(r.Context()),
		Data: struct{ Status int }{status},
	})
}

func ouiNon(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

// levelOfPtr shows an optional level.
func levelOfPtr(l *string) string {
	if l == nil {
		return levelLabel("")
	}
	return levelLabel(*l)
}

// plural writes "1 dossier", "3 dossiers", "0 dossier" (French: 0 and 1
// take the singular).
func plural(n int, one, many string) string {
	if n > 1 {
		return strconv.Itoa(n) + " " + many
	}
	return strconv.Itoa(n) + " " + one
}
