package sheets

import (
	"math/rand/v2"
	"testing"

	"github.com/spplus/spplus/rules"
)

func BenchmarkTmpDecode(b *testing.B) {
	var pool []string
	for _, c := range benchCells {
		for range c.weight {
			pool = append(pool, c.cell)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	cells := make([]string, 1<<16)
	for i := range cells {
		cells[i] = string([]byte(pool[rng.IntN(len(pool))]))
	}
	dec, _ := newAnswerDecoder(rules.DefaultQuestionnaires())
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, c := range cells {
			a, _ := dec.decode(c)
			n += int(a.Quarters)
		}
	}
	_ = n
}
