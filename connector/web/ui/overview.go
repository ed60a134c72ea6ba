package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// pageSize is the number of dossiers per page of the overview's table.
const pageSize = 100

// journalWindow is how many of the newest journal entries of a démarche
// the overview reads, for the "last action" column and the run history of
// a body; older entries show as no action.
const journalWindow = 5000

// overviewData is the overview page of one démarche.
type overviewData struct {
	Demarche     int
	Filter       filter
	Total        int // visible dossiers still on DS
	Deleted      int
	Matching     int
	StateCounts  []countItem
	StatusCounts []countItem
	Statuses     []string
	Groupes      []choice
	Columns      []column
	Rows         []tableRow
	Pager        pager
	Passes       passHistory
	Quarantined  []tableRow
	Exports      exportLinks
	StateChoices []choice
	LevelChoices []choice
	// ShowGroupe is false for a body that sees one groupe only.
	ShowGroupe bool
}

// countItem is one count of the summary, with the link filtering on it.
type countItem struct {
	Label string
	Count int
	URL   string
}

func (h *Handler) serveOverview(w http.ResponseWriter, r *http.Request) {
	d, err := h.demarche(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := viewerOf(r.Context())
	f, problems := parseFilter(r.URL.Query())
	data, err := h.overview(d, v, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, http.StatusOK, "overview", page{
		Title: "Démarche " + itoa(d) + " : tableau de bord", Viewer: v, Demarche: d, Nav: "tableau",
		Crumbs:  []crumb{{"Accueil", "/"}, {"Démarche " + itoa(d), ""}},
		Notices: problems, Data: data,
	})
}

func (h *Handler) overview(d int, v viewer, f filter) (overviewData, error) {
	sc, err := h.visible(d, v)
	if err != nil {
		return overviewData{}, err
	}
	journal, err := h.opts.Source.Journal(d, 0, journalWindow)
	if err != nil {
		return overviewData{}, err
	}
	today := h.clock.today(h.opts.Now())
	all := buildRows(d, sc.Live, today, lastEntries(journal))
	base := "/demarches/" + itoa(d)
	data := overviewData{
		Demarche: d, Filter: f, Total: len(all), Deleted: sc.Deleted,
		StateCounts: stateCounts(all, base), StatusCounts: statusCounts(all, base),
		Statuses: statuses(all), Groupes: groupes(all), Exports: h.exportLinks(d, f),
		StateChoices: dsStates, LevelChoices: levelChoices,
	}
	matching := filterRows(all, f)
	sortRows(matching, f.Sort, f.Desc)
	data.Matching = len(matching)
	data.Pager = newPager(base, f, len(matching))
	data.ShowGroupe = v.IsDITP() || len(v.Groupes) > 1
	data.Columns = columns(base, f, data.ShowGroupe)
	data.Rows = h.tableRows(d, matching[data.Pager.from():data.Pager.to()])
	data.Quarantined = h.tableRows(d, quarantined(all))
	passes, err := h.opts.Source.Passes(d, 10)
	if err != nil {
		return overviewData{}, err
	}
	data.Passes = h.passHistory(passes, v, journal, sc.visibleNumbers())
	return data, nil
}

func filterRows(rows []dossierRow, f filter) []dossierRow {
	var out []dossierRow
	for _, r := range rows {
		if f.match(r) {
			out = append(out, r)
		}
	}
	return out
}

func quarantined(rows []dossierRow) []dossierRow {
	var out []dossierRow
	for _, r := range rows {
		if r.Quarantined {
			out = append(out, r)
		}
	}
	return out
}

// stateCounts counts the dossiers by DS state, in the order of a
// dossier's life, each linking to the filtered table.
func stateCounts(rows []dossierRow, base string) []countItem {
	n := map[string]int{}
	for _, r := range rows {
		n[r.DSState]++
	}
	var out []countItem
	for _, s := range dsStates {
		out = append(out, countItem{Label: s.Label, Count: n[s.Value], URL: base + "?etat=" + s.Value})
	}
	return out
}

// statusCounts counts the dossiers by spplus status, most frequent first.
func statusCounts(rows []dossierRow, base string) []countItem {
	n := map[string]int{}
	for _, r := range rows {
		n[r.Status]++
	}
	var out []countItem
	for _, s := range statuses(rows) {
		out = append(out, countItem{Label: s, Count: n[s], URL: base + "?" + url.Values{"statut": {s}}.Encode()})
	}
	if n[""] > 0 {
		out = append(out, countItem{Label: "(pas encore évalué)", Count: n[""]})
	}
	slices.SortStableFunc(out, func(a, b countItem) int { return b.Count - a.Count })
	return out
}

// statuses are the distinct non-empty statuses, sorted.
func statuses(rows []dossierRow) []string {
	var out []string
	for _, r := range rows {
		if r.Status != "" && !slices.Contains(out, r.Status) {
			out = append(out, r.Status)
		}
	}
	slices.Sort(out)
	return out
}

// groupes are the groupes instructeurs of the rows, by number.
func groupes(rows []dossierRow) []choice {
	seen := map[int]string{}
	for _, r := range rows {
		if r.GroupeNumber > 0 {
			seen[r.GroupeNumber] = r.GroupeInstructeur
		}
	}
	var out []choice
	for n, label := range seen {
		if label == "" {
			label = "Groupe " + strconv.Itoa(n)
		}
		out = append(out, choice{Value: strconv.Itoa(n), Label: label})
	}
	slices.SortFunc(out, func(a, b choice) int {
		x, _ := strconv.Atoi(a.Value)
		y, _ := strconv.Atoi(b.Value)
		return x - y
	})
	return out
}

// tableRow is a dossier row as the table shows it.
type tableRow struct {
	dossierRow
	URL        string
	Level      string
	NextLabel  string
	NextDate   string
	NextWhen   string
	ActionText string
	ActionAt   string
	Evaluated  string
	LastError  string
}

func (h *Handler) tableRows(d int, rows []dossierRow) []tableRow {
	out := make([]tableRow, 0, len(rows))
	for _, r := range rows {
		t := tableRow{
			dossierRow: r, URL: dossierURL(d, r.Number), Level: levelOfPtr(r.Row.Level),
			Evaluated: h.clock.dateTime(r.evaluatedAt()), LastError: h.red.clean(r.Row.LastError),
		}
		if r.NextDeadline != nil {
			t.NextLabel, t.NextDate, t.NextWhen = deadlineLabel(r.NextDeadline.Name), frenchDate(r.NextDeadline.Date), inDays(r.NextIn)
		}
		if r.LastAction != nil {
			t.ActionText = journalKindLabel(r.LastAction.Kind)
			t.ActionAt = h.clock.dateTime(r.LastAction.At)
		}
		out = append(out, t)
	}
	return out
}

func dossierURL(d, n int) string { return "/demarches/" + itoa(d) + "/dossiers/" + itoa(n) }
