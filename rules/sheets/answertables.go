package sheets

import "github.com/spplus/spplus/rules"

// The two small tables in front of answerDecoder's cache. Survey cells come
// in random order, so a switch on their length or bytes mispredicts a
// branch on most cells, and a map lookup hashes the whole cell: both cost
// more than the rest of the work on a cell.

// memoSize is the number of memo slots, a power of two.
const memoSize = 64

type memoEntry struct {
	raw string
	a   rules.Answer
}

// memoIndex hashes a non-empty cell from its length and three of its
// bytes, which tell the labels of a questionnaire apart well enough
// ("Plutôt pas satisfait" and "Pas du tout satisfait" differ in the middle).
func memoIndex(raw string) int {
	n := uint(len(raw))
	return int((n*31 + uint(raw[0])*7 + uint(raw[n/2])*3 + uint(raw[n-1])) & (memoSize - 1))
}

// shortBits sizes the short table: 64 slots, where the seven usual
// spellings fall in distinct slots (TestShortTable).
const shortBits = 6

type shortEntry struct {
	key uint64 // 0 for a free slot: no key is 0
	a   rules.Answer
}

// exact recognises the spellings that fill survey files — "0", "1",
// "0,25", "0.25", "0,75", "0.75" and, when configured, "NC" — from a key
// packing their bytes, computed without branching on the length.
func (d *answerDecoder) exact(raw string) (rules.Answer, bool) {
	n := len(raw)
	if n == 0 || n > 4 {
		return rules.Answer{}, false
	}
	k := shortKey(raw)
	e := &d.short[shortIndex(k)]
	return e.a, e.key == k
}

// shortKey packs a string of 1 to 4 bytes and its length into one word:
// two strings have the same key only if they are equal.
func shortKey(s string) uint64 {
	n := len(s)
	return uint64(s[0]) | uint64(s[min(1, n-1)])<<8 | uint64(s[min(2, n-1)])<<16 |
		uint64(s[n-1])<<24 | uint64(n)<<32
}

// shortIndex hashes a short key into the table (Fibonacci hashing).
func shortIndex(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> (64 - shortBits)) }

// addShort puts a spelling in the short table if its slot is free: the
// table is only a shortcut in front of the other paths, which also know
// every spelling it holds.
func (d *answerDecoder) addShort(s string, a rules.Answer) {
	k := shortKey(s)
	if e := &d.short[shortIndex(k)]; e.key == 0 {
		*e = shortEntry{key: k, a: a}
	}
}
