package gen

import (
	"fmt"
	"time"
)

// MaxDossiers bounds Options.N: beyond it the output would not fit the
// sandbox's purpose (and memory) anyway.
const MaxDossiers = 1_000_000

// Options says what to generate.
type Options struct {
	// N is the number of dossiers (deleted ones come in addition).
	N int
	// Seed drives every random choice: same Options, same bytes.
	Seed int64
	// Now is the reference "today": dates are spread around it and none is
	// after it. Zero means DemoNow().
	Now time.Time
	// Demarche is the démarche number; 0 means 1.
	Demarche int
}

// DemoNow returns the reference date of the shipped demo data,
// 2026-11-02T10:00:00+01:00. It is also the default Options.Now, so that
// generating needs no clock.
func DemoNow() time.Time {
	return time.Date(2026, time.November, 2, 10, 0, 0, 0, time.FixedZone("CET", 3600))
}

// DemoOptions returns the options of graphql/sandbox/demo.json.
func DemoOptions() Options {
	return Options{N: 24, Seed: 1, Now: DemoNow(), Demarche: 1}
}

// normalized checks opts and fills its defaults.
func (o Options) normalized() (Options, error) {
	if o.N < 0 || o.N > MaxDossiers {
		return o, fmt.Errorf("generate: dossier count: expected 0 to %d, got %d", MaxDossiers, o.N)
	}
	if o.Demarche < 0 {
		return o, fmt.Errorf("generate: démarche number: expected a positive number, got %d", o.Demarche)
	}
	if o.Demarche == 0 {
		o.Demarche = 1
	}
	if o.Now.IsZero() {
		o.Now = DemoNow()
	}
	return o, nil
}
