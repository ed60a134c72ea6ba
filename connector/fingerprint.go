package connector

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"slices"
	"strconv"
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
	h := sha256.New()
	put(h, configHash, d.State, stamp(d.DateDepot), stamp(d.DateDerniereModificationChamps),
		strconv.Itoa(d.GroupeInstructeur.Number), d.GroupeInstructeur.Label)
	ids := make([]string, 0, len(fields))
	for _, id := range fields {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		c, ok := d.Champ(id)
		put(h, "champ", id, strconv.FormatBool(ok))
		if ok {
			putChamp(h, c)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// putChamp writes a champ's value, typed fields first, then its files and rows.
func putChamp(h hash.Hash, c graphql.Champ) {
	put(h, c.Typename, c.StringValue, deref(c.Text), deref(c.Checked), timeOf(c.Date), timeOf(c.Datetime),
		deref(c.Integer), deref(c.Decimal), fmt.Sprint(c.Values), deref(c.Address), deref(c.Departement))
	for _, f := range c.Files {
		put(h, "file", f.Filename, f.Checksum, f.VirusScanResult, strconv.FormatInt(f.ByteSize, 10))
	}
	for _, r := range c.Rows {
		put(h, "row", r.ID)
		for _, rc := range r.Champs {
			put(h, rc.ChampDescriptorID)
			putChamp(h, rc)
		}
	}
}

// put writes each part with its length, so that no two lists collide.
func put(w io.Writer, parts ...string) {
	for _, p := range parts {
		_, _ = fmt.Fprintf(w, "%d:%s;", len(p), p)
	}
}

func deref[T any](p *T) string {
	if p == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%+v", *p)
}

func timeOf(t *time.Time) string {
	if t == nil {
		return "<nil>"
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
