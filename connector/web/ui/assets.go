package ui

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

// assetFiles are the vendored DSFR files (scripts/refresh-dsfr.sh) and the
// pages' own stylesheet. They are public: served without credentials.
//
//go:embed assets
var assetFiles embed.FS

// assetsHandler serves /assets/... from the embedded files. The files
// change only with the binary, so browsers may keep them a day.
func assetsHandler() http.Handler {
	sub, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		// fs.Sub fails only on an invalid name; "assets" is a constant.
		return http.NotFoundHandler()
	}
	files := http.StripPrefix("/assets/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}
