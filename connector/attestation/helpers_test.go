package attestation

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// localFixture is a local service labelled argent on 1 July 2026.
func localFixture() Attestation {
	return Attestation{
		ServiceName:       "Caisse d'allocations familiales de la Moselle",
		Sites:             []string{"Metz, 4 rue du Pont", "Thionville, 1 place de la Gare"},
		Level:             rules.LevelArgent,
		DecisionDate:      rules.NewDate(2026, 7, 1),
		CertificationBody: "AFNOR Certification",
		Demarche:          1,
		Dossier:           12,
	}
}

// centralFixture is a central service with n labelled local services.
func centralFixture(n int) Attestation {
	a := localFixture()
	a.ServiceName = "Direction générale des finances publiques"
	a.Sites, a.Central, a.Dossier = nil, true, 40
	levels := []rules.Level{rules.LevelBronze, rules.LevelArgent, rules.LevelOr}
	for i := range n {
		a.Locals = append(a.Locals, Local{
			Name:  fmt.Sprintf("Service des impôts des particuliers n° %d", i+1),
			Level: levels[i%3], Year: 2024 + i%3,
		})
	}
	return a
}

// render renders a, failing the test on error, and keeps the PDF in
// $SPPLUS_ARTIFACTS when CI sets it, for people to look at.
func render(t *testing.T, a Attestation, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(a, &buf); err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	if dir := os.Getenv("SPPLUS_ARTIFACTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "attestation-"+name+".pdf"), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

// pdfText extracts the text of pdf with pdftotext (poppler-utils), one
// string per page, whitespace runs (no-break spaces included) made single
// spaces. The test skips when pdftotext is not installed.
func pdfText(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils (apt-get install -y poppler-utils) to check the PDF's text")
	}
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}
