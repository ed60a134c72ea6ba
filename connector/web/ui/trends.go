package ui

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/spplus/spplus/connector/store"
)

// The trends page shows, at the end of each of the last months, how many
// of the viewer's dossiers had each level and how many were complete.
//
// "Over time" is rebuilt from what the store keeps: every "evaluated"
// journal entry holds the verdict of that evaluation, and the snapshot
// holds the latest one. A dossier's state at a month's end is its latest
// evaluation before then. So the history reaches back as far as the
// journal does (store.Prune may cut it); a dossier evaluated only before
// that shows from its current snapshot's evaluation on. Dossiers deleted
// on DS are left out, and a dossier counts in the groupe it is in today.
const (
	trendMonths  = 12
	trendJournal = 50000 // newest journal entries read for the history
)

// evalPoint is a dossier's state from a time on.
type evalPoint struct {
	at       time.Time
	level    string
	complete bool
}

// monthState counts the dossiers at the end of one month.
type monthState struct {
	Label    string
	Levels   map[string]int // by levelChoices value
	Complete int
	Total    int
}

// trendsData is the trends page.
type trendsData struct {
	Demarche     int
	Months       []monthState
	LevelChart   chart
	CompleteChrt chart
	Series       []choice
}

func (h *Handler) serveTrends(w http.ResponseWriter, r *http.Request) {
	d, err := h.demarche(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := viewerOf(r.Context())
	months, err := h.trendMonths(d, v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := trendsData{
		Demarche: d, Months: months, Series: levelChoices,
		LevelChart:   levelChart(months),
		CompleteChrt: completeChart(months),
	}
	h.render(w, http.StatusOK, "trends", page{
		Title: "Démarche " + itoa(d) + " : tendances", Viewer: v, Demarche: d, Nav: "tendances",
		Crumbs: []crumb{{"Accueil", "/"}, {"Démarche " + itoa(d), "/demarches/" + itoa(d)}, {"Tendances", ""}},
		Data:   data,
	})
}

func (h *Handler) trendMonths(d int, v viewer) ([]monthState, error) {
	sc, err := h.visible(d, v)
	if err != nil {
		return nil, err
	}
	journal, err := h.opts.Source.Journal(d, 0, trendJournal)
	if err != nil {
		return nil, err
	}
	points := evalHistory(sc.Live, journal)
	return countMonths(points, h.opts.Now().In(h.opts.Location), trendMonths), nil
}

// evalHistory gathers each visible dossier's evaluations, oldest first.
func evalHistory(live []store.Snapshot, journal []store.JournalEntry) map[int][]evalPoint {
	out := map[int][]evalPoint{}
	for _, s := range live {
		if !s.EvaluatedAt.IsZero() {
			out[s.Number] = append(out[s.Number], evalPoint{s.EvaluatedAt, s.Level, s.Complete})
		}
	}
	for _, e := range journal {
		if e.Kind != "evaluated" {
			continue
		}
		if _, mine := out[e.Dossier]; !mine {
			continue
		}
		var v struct {
			Complete bool    `json:"complete"`
			Level    *string `json:"level"`
		}
		if json.Unmarshal(e.Details, &v) != nil {
			continue
		}
		p := evalPoint{at: e.At, complete: v.Complete}
		if v.Level != nil {
			p.level = *v.Level
		}
		out[e.Dossier] = append(out[e.Dossier], p)
	}
	for n := range out {
		slices.SortStableFunc(out[n], func(a, b evalPoint) int { return a.at.Compare(b.at) })
	}
	return out
}

// countMonths counts, at the end of each of the n months up to now's, the
// state of each dossier then.
func countMonths(points map[int][]evalPoint, now time.Time, n int) []monthState {
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	out := make([]monthState, 0, n)
	for i := n - 1; i >= 0; i-- {
		start := first.AddDate(0, -i, 0)
		end := start.AddDate(0, 1, 0)
		if i == 0 {
			end = now // the month in progress: as of now
		}
		m := monthState{Label: shortMonth(start), Levels: map[string]int{}}
		for _, ps := range points {
			p, ok := stateAt(ps, end)
			if !ok {
				continue
			}
			m.Total++
			lv := p.level
			if lv == "" {
				lv = levelUndecided
			}
			m.Levels[lv]++
			if p.complete {
				m.Complete++
			}
		}
		out = append(out, m)
	}
	return out
}

// stateAt is the latest point before t.
func stateAt(ps []evalPoint, t time.Time) (evalPoint, bool) {
	var last evalPoint
	found := false
	for _, p := range ps {
		if !p.at.Before(t) {
			break
		}
		last, found = p, true
	}
	return last, found
}

// shortMonths are the usual French abbreviations of the months.
var shortMonths = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}

// shortMonth labels a month on the chart's axis: "mai 26".
func shortMonth(t time.Time) string {
	return shortMonths[t.Month()-1] + " " + t.Format("06")
}
