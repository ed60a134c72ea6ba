package connector

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// fingerprintVersion changes when the way inputs are read changes, so that
// every dossier is evaluated again by the new code.
const fingerprintVersion = "spplus-inputs-v1"

// configFingerprint identifies what, besides the dossier, decides its
// verdict and plan: the démarche's mapping and policies and the rules'
// settings. A change re-evaluates every dossier the next time it is read.
func configFingerprint(d config.Demarche, s rules.Settings) string {
	b, err := json.Marshal(struct {
		Version  string
		Demarche config.Demarche
		Settings rules.Settings
	}{fingerprintVersion, d, s})
	if err != nil {
		// Both values are plain data; a failure here is a programming error,
		// made visible as a fingerprint that matches nothing stored.
		return "unmarshallable:" + err.Error()
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// fingerprint identifies the inputs of a dossier's verdict and plan: its
// state, deposit date, groupe instructeur, dateDerniereModificationChamps
// and every mapped champ's value, with the checksum and virus scan of each
// attachment (never their signed URLs, which change on every read). Our own
// writes (annotations, messages) change none of these, so they never cause
// a re-evaluation.
func fingerprint(d *graphql.Dossier, fields map[string]string, configHash string) string {
	h := &hasher{h: sha256.New()}
	h.put(configHash, d.State, stamp(d.DateDepot), stamp(d.DateDerniereModificationChamps),
		strconv.Itoa(d.GroupeInstructeur.Number), d.GroupeInstructeur.Label)
	ids := make([]string, 0, len(fields))
	for _, id := range fields {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		c, ok := d.Champ(id)
		h.put("champ", id, strconv.FormatBool(ok))
		if ok {
			h.champ(c)
		}
	}
	return hex.EncodeToString(h.h.Sum(nil))[:32]
}

// hasher writes length-prefixed parts, so that no two lists collide.
type hasher struct {
	h   hash.Hash
	buf []byte
}

func (h *hasher) put(parts ...string) {
	for _, p := range parts {
		h.buf = strconv.AppendInt(h.buf[:0], int64(len(p)), 10)
		h.buf = append(append(h.buf, ':'), p...)
		h.buf = append(h.buf, ';')
		_, _ = h.h.Write(h.buf)
	}
}

// champ writes a champ's value, typed fields first, then its files and rows.
func (h *hasher) champ(c graphql.Champ) {
	h.put(c.Typename, c.StringValue, strOf(c.Text), boolOf(c.Checked), timeOf(c.Date), timeOf(c.Datetime),
		intOf(c.Integer), floatOf(c.Decimal), strings.Join(c.Values, "\x00"))
	if c.Address != nil {
		a := c.Address
		h.put("address", a.StreetAddress, a.PostalCode, a.CityName, a.CityCode, a.DepartmentCode)
	}
	if c.Departement != nil {
		h.put("departement", c.Departement.Code, c.Departement.Name)
	}
	for _, f := range c.Files {
		h.put("file", f.Filename, f.Checksum, f.VirusScanResult, strconv.FormatInt(f.ByteSize, 10))
	}
	for _, r := range c.Rows {
		h.put("row", r.ID)
		for _, rc := range r.Champs {
			h.put(rc.ChampDescriptorID)
			h.champ(rc)
		}
	}
}

const null = "\x00nil"

func strOf(p *string) string {
	if p == nil {
		return null
	}
	return *p
}

func boolOf(p *bool) string {
	if p == nil {
		return null
	}
	return strconv.FormatBool(*p)
}

func intOf(p *int64) string {
	if p == nil {
		return null
	}
	return strconv.FormatInt(*p, 10)
}

func floatOf(p *float64) string {
	if p == nil {
		return null
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

func timeOf(t *time.Time) string {
	if t == nil {
		return null
	}
	return stamp(*t)
}

// stamp renders an instant, whatever its location.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
