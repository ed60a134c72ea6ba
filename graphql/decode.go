package graphql

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"
)

var errNullNode = errors.New("dossier is null in the page (nulled by a server error)")

// decodeNode decodes one dossier node of a page. It returns the dossier
// number whenever the node carried one, even if the rest failed, so the
// caller can quarantine that dossier.
func decodeNode(raw json.RawMessage, fetched time.Time) (Dossier, int, error) {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return Dossier{}, 0, errNullNode
	}
	var w dossierWire
	if err := json.Unmarshal(raw, &w); err != nil {
		return Dossier{}, numberOf(raw), &DecodeError{Op: opDossiersPage, Status: 200, Err: err}
	}
	d, err := toDossier(&w, fetched)
	if err != nil {
		return Dossier{}, w.Number, &DecodeError{Op: opDossiersPage, Status: 200, Err: err}
	}
	return d, w.Number, nil
}

// numberOf digs the dossier number out of a node that failed to decode.
func numberOf(raw json.RawMessage) int {
	var n struct {
		Number int `json:"number"`
	}
	_ = json.Unmarshal(raw, &n) // best effort: 0 when absent or malformed
	return n.Number
}
