package ui

// column is one sortable header of the dossiers' table: its link sorts by
// it (ascending, or descending when it is already sorted ascending).
type column struct {
	Label    string
	URL      string
	AriaSort string // ascending, descending, or "" when not sorted by it
	Arrow    string // ↑ or ↓, shown beside the sorted column
}

// columnDefs are the table's columns: label and sort key.
var columnDefs = []struct{ label, key string }{
	{"N°", "numero"}, {"Service", "service"}, {"Groupe instructeur", "groupe"}, {"État DS", "etat"},
	{"Statut SP+", "statut"}, {"Complet", "bloquants"},
	{"Niveau", "niveau"}, {"Prochaine échéance", "echeance"}, {"Dernière action", "action"},
}

// columns are the table's headers; the groupe column is left out for a
// viewer who sees one groupe only.
func columns(base string, f filter, showGroupe bool) []column {
	out := make([]column, 0, len(columnDefs))
	for _, c := range columnDefs {
		if c.key == "groupe" && !showGroupe {
			continue
		}
		q := f.values()
		col := column{Label: c.label}
		sorted := f.Sort == c.key
		if c.key != "numero" {
			q.Set("tri", c.key)
		}
		if sorted && !f.Desc {
			q.Set("ordre", "desc")
		}
		if sorted {
			col.AriaSort, col.Arrow = "ascending", "↑"
			if f.Desc {
				col.AriaSort, col.Arrow = "descending", "↓"
			}
		}
		col.URL = base + query(q.Encode())
		out = append(out, col)
	}
	return out
}

// query prefixes a non-empty query string with "?".
func query(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

// pager is the table's pagination: plain links, no script.
type pager struct {
	Page, Pages int
	Prev, Next  string // URLs, "" at the ends
	total       int
}

func newPager(base string, f filter, total int) pager {
	pages := max(1, (total+pageSize-1)/pageSize)
	p := pager{Page: min(f.Page, pages), Pages: pages, total: total}
	link := func(n int) string {
		q := f.withSort(f.values())
		if n > 1 {
			q.Set("page", itoa(n))
		}
		return base + query(q.Encode())
	}
	if p.Page > 1 {
		p.Prev = link(p.Page - 1)
	}
	if p.Page < pages {
		p.Next = link(p.Page + 1)
	}
	return p
}

func (p pager) from() int { return min((p.Page-1)*pageSize, p.total) }
func (p pager) to() int   { return min(p.Page*pageSize, p.total) }
