package gen

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// FuzzGenerate: whatever the seed, size, date and démarche number, Generate
// returns valid JSON (or an error for bad options), twice the same, and
// never panics. Options come from users' command lines (--generate,
// --seed, --now).
func FuzzGenerate(f *testing.F) {
	f.Add(int64(1), uint8(3), int64(0), int8(1))
	f.Add(int64(-7), uint8(30), int64(1_800_000_000), int8(2))
	f.Add(int64(42), uint8(0), int64(-1), int8(-1))
	f.Fuzz(func(t *testing.T, seed int64, n uint8, unix int64, dm int8) {
		opts := Options{N: int(n % 40), Seed: seed, Demarche: int(dm)}
		if unix > 0 {
			opts.Now = time.Unix(unix%4_000_000_000, 0)
		}
		a, err := Generate(opts)
		if err != nil {
			if dm >= 0 {
				t.Fatalf("options %+v: %v", opts, err)
			}
			return
		}
		if !json.Valid(a) {
			t.Fatalf("options %+v: invalid JSON", opts)
		}
		b, err := Generate(opts)
		if err != nil || !bytes.Equal(a, b) {
			t.Fatalf("options %+v: second run differs (%v)", opts, err)
		}
	})
}
