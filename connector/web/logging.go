package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// statusRecorder remembers the status and size of a response for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer
// (MaxBytesReader uses it to close the connection after a large body).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// redactedPath is how a webhook path with its secret appears in logs.
const redactedPath = "/webhook/<redacted>"

// logPath returns the path of r as it may be logged: the webhook secret
// is the path's last segment, so everything after /webhook/ goes. The
// query string is never logged (nothing of ours uses one; a sender might
// put a token there).
func logPath(path string) string {
	if strings.HasPrefix(path, "/webhook/") {
		return redactedPath
	}
	return path
}

// probePaths are polled every few seconds by orchestrators and scrapers;
// their successes are logged at debug level so they do not drown the log.
func isProbe(path string) bool {
	return path == "/healthz" || path == "/readyz" || path == "/metrics"
}

// withLogging logs one line per request and counts it by route. route
// gives the pattern that served the request, never the raw path, so the
// metric's labels stay bounded and free of secrets.
func withLogging(next http.Handler, log zerolog.Logger, m *Metrics, now func() time.Time) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		m.httpRequest(routeOf(r), rec.status)
		ev := log.Info()
		switch {
		case rec.status >= 500:
			ev = log.Warn()
		case rec.status < 400 && isProbe(r.URL.Path):
			ev = log.Debug()
		}
		ev.Str("method", r.Method).Str("path", logPath(r.URL.Path)).Int("status", rec.status).
			Int("bytes", rec.bytes).Dur("duration", now().Sub(start)).Str("remote", r.RemoteAddr).
			Msg("http request")
	})
}

// routeOf is the route label of a request: the mux pattern that matched,
// which names the {secret} wildcard rather than its value.
func routeOf(r *http.Request) string {
	if r.Pattern == "" {
		return "unmatched"
	}
	return r.Pattern
}
