package ui

import "net/http"

// contentSecurityPolicy allows only what the binary serves. Images may
// also be data: URIs because DSFR's CSS draws some of its icons (select
// arrows, checkbox ticks) that way; no script is ever allowed, and no
// inline style (the pages use none, and DSFR's CSS works without its JS).
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; script-src 'none'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// withSecurityHeaders sets the headers every answer carries.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

// private marks an answer that holds dossier data: never cached by a
// shared cache nor kept on disk by the browser.
func private(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}
