package gen

import (
	"encoding/base64"
	"math/rand/v2"
	"strconv"
	"time"
)

// typedID returns a DS Relay id: standard base64, with padding, of
// "<class>-<id>" (API-NOTES §7).
func typedID(class string, id int) string {
	return base64.StdEncoding.EncodeToString([]byte(class + "-" + strconv.Itoa(id)))
}

// ChampID returns the id of a root champ, annotation or champ descriptor:
// base64("Champ-<stableID>").
func ChampID(stableID int) string { return typedID("Champ", stableID) }

// rowChampID returns the id of a champ inside a repetition row:
// base64("Champ-<stableID>|<rowULID>").
func rowChampID(stableID int, ulid string) string {
	return base64.StdEncoding.EncodeToString([]byte("Champ-" + strconv.Itoa(stableID) + "|" + ulid))
}

// rowID returns a repetition row id: base64("Row-<rowULID>").
func rowID(ulid string) string {
	return base64.StdEncoding.EncodeToString([]byte("Row-" + ulid))
}

// DossierID returns the GraphQL id of dossier number n: base64("Dossier-<n>").
func DossierID(n int) string { return typedID("Dossier", n) }

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newULID returns a ULID-shaped id (26 Crockford base32 characters: 48 bits
// of milliseconds, 80 random bits) drawn from rng, so rows are stable for a seed.
func newULID(at time.Time, rng *rand.Rand) string {
	var out [26]byte
	ms := uint64(at.UnixMilli())
	for i := 9; i >= 0; i-- {
		out[i] = crockford[ms&31]
		ms >>= 5
	}
	for i := 10; i < 26; i++ {
		out[i] = crockford[rng.IntN(32)]
	}
	return string(out[:])
}
