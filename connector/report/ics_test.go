package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var icsNow = time.Date(2026, 5, 20, 9, 30, 0, 0, time.FixedZone("CEST", 2*3600))

func icsRows() []Row {
	return []Row{
		{Demarche: 1, Number: 12, ServiceName: "CAF de Metz; accueil, \\ « général »", GroupeInstructeur: "AFNOR",
			Status: "incomplet", Deadlines: map[string]string{"report_due": "2026-07-06", "audit_plan_due": "2026-06-01", "bad": "01/06/2026"}},
		{Demarche: 1, Number: 3, Deadlines: map[string]string{"label_expires": "2026-06-01"}},
	}
}

// unfold undoes RFC 5545 folding.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

func TestWriteICS(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, icsRows(), icsNow); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	checkICSLines(t, out)
	u := unfold(out)
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//spplus//Services Publics Plus//FR\r\n",
		"UID:spplus-1-12-audit_plan_due@spplus\r\n",
		"DTSTAMP:20260520T073000Z\r\n",
		"DTSTART;VALUE=DATE:20260601\r\nDTEND;VALUE=DATE:20260602\r\n",
		`SUMMARY:Envoi du plan d'audit – dossier 12 – CAF de Metz\; accueil\, \\ « général »` + "\r\n",
		`DESCRIPTION:Démarche 1\, dossier 12 (AFNOR).\nÉchéance : Envoi du plan d'audit (audit_plan_due).\nStatut SP+ : incomplet.` + "\r\n",
		"TRANSP:TRANSPARENT\r\n",
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(u, want) {
			t.Errorf("feed lacks %q:\n%s", want, u)
		}
	}
	if strings.Contains(u, "bad") {
		t.Errorf("a deadline that is not a date made an event:\n%s", u)
	}
	// Same date: dossier 3 before dossier 12; then the later date.
	i3, i12, iReport := strings.Index(u, "spplus-1-3-"), strings.Index(u, "spplus-1-12-audit"), strings.Index(u, "spplus-1-12-report")
	if !(i3 < i12 && i12 < iReport) {
		t.Errorf("events out of order: %d %d %d", i3, i12, iReport)
	}
	if n := strings.Count(u, "BEGIN:VEVENT"); n != 3 {
		t.Errorf("%d events, want 3", n)
	}
}

func TestWriteICSStable(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteICS(&a, icsRows(), icsNow); err != nil {
		t.Fatal(err)
	}
	if err := WriteICS(&b, icsRows(), icsNow); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two writes of the same rows differ")
	}
}

func TestICSURL(t *testing.T) {
	var buf bytes.Buffer
	c := ICS{Name: "AFNOR", URL: func(r Row) string { return "https://x.fr/d/\r\n" + string(rune('0'+r.Number%10)) }}
	if err := c.Write(&buf, icsRows()[1:], icsNow); err != nil {
		t.Fatal(err)
	}
	u := unfold(buf.String())
	if !strings.Contains(u, "URL:https://x.fr/d/3\r\n") || !strings.Contains(u, "X-WR-CALNAME:AFNOR\r\n") {
		t.Errorf("feed:\n%s", u)
	}
}

func TestICSFolding(t *testing.T) {
	tests := []struct{ name, in string }{
		{"ascii", strings.Repeat("a", 200)},
		{"accents across the fold", strings.Repeat("é", 100)},
		{"four-byte runes", strings.Repeat("😀", 50)},
		{"exactly 75", strings.Repeat("b", 75)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			l := &icsLines{w: &buf}
			l.line(tt.in)
			checkICSLines(t, buf.String())
			if got := strings.TrimSuffix(unfold(buf.String()), "\r\n"); got != tt.in {
				t.Errorf("unfolded = %q, want %q", got, tt.in)
			}
		})
	}
}

// checkICSLines checks RFC 5545 §3.1: CRLF line ends, at most 75 octets per
// line, valid UTF-8.
func checkICSLines(t *testing.T, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\r\n") {
		t.Errorf("output does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if strings.ContainsAny(line, "\r\n") || !utf8.ValidString(line) {
			t.Errorf("line %d holds a bare CR/LF or invalid UTF-8: %q", i+1, line)
		}
	}
}

func FuzzWriteICS(f *testing.F) {
	f.Add("CAF de Metz", "2026-06-01", "report_due")
	f.Add("a;b,c\\d\r\ne\x00f", "2026-02-29", "x y")
	f.Add(strings.Repeat("ü", 80), "9999-12-31", "")
	f.Add("\xff\xfe", "not a date", "deposit_due")
	f.Fuzz(func(t *testing.T, service, date, name string) {
		rows := []Row{{Demarche: 1, Number: 2, ServiceName: service, Status: service, Deadlines: map[string]string{name: date}}}
		var buf bytes.Buffer
		if err := WriteICS(&buf, rows, icsNow); err != nil {
			t.Fatal(err)
		}
		checkICSLines(t, buf.String())
		for _, line := range strings.Split(unfold(buf.String()), "\r\n") {
			if strings.HasPrefix(line, "UID:") && strings.ContainsAny(line[4:], " ;,\\") {
				t.Errorf("UID not safe: %q", line)
			}
		}
	})
}
