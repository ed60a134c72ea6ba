package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// readyBody is the JSON answer of /readyz.
type readyBody struct {
	Ready   bool     `json:"ready"`
	Reasons []string `json:"reasons"`
}

// serveHealthz answers 200 while the process lives: it checks nothing on
// purpose, so that a slow store or an unreachable DS never gets the
// process killed by a liveness probe.
func serveHealthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyHandler answers 200 when r is ready, 503 with the reasons otherwise.
func readyHandler(r Readiness, timeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), timeout)
		defer cancel()
		ok, reasons := r.Ready(ctx)
		if reasons == nil {
			reasons = []string{}
		}
		status := http.StatusOK
		if !ok {
			status = http.StatusServiceUnavailable
		}
		writeJSON(w, status, readyBody{Ready: ok, Reasons: reasons})
	}
}

// writeJSON writes v as the JSON body of a response with status. Probes
// and monitors must never see a cached answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// The status line is gone already: a write error means the client left.
	_ = enc.Encode(v)
}

// errorBody is the JSON answer of a refused request.
type errorBody struct {
	Error string `json:"error"`
}

// writeError answers status with {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}
