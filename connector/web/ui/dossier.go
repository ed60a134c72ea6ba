package ui

import (
	"net/http"
	"slices"

	"github.com/spplus/spplus/connector/report"
	"github.com/spplus/spplus/connector/store"
)

// journalLimit is how many journal entries the dossier page shows.
const journalLimit = 100

// dossierData is the page of one dossier.
type dossierData struct {
	Row          tableRow
	Snap         store.Snapshot
	Departement  string
	DSURL        string
	FailedAt     string
	DeletedAt    string
	Verdict      verdictView
	VerdictErr   bool
	Candidacy    []candidacyRow
	CandidacyErr bool
	Engagements  []engagementRow
	Level        levelExplanation
	Deadlines    []deadlineItem
	Journal      []journalRow
}

// engagementRow puts side by side the notes of one engagement in the
// users' survey and in the audit.
type engagementRow struct {
	Number, Name string
	Users, Audit string
}

// deadlineItem is one deadline of one dossier.
type deadlineItem struct {
	Name, Label, ISO, Date, When string
	Past                         bool
	Dossier                      int
	Service, Groupe, URL         string
}

// journalRow is one journal entry as shown.
type journalRow struct {
	At, AtISO, Kind, Rule, Action, Message string
}

func (h *Handler) serveDossier(w http.ResponseWriter, r *http.Request) {
	d, err := h.demarche(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	n, err := pathNumber(r, "n")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := viewerOf(r.Context())
	snap, err := h.dossier(d, n, v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data, err := h.dossierPage(d, snap)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := "Dossier n°" + itoa(n)
	h.render(w, http.StatusOK, "dossier", page{
		Title: title, Viewer: v, Demarche: d, Nav: "tableau", Data: data,
		Crumbs: []crumb{{"Accueil", "/"}, {"Démarche " + itoa(d), "/demarches/" + itoa(d)}, {title, ""}},
	})
}

func (h *Handler) dossierPage(d int, snap store.Snapshot) (dossierData, error) {
	today := h.clock.today(h.opts.Now())
	journal, err := h.opts.Source.Journal(d, snap.Number, journalLimit)
	if err != nil {
		return dossierData{}, err
	}
	rows := h.tableRows(d, buildRows(d, []store.Snapshot{snap}, today, lastEntries(journal)))
	data := dossierData{
		Row: rows[0], Snap: snap, Departement: snap.Departement,
		DSURL: h.dsLink(rows[0].dossierRow.Row), FailedAt: h.clock.dateTime(snap.FailedAt),
		DeletedAt: h.clock.dateTime(snap.DeletedAt),
		Deadlines: deadlineItems(snap.Deadlines, today, snap, d),
		Journal:   h.journalRows(journal),
	}
	var verr, cerr error
	data.Verdict, verr = decodeVerdict(snap.Verdict)
	data.Candidacy, cerr = flattenCandidacy(snap.Candidacy)
	// A record the page cannot read is shown as such; the rest still helps.
	data.VerdictErr, data.CandidacyErr = verr != nil, cerr != nil
	if verr != nil || cerr != nil {
		h.log.Warn().AnErr("verdict", verr).AnErr("candidacy", cerr).Int("demarche", d).Int("dossier", snap.Number).
			Msg("unreadable record on the dossier page")
	}
	data.Engagements = engagementRows(data.Verdict)
	data.Level = explainLevel(data.Verdict, h.opts.Settings)
	return data, nil
}

// engagementRows lists engagements 1..8 (or whatever the notes hold) with
// the users' and the audit's notes.
func engagementRows(v verdictView) []engagementRow {
	var keys []string
	notes := func(list []keyScore) map[string]*float64 {
		m := map[string]*float64{}
		for _, k := range list {
			m[k.Key] = k.Value
			if !slices.Contains(keys, k.Key) {
				keys = append(keys, k.Key)
			}
		}
		return m
	}
	var users, audit map[string]*float64
	if v.Users != nil {
		users = notes(v.Users.Engagements)
	}
	if v.Audit != nil {
		audit = notes(v.Audit.Engagements)
	}
	out := make([]engagementRow, 0, len(keys))
	for _, k := range keys {
		row := engagementRow{Number: k, Name: orDefault(engagementNames, k), Users: "—", Audit: "—"}
		if p, ok := users[k]; ok {
			row.Users = score(p)
		}
		if p, ok := audit[k]; ok {
			row.Audit = score(p)
		}
		out = append(out, row)
	}
	return out
}

// deadlineItems lists a dossier's deadlines by date.
func deadlineItems(deadlines map[string]string, today string, snap store.Snapshot, d int) []deadlineItem {
	out := make([]deadlineItem, 0, len(deadlines))
	for name, iso := range deadlines {
		out = append(out, newDeadlineItem(name, iso, today, snap, d))
	}
	sortDeadlines(out)
	return out
}

func newDeadlineItem(name, iso, today string, snap store.Snapshot, d int) deadlineItem {
	it := deadlineItem{
		Name: name, Label: report.DeadlineLabel(name), ISO: iso, Date: frenchDate(iso),
		Dossier: snap.Number, Service: snap.ServiceName, Groupe: snap.GroupeInstructeur, URL: dossierURL(d, snap.Number),
	}
	if n, ok := daysUntil(today, iso); ok {
		it.When, it.Past = inDays(n), n < 0
	}
	return it
}

func sortDeadlines(items []deadlineItem) {
	slices.SortFunc(items, func(a, b deadlineItem) int {
		switch {
		case a.ISO != b.ISO:
			return compareStrings(a.ISO, b.ISO)
		case a.Dossier != b.Dossier:
			return a.Dossier - b.Dossier
		}
		return compareStrings(a.Name, b.Name)
	})
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (h *Handler) journalRows(entries []store.JournalEntry) []journalRow {
	out := make([]journalRow, 0, len(entries))
	for _, e := range entries {
		out = append(out, journalRow{
			At: h.clock.dateTime(e.At), AtISO: h.clock.isoDateTime(e.At), Kind: journalKindLabel(e.Kind),
			Rule: e.Rule, Action: h.red.clean(e.Action), Message: h.red.clean(e.Message),
		})
	}
	return out
}
