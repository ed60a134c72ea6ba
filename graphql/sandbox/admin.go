package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// The admin API (/_sandbox/...) is a loopback test tool: it has no authentication.

func (s *Server) serveMutations(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, orEmptySlice(s.Mutations()))
}

func orEmptySlice[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

func (s *Server) serveGetFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Faults())
}

func (s *Server) servePostFaults(w http.ResponseWriter, r *http.Request) {
	var f Faults
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		adminError(w, http.StatusBadRequest, "faults: expected {\"rate_limit_every\":N,\"error_5xx_every\":N,\"latency_ms\":N,\"malformed_every\":N,\"poison_dossiers\":[N]}: %v", err)
		return
	}
	if f.RateLimitEvery < 0 || f.Error5xxEvery < 0 || f.LatencyMS < 0 || f.MalformedEvery < 0 {
		adminError(w, http.StatusBadRequest, "faults: values must be >= 0")
		return
	}
	s.SetFaults(f)
	writeJSON(w, http.StatusOK, s.Faults())
}

// adminError answers an admin call with {"error": "..."}.
func adminError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, map[string]string{"error": fmt.Sprintf(format, args...)})
}

func (s *Server) serveGetClock(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"now": formatDSTime(s.now()), "settable": s.clock != nil})
}

func (s *Server) servePostClock(w http.ResponseWriter, r *http.Request) {
	var body struct {
		AdvanceSeconds *int64 `json:"advance_seconds"`
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil || body.AdvanceSeconds == nil {
		adminError(w, http.StatusBadRequest, "clock: expected {\"advance_seconds\":N}")
		return
	}
	now, err := s.Advance(time.Duration(*body.AdvanceSeconds) * time.Second)
	if err != nil {
		adminError(w, http.StatusConflict, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"now": formatDSTime(now), "settable": true})
}

// pathNumber reads the {number} path value.
func pathNumber(w http.ResponseWriter, r *http.Request) (int, bool) {
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil || n <= 0 {
		adminError(w, http.StatusBadRequest, "dossier number: expected a positive integer, got %q", r.PathValue("number"))
		return 0, false
	}
	return n, true
}

func (s *Server) serveGetDossier(w http.ResponseWriter, r *http.Request) {
	n, ok := pathNumber(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.db.dossiers[n]
	if rec == nil {
		if h := s.db.hiddenDossier(n); h != nil {
			rec = h
		}
	}
	if rec == nil {
		adminError(w, http.StatusNotFound, "dossier %d: not found", n)
		return
	}
	writeJSON(w, http.StatusOK, rec.raw)
}

func (s *Server) serveDeleteDossier(w http.ResponseWriter, r *http.Request) {
	s.removeVisible(w, r, false)
}

func (s *Server) serveHideDossier(w http.ResponseWriter, r *http.Request) {
	s.removeVisible(w, r, true)
}

// removeVisible moves a dossier to deletedDossiers (reason user_request) or, when hide is
// set, to pendingDeletedDossiers (id DeletedDossier-<number>, as in DS).
func (s *Server) removeVisible(w http.ResponseWriter, r *http.Request, hide bool) {
	n, ok := pathNumber(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.db.dossiers[n]
	if rec == nil {
		adminError(w, http.StatusNotFound, "dossier %d: not found among visible dossiers", n)
		return
	}
	now := s.now()
	del := &deletedRec{number: n, at: now.Truncate(time.Second), group: rec.group, raw: map[string]any{
		"id": typedID("DeletedDossier", n), "number": n, "state": rec.raw["state"],
		"reason": "user_request", "dateSupression": formatDSTime(now),
	}}
	s.db.removeDossier(rec)
	if hide {
		del.hidden = rec
		rec.raw["dateSuppressionParUsager"] = formatDSTime(now)
		rec.dem.pending = append(rec.dem.pending, del)
		sortDeleted(rec.dem.pending)
	} else {
		rec.dem.deleted = append(rec.dem.deleted, del)
		sortDeleted(rec.dem.deleted)
	}
	writeJSON(w, http.StatusOK, del.raw)
}

// hiddenDossier finds a pending-deleted dossier's full record.
func (db *database) hiddenDossier(n int) *dossierRec {
	for _, d := range db.demarches {
		for _, p := range d.pending {
			if p.number == n && p.hidden != nil {
				return p.hidden
			}
		}
	}
	return nil
}
