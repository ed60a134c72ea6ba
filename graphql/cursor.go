package graphql

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// numberFromCursor reads the dossier number out of a DS connection cursor,
// or returns 0. Cursors are opaque by contract, but DS's are a stable keyset
// base64url("<sort timestamp>;<dossier id>") and a dossier's id is its
// number; this is only used to name a dossier DS nulled in a page, so a
// format change degrades to "number unknown", never to a wrong read.
func numberFromCursor(cursor string) int {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(cursor, "="))
	if err != nil {
		return 0
	}
	_, id, ok := strings.Cut(string(raw), ";")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(id)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
