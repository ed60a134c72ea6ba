package main

import (
	"fmt"
	"net/http"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/connector/store"
)

// backupHandler streams a consistent copy of the open store: bbolt lets one
// process hold the file, so while the daemon runs, "spplus backup" asks it
// for the copy (only served on a loopback listener).
func backupHandler(st *store.Store, log zerolog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=spplus-%s.db", time.Now().UTC().Format("20060102T150405Z")))
		n, err := st.Backup(w)
		if err != nil {
			log.Error().Err(err).Int64("bytes", n).Msg("backup over HTTP")
		}
	})
}
