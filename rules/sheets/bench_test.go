package sheets

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// benchCells is the mix of cells in a generated users' file, with weights:
// mostly points in both decimal spellings, some NC, labels and no answer.
var benchCells = []struct {
	cell   string
	weight int
}{
	{"0", 8}, {"0,25", 10}, {"0.25", 2}, {"0,75", 12}, {"0.75", 8}, {"1", 30}, {"NC", 8},
	{"Plutôt satisfait", 4}, {"Tout à fait satisfait", 4}, {"Plutôt pas satisfait", 2},
	{"Pas du tout satisfait", 2}, {"", 10},
}

// usersFile returns a users' CSV of n respondents (";" separated, with a
// "complete" column), generated once per machine under os.TempDir.
func usersFile(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "spplus-sheets-bench")
	path := filepath.Join(dir, fmt.Sprintf("users-v1-%d.csv", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp, err := os.CreateTemp(dir, "users-*.tmp")
	if err != nil {
		b.Fatal(err)
	}
	if err := writeUsers(tmp, n); err != nil {
		b.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		b.Fatal(err)
	}
	// Rename last, so that an interrupted run leaves no half file behind.
	if err := os.Rename(tmp.Name(), path); err != nil {
		b.Fatal(err)
	}
	return path
}

// writeUsers writes n deterministic respondents.
func writeUsers(w io.Writer, n int) error {
	var pool []string
	for _, c := range benchCells {
		for range c.weight {
			pool = append(pool, c.cell)
		}
	}
	rng := rand.New(rand.NewPCG(2026, 3))
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "complete;"+usersHeader(";"))
	for range n {
		if rng.IntN(10) == 0 {
			bw.WriteString("non")
		} else {
			bw.WriteString("oui")
		}
		for range 15 {
			bw.WriteByte(';')
			bw.WriteString(pool[rng.IntN(len(pool))])
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// benchOptions lifts the byte limit for the large generated files.
func benchOptions() Options { return Options{MaxBytes: 1 << 30} }

func benchParse(b *testing.B, n int) {
	path := usersFile(b, n)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		t, err := OpenAndParseSurvey(path, rules.UsersSurvey, benchOptions())
		if err != nil {
			b.Fatal(err)
		}
		if t.Respondents != int64(n) {
			b.Fatalf("read %d respondents, want %d", t.Respondents, n)
		}
	}
}

func benchBaseline(b *testing.B, n int) {
	path := usersFile(b, n)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if err := readCSV(path); err != nil {
			b.Fatal(err)
		}
	}
}

// readCSV reads a file with encoding/csv and does nothing with the rows:
// the floor the parser is measured against.
func readCSV(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	for {
		if _, err := r.Read(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// BenchmarkParseUsers1M scores a 1,000,000-respondent users' file.
func BenchmarkParseUsers1M(b *testing.B) { benchParse(b, 1_000_000) }

// BenchmarkCSVBaseline1M reads the same file with encoding/csv alone.
func BenchmarkCSVBaseline1M(b *testing.B) { benchBaseline(b, 1_000_000) }

// BenchmarkParseUsers100k scores a 100,000-respondent users' file.
func BenchmarkParseUsers100k(b *testing.B) { benchParse(b, 100_000) }

// BenchmarkCSVBaseline100k reads the same file with encoding/csv alone.
func BenchmarkCSVBaseline100k(b *testing.B) { benchBaseline(b, 100_000) }

// heapSampler samples the in-use heap as the parser reads its file: the
// samples follow the input, not the clock, so the figure is repeatable.
type heapSampler struct {
	r     io.Reader
	reads int
	peak  uint64
}

func (h *heapSampler) Read(p []byte) (int, error) {
	if h.reads%16 == 0 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapInuse)
	}
	h.reads++
	return h.r.Read(p)
}

// BenchmarkPeakHeap reports the peak in-use heap while parsing 100k and 1M
// respondents: the two figures must be alike (memory independent of rows).
func BenchmarkPeakHeap(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			path := usersFile(b, n)
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(b, path))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

func peakHeap(b *testing.B, path string) uint64 {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	h := &heapSampler{r: f}
	if _, err := ParseSurvey(path, h, rules.UsersSurvey, benchOptions()); err != nil && !strings.Contains(err.Error(), "limit") {
		b.Fatal(err)
	}
	return h.peak
}
