package ui

import (
	"net/http"
	"time"

	"github.com/spplus/spplus/connector/report"
)

// The deadlines page lists the deadlines of the viewer's dossiers from a
// few days back to N days ahead, month by month.
const (
	defaultHorizon = 180
	maxHorizon     = 1100 // a label lasts three years
	lookBackDays   = 30   // recent past deadlines stay visible a month
)

// horizons are the choices of the page's form.
var horizons = []int{30, 90, 180, 365, maxHorizon}

// deadlinesData is the deadlines page.
type deadlinesData struct {
	Demarche int
	Horizon  int
	Horizons []int
	Kind     string
	Kinds    []choice
	Months   []monthGroup
	Count    int
	Feed     string
}

// monthGroup is one month of the list.
type monthGroup struct {
	Label string
	Items []deadlineItem
}

func (h *Handler) serveDeadlines(w http.ResponseWriter, r *http.Request) {
	d, err := h.demarche(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := viewerOf(r.Context())
	q := r.URL.Query()
	var problems []string
	bad := func(name, val string) {
		problems = append(problems, "valeur ignorée pour « "+name+" » : "+clip(val))
	}
	data := deadlinesData{
		Demarche: d, Horizons: horizons, Kinds: kindChoices(),
		Horizon: intParam(q, "horizon", 1, maxHorizon, defaultHorizon, bad),
		Feed:    "/demarches/" + itoa(d) + "/echeances.ics",
	}
	if k := q.Get("type"); k != "" && hasChoice(data.Kinds, k) {
		data.Kind = k
	} else if k != "" {
		bad("type", k)
	}
	sc, err := h.visible(d, v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := h.upcoming(sc, d, data.Horizon, data.Kind)
	data.Count, data.Months = len(items), byMonth(items)
	h.render(w, http.StatusOK, "deadlines", page{
		Title: "Démarche " + itoa(d) + " : échéances", Viewer: v, Demarche: d, Nav: "echeances",
		Crumbs:  []crumb{{"Accueil", "/"}, {"Démarche " + itoa(d), "/demarches/" + itoa(d)}, {"Échéances", ""}},
		Notices: problems, Data: data,
	})
}

// upcoming lists the deadlines from lookBackDays ago to horizon days ahead.
func (h *Handler) upcoming(sc scoped, d, horizon int, kind string) []deadlineItem {
	now := h.opts.Now().In(h.opts.Location)
	today := now.Format(time.DateOnly)
	from := now.AddDate(0, 0, -lookBackDays).Format(time.DateOnly)
	to := now.AddDate(0, 0, horizon).Format(time.DateOnly)
	var out []deadlineItem
	for _, snap := range sc.Live {
		for name, iso := range snap.Deadlines {
			if iso < from || iso > to || (kind != "" && name != kind) {
				continue
			}
			out = append(out, newDeadlineItem(name, iso, today, snap, d))
		}
	}
	sortDeadlines(out)
	return out
}

// frenchMonths name the months for the list's headings.
var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// byMonth groups sorted items by month of their date.
func byMonth(items []deadlineItem) []monthGroup {
	var out []monthGroup
	for _, it := range items {
		label := monthLabel(it.ISO)
		if len(out) == 0 || out[len(out)-1].Label != label {
			out = append(out, monthGroup{Label: label})
		}
		out[len(out)-1].Items = append(out[len(out)-1].Items, it)
	}
	return out
}

func monthLabel(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return frenchMonths[t.Month()-1] + " " + itoa(t.Year())
}

// kindChoices are the deadline names of RULES.md, for the type filter.
func kindChoices() []choice {
	names := []string{"deposit_due", "audit_plan_due", "report_due", "remarks_due", "label_expires",
		"renewal_invite", "followup_target", "followup_window_start", "followup_window_end",
		"followup_prepare", "reapply_from", "survey_rerun_from", "suspension_max_end", "stop_mark_use"}
	out := make([]choice, len(names))
	for i, n := range names {
		out[i] = choice{Value: n, Label: report.DeadlineLabel(n)}
	}
	return out
}
