package graphql

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"
)

var errNullNode = errors.New("dossier is null in the page (nulled by a server error)")

// nodeSlot decodes one dossier node of a page while the page itself is
// decoded, keeping a failure to itself: one bad dossier must not sink the
// page. The outer decoder has validated the JSON; UnmarshalJSON never fails.
type nodeSlot struct {
	wire   *dossierWire
	number int // known even when the rest failed, when the node had one
	err    error
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *nodeSlot) UnmarshalJSON(raw []byte) error {
	s.wire, s.number, s.err = decodeWire(raw)
	return nil
}

// dossier converts the decoded node; fetched is the client's read time.
func (s *nodeSlot) dossier(fetched time.Time) (Dossier, int, error) {
	if s.err != nil {
		return Dossier{}, s.number, s.err
	}
	if s.wire == nil {
		return Dossier{}, 0, errNullNode
	}
	d, err := toDossier(s.wire, fetched)
	if err != nil {
		return Dossier{}, s.number, &DecodeError{Op: opDossiersPage, Status: 200, Err: err}
	}
	return d, s.number, nil
}

// decodeWire decodes a node's JSON.
func decodeWire(raw []byte) (*dossierWire, int, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return nil, 0, errNullNode
	}
	var w dossierWire
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, numberOf(raw), &DecodeError{Op: opDossiersPage, Status: 200, Err: err}
	}
	return &w, w.Number, nil
}

// decodeNode decodes and converts one dossier node. It returns the dossier
// number whenever the node carried one, even if the rest failed, so the
// caller can quarantine that dossier.
func decodeNode(raw json.RawMessage, fetched time.Time) (Dossier, int, error) {
	var s nodeSlot
	_ = s.UnmarshalJSON(raw) // never fails: the error is kept in s
	return s.dossier(fetched)
}

// numberOf digs the dossier number out of a node that failed to decode.
func numberOf(raw json.RawMessage) int {
	var n struct {
		Number int `json:"number"`
	}
	_ = json.Unmarshal(raw, &n) // best effort: 0 when absent or malformed
	return n.Number
}
