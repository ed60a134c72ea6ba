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
// The node is converted at once, so that a page never holds the wire form
// of all its dossiers beside their converted form: that is most of the
// memory a page costs while it is read. Its read time is stamped after.
type nodeSlot struct {
	dossier Dossier
	number  int // known even when the rest failed, when the node had one
	err     error
	ok      bool // dossier holds the node
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *nodeSlot) UnmarshalJSON(raw []byte) error {
	*s = nodeSlot{}
	w, number, err := decodeWire(raw)
	s.number, s.err = number, err
	if err != nil || w == nil {
		return nil
	}
	s.dossier, s.err = toDossier(w, time.Time{})
	if s.err != nil {
		s.dossier, s.err = Dossier{}, &DecodeError{Op: opDossiersPage, Status: 200, Err: s.err}
	}
	s.ok = s.err == nil
	return nil
}

// result returns the converted node, read at fetched (the client's clock).
func (s *nodeSlot) result(fetched time.Time) (Dossier, int, error) {
	switch {
	case s.err != nil:
		return Dossier{}, s.number, s.err
	case !s.ok:
		return Dossier{}, 0, errNullNode
	}
	d := s.dossier
	s.dossier = Dossier{} // the page keeps its own copy
	stampFetched(&d, fetched)
	return d, s.number, nil
}

// stampFetched sets the read time of a dossier and of its files, whose
// signed URLs expire counting from it.
func stampFetched(d *Dossier, fetched time.Time) {
	d.FetchedAt = fetched
	for _, champs := range [][]Champ{d.Champs, d.Annotations} {
		stampChamps(champs, fetched)
	}
}

func stampChamps(champs []Champ, fetched time.Time) {
	for i := range champs {
		for j := range champs[i].Files {
			champs[i].Files[j].FetchedAt = fetched
		}
		for _, r := range champs[i].Rows {
			stampChamps(r.Champs, fetched)
		}
	}
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
	return s.result(fetched)
}

// numberOf digs the dossier number out of a node that failed to decode.
func numberOf(raw json.RawMessage) int {
	var n struct {
		Number int `json:"number"`
	}
	_ = json.Unmarshal(raw, &n) // best effort: 0 when absent or malformed
	return n.Number
}
