package ui

import (
	"net/http"
	"slices"
)

// homeItem is one démarche on the home page, with the viewer's counts.
type homeItem struct {
	Number, Total, Complete, Quarantined int
	URL                                  string
}

func (h *Handler) serveHome(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	known, err := h.opts.Source.Demarches()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	slices.Sort(known)
	var items []homeItem
	for _, d := range known {
		sc, err := h.visible(d, v)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		it := homeItem{Number: d, Total: len(sc.Live), URL: "/demarches/" + itoa(d)}
		for _, s := range sc.Live {
			if s.Complete {
				it.Complete++
			}
			if s.Quarantined {
				it.Quarantined++
			}
		}
		items = append(items, it)
	}
	h.render(w, http.StatusOK, "home", page{Title: "Démarches suivies", Viewer: v, Data: items})
}
