package gen

import "testing"

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
