package ui

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestExportCSV(t *testing.T) {
	h := newTestHandler(t)
	w := get(h, "/demarches/1/export.csv", bearerAuth(ditpToken))
	if w.Code != 200 {
		t.Fatalf("GET export.csv = %d", w.Code)
	}
	hd := w.Result().Header
	if hd.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(hd.Get("Content-Disposition"), `attachment; filename="spplus-demarche-1-2026-05-20.csv"`) {
		t.Errorf("headers %v", hd)
	}
	b := body(w)
	for _, want := range []string{
		"\ufeffDémarche;Dossier;",      // BOM and French Excel separator
		`'=HYPERLINK(""http://evil"")`, // CSV injection neutralised
		"audit_plan_due;01/06/2026",    // dd/mm/yyyy
		"10/03/2026 10:00",             // evaluation time in Paris
		"<script>alert(1)</script>",    // a CSV is not HTML: kept as typed
		"dossier 202: download failed with token <secret>",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("CSV lacks %q:\n%s", want, b)
		}
	}
	if strings.Contains(b, "Dossier supprimé") {
		t.Error("CSV holds a dossier deleted on DS")
	}
}

func TestExportFiltersAndOrder(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		query string
		want  []int
	}{
		{"", []int{101, 102, 103, 201, 202}},
		{"?etat=en_construction", []int{101, 201, 202}},
		{"?complet=oui", []int{102, 103}},
		{"?niveau=argent", []int{102}},
		{"?niveau=indetermine", []int{101, 201, 202}},
		{"?statut=incomplet&groupe=2", []int{201, 202}},
		{"?echeance=25", []int{101, 103, 201}},
		{"?echeance=15", []int{101}},
		{"?q=caf", []int{101}},
		{"?q=103", []int{103}},
		{"?tri=echeance", []int{101, 103, 201, 102, 202}},
		{"?tri=echeance&ordre=desc", []int{102, 103, 201, 101, 202}}, // ties by number
		{"?tri=niveau&ordre=desc", []int{103, 102, 101, 201, 202}},
		{"?tri=service", []int{102, 103, 101, 202, 201}}, // punctuation first, then French order
		{"?tri=service&ordre=desc", []int{201, 202, 101, 103, 102}},
		{"?tri=bloquants&ordre=desc", []int{101, 201, 102, 103, 202}},
		{"?tri=etat", []int{101, 201, 202, 102, 103}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			w := get(h, "/demarches/1/export.json"+tt.query, bearerAuth(ditpToken))
			if w.Code != 200 {
				t.Fatalf("GET = %d: %s", w.Code, body(w))
			}
			var rows []struct {
				Number int `json:"number"`
			}
			if err := json.Unmarshal([]byte(body(w)), &rows); err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, r := range rows {
				got = append(got, r.Number)
			}
			if !equalInts(got, tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestExportBadFilter(t *testing.T) {
	h := newTestHandler(t)
	for _, q := range []string{"?etat=ouvert", "?echeance=-1", "?tri=nom", "?niveau=platine", "?groupe=x"} {
		w := get(h, "/demarches/1/export.csv"+q, bearerAuth(ditpToken))
		if w.Code != 400 || !strings.Contains(body(w), "valeur ignorée") {
			t.Errorf("GET export.csv%s = %d %q, want 400 naming the value", q, w.Code, body(w))
		}
	}
	// The page itself shows the table and says what it ignored.
	w := get(h, "/demarches/1?etat=%3Cb%3Eouvert", bearerAuth(ditpToken))
	if w.Code != 200 || !strings.Contains(body(w), "valeur ignorée pour « état DS » : &#34;&lt;b&gt;ouvert&#34;") {
		t.Errorf("GET with a bad filter = %d:\n%s", w.Code, section(body(w), "fr-alert"))
	}
}

func TestFeed(t *testing.T) {
	h := newTestHandler(t)
	w := get(h, "/demarches/1/echeances.ics?token="+afnorToken, "")
	if w.Code != 200 || w.Result().Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("feed = %d %v", w.Code, w.Result().Header)
	}
	b := body(w)
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\n", "UID:spplus-1-101-audit_plan_due@spplus\r\n", "DTSTART;VALUE=DATE:20260601\r\n",
		"DTSTAMP:20260520T080000Z\r\n", "URL:https://demarche.numerique.gouv.fr/procedures/1/dossiers/101\r\n",
		`X-WR-CALNAME:Services Publics+ : échéances (AFNOR)`,
	} {
		if !strings.Contains(strings.ReplaceAll(b, "\r\n ", ""), want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	if n := len(regexp.MustCompile(`UID:spplus-1-(\d+)-`).FindAllString(b, -1)); n != 6 {
		t.Errorf("AFNOR's feed has %d events, want 6 (its 3 dossiers' deadlines)", n)
	}
}
