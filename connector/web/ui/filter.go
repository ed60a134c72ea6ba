package ui

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// filter is what the overview's form and the exports select and how the
// table is sorted. It comes from the query string (plain GET form, so it
// works without JavaScript and links can be shared).
type filter struct {
	State    string // etat: a DS state
	Status   string // statut: a spplus status, as worded by the connector
	Level    string // niveau: a levelChoices value
	Complete string // complet: oui or non
	Within   int    // echeance: next deadline within this many days (-1: any)
	Groupe   int    // groupe: a groupe instructeur number (0: all)
	Query    string // q: part of the service name, or a dossier number
	Sort     string // tri: a sortKeys key
	Desc     bool   // ordre=desc
	Page     int    // page, from 1
}

// Limits of the query values, so that a hand-made URL cannot ask for
// silly work.
const (
	maxWithinDays = 3650
	maxQueryRunes = 100
)

// sortKeys are the columns the table sorts by.
var sortKeys = []string{"numero", "service", "groupe", "etat", "statut", "complet", "bloquants", "niveau", "echeance", "action"}

// parseFilter reads the query. A value it cannot use is left out, and
// named in problems (French, for the page's notice).
func parseFilter(q url.Values) (filter, []string) {
	f := filter{Within: -1, Sort: "numero", Page: 1}
	var problems []string
	bad := func(name, v string) {
		problems = append(problems, "valeur ignorée pour « "+name+" » : "+strconv.Quote(clip(v)))
	}
	if v := q.Get("etat"); v != "" {
		if hasChoice(dsStates, v) {
			f.State = v
		} else {
			bad("état DS", v)
		}
	}
	f.Status = strings.TrimSpace(clip(q.Get("statut")))
	if v := q.Get("niveau"); v != "" {
		if hasChoice(levelChoices, v) {
			f.Level = v
		} else {
			bad("niveau", v)
		}
	}
	if v := q.Get("complet"); v != "" {
		if v == "oui" || v == "non" {
			f.Complete = v
		} else {
			bad("complet", v)
		}
	}
	f.Within = intParam(q, "echeance", 0, maxWithinDays, -1, bad)
	f.Groupe = intParam(q, "groupe", 1, 1<<31-1, 0, bad)
	f.Page = intParam(q, "page", 1, 1<<31-1, 1, bad)
	f.Query = strings.TrimSpace(clip(q.Get("q")))
	if v := q.Get("tri"); v != "" {
		if slices.Contains(sortKeys, v) {
			f.Sort = v
		} else {
			bad("tri", v)
		}
	}
	f.Desc = q.Get("ordre") == "desc"
	return f, problems
}

// intParam reads an optional integer in [lo, hi]; def when absent or bad.
func intParam(q url.Values, name string, lo, hi, def int, bad func(name, v string)) int {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		bad(name, v)
		return def
	}
	return n
}

func hasChoice(choices []choice, v string) bool {
	return slices.ContainsFunc(choices, func(c choice) bool { return c.Value == v })
}

// clip bounds a query value and keeps it valid UTF-8.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "")
	if utf8.RuneCountInString(s) <= maxQueryRunes {
		return s
	}
	return string([]rune(s)[:maxQueryRunes])
}

// values are the filter's query parameters, without the defaults, so that
// links stay short; sorting and paging are left to the caller.
func (f filter) values() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("etat", f.State)
	set("statut", f.Status)
	set("niveau", f.Level)
	set("complet", f.Complete)
	set("q", f.Query)
	if f.Within >= 0 {
		q.Set("echeance", itoa(f.Within))
	}
	if f.Groupe > 0 {
		q.Set("groupe", itoa(f.Groupe))
	}
	return q
}

// withSort adds the sort and page to the filter's parameters.
func (f filter) withSort(q url.Values) url.Values {
	if f.Sort != "numero" {
		q.Set("tri", f.Sort)
	}
	if f.Desc {
		q.Set("ordre", "desc")
	}
	return q
}

// Active reports whether the filter selects anything.
func (f filter) Active() bool { return len(f.values()) > 0 }

// match reports whether row r passes the filter; today is YYYY-MM-DD.
func (f filter) match(r dossierRow) bool {
	switch {
	case f.State != "" && r.DSState != f.State,
		f.Status != "" && r.Status != f.Status,
		f.Complete == "oui" && !r.Complete,
		f.Complete == "non" && r.Complete,
		f.Groupe > 0 && r.GroupeNumber != f.Groupe,
		f.Level != "" && r.levelValue() != f.Level:
		return false
	case f.Within >= 0 && (r.NextDeadline == nil || r.NextIn > f.Within):
		return false
	case f.Query != "":
		return r.matchesQuery(f.Query)
	}
	return true
}
