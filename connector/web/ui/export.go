package ui

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/spplus/spplus/connector/report"
)

// exportLinks are the overview's export URLs, with its filters.
type exportLinks struct {
	CSV, JSON, ICS string
}

func (h *Handler) exportLinks(d int, f filter) exportLinks {
	base := "/demarches/" + itoa(d)
	q := query(f.withSort(f.values()).Encode())
	return exportLinks{CSV: base + "/export.csv" + q, JSON: base + "/export.json" + q, ICS: base + "/echeances.ics" + query(f.values().Encode())}
}

// exportRows are the rows an export holds: the overview's table with the
// same filters and order, all pages, never another body's dossier.
func (h *Handler) exportRows(r *http.Request) (int, []report.Row, error) {
	d, err := h.demarche(r)
	if err != nil {
		return 0, nil, err
	}
	f, problems := parseFilter(withoutToken(r))
	if len(problems) > 0 {
		return 0, nil, badRequest(strings.Join(problems, "; "))
	}
	sc, err := h.visible(d, viewerOf(r.Context()))
	if err != nil {
		return 0, nil, err
	}
	today := h.clock.today(h.opts.Now())
	rows := filterRows(buildRows(d, sc.Live, today, nil), f)
	sortRows(rows, f.Sort, f.Desc)
	out := rowsOf(rows)
	for i := range out {
		out[i].LastError = h.red.clean(out[i].LastError)
	}
	return d, out, nil
}

// withoutToken is the query without the feed's token.
func withoutToken(r *http.Request) url.Values {
	q := r.URL.Query()
	q.Del("token")
	return q
}

func (h *Handler) serveCSV(w http.ResponseWriter, r *http.Request) {
	h.export(w, r, "csv", "text/csv; charset=utf-8", func(out io.Writer, rows []report.Row) error {
		return report.WriteCSV(out, rows, h.opts.Location)
	})
}

func (h *Handler) serveJSON(w http.ResponseWriter, r *http.Request) {
	h.export(w, r, "json", "application/json; charset=utf-8", report.WriteJSON)
}

func (h *Handler) serveICS(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	h.export(w, r, "ics", "text/calendar; charset=utf-8", func(out io.Writer, rows []report.Row) error {
		feed := report.ICS{Name: "Services Publics+ : échéances (" + v.Name + ")", URL: h.dsLink}
		return feed.Write(out, rows, h.opts.Now())
	})
}

// dsLink is the dossier's page on DS, or "" without a DS base URL.
func (h *Handler) dsLink(r report.Row) string {
	if h.opts.DSBaseURL == "" {
		return ""
	}
	return fmt.Sprintf("%s/procedures/%d/dossiers/%d", h.opts.DSBaseURL, r.Demarche, r.Number)
}

// export writes an export to a buffer first, so that a failure is a clean
// error status rather than a truncated file.
func (h *Handler) export(w http.ResponseWriter, r *http.Request, ext, contentType string, write func(io.Writer, []report.Row) error) {
	d, rows, err := h.exportRows(r)
	if err != nil {
		h.exportFailed(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := write(&buf, rows); err != nil {
		h.exportFailed(w, r, err)
		return
	}
	private(w)
	w.Header().Set("Content-Type", contentType)
	name := fmt.Sprintf("spplus-demarche-%d-%s.%s", d, h.clock.today(h.opts.Now()), ext)
	disposition := "attachment"
	if ext == "ics" {
		disposition = "inline" // calendar applications read it in place
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disposition, name))
	_, _ = w.Write(buf.Bytes()) // the client may have gone: nothing to do
}

// errBadRequest carries a French message for a 400 answer.
type errBadRequest struct{ msg string }

func (e errBadRequest) Error() string { return e.msg }

func badRequest(msg string) error { return errBadRequest{msg} }

func (h *Handler) exportFailed(w http.ResponseWriter, r *http.Request, err error) {
	if bad, ok := err.(errBadRequest); ok {
		private(w)
		http.Error(w, "Requête invalide : "+bad.msg, http.StatusBadRequest)
		return
	}
	h.fail(w, r, err)
}
