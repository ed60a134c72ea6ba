package gen

import (
	"bytes"
	"testing"
)

func benchmarkGenerate(b *testing.B, n int) {
	opts := Options{N: n, Seed: 42, Now: DemoNow()}
	var size int
	for b.Loop() {
		out, err := Generate(opts)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes/file")
	b.ReportMetric(float64(size)/float64(n), "bytes/dossier")
}

// BenchmarkGenerate1000 measures the generator on 1,000 dossiers.
func BenchmarkGenerate1000(b *testing.B) { benchmarkGenerate(b, 1000) }

// BenchmarkGenerate10000 measures 10,000 dossiers (the size of the
// sandbox's load tests); run it with -benchtime=1x.
func BenchmarkGenerate10000(b *testing.B) { benchmarkGenerate(b, 10000) }

// TestDossierSize guards the file size: 10,000 dossiers must stay under
// 200 MB, so a dossier's JSON must stay under 20 KB on average (the blobs
// are pooled and do not grow with N).
func TestDossierSize(t *testing.T) {
	const n = 400
	out, err := Generate(Options{N: n, Seed: 21, Now: DemoNow()})
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(out, []byte(`"dossiers":[`))
	end := bytes.Index(out, []byte(`],"deletedDossiers":`))
	if per := (end - start) / n; per > 20_000 {
		t.Errorf("a dossier weighs %d bytes on average, want at most 20,000", per)
	} else {
		t.Logf("%d bytes per dossier", per)
	}
}
