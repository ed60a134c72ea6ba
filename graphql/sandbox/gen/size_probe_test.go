package gen

import (
	"os"
	"testing"
)

func TestProbeWrite(t *testing.T) {
	out, err := Generate(Options{N: 10000, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/gentry/k1.json", out, 0o644)
}
