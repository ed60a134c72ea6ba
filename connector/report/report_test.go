package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/spplus/spplus/connector/store"
)

func sampleSnapshot() store.Snapshot {
	return store.Snapshot{
		Number: 7, ServiceName: "=HYPERLINK(\"http://evil\")", GroupeInstructeur: "AFNOR Certification",
		State: "en_construction", Status: "incomplet", Complete: false, Level: "",
		Findings:    []string{"MISSING_ORGANIGRAM", "EMPTY_QUESTION"},
		Deadlines:   map[string]string{"deposit_due": "2026-05-15", "report_due": "2026-07-06", "audit_plan_due": "2026-06-01"},
		EvaluatedAt: time.Date(2026, 5, 2, 8, 30, 0, 0, time.UTC),
		Verdict:     json.RawMessage(`{"findings":[{"rule":"MISSING_ORGANIGRAM","severity":"blocking"},{"rule":"EMPTY_QUESTION","severity":"warning"}]}`),
	}
}

func TestFromSnapshot(t *testing.T) {
	r := FromSnapshot(1, sampleSnapshot(), "2026-05-20")
	if r.Blocking != 1 {
		t.Errorf("Blocking = %d, want 1", r.Blocking)
	}
	if r.NextDeadline == nil || r.NextDeadline.Name != "audit_plan_due" || r.NextDeadline.Date != "2026-06-01" {
		t.Errorf("NextDeadline = %+v, want audit_plan_due 2026-06-01 (deposit_due is past)", r.NextDeadline)
	}
	if r.Level != nil {
		t.Errorf("Level = %v, want nil (JSON null) when not computed", *r.Level)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	// The keys export --json promises (ARCHITECTURE.md).
	for _, key := range []string{`"number":7`, `"ds_state":"en_construction"`, `"complete":false`, `"level":null`, `"findings":["MISSING_ORGANIGRAM","EMPTY_QUESTION"]`, `"deadlines":{`, `"evaluated_at":"2026-05-02T08:30:00Z"`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("JSON %s lacks %s", b, key)
		}
	}
}

func TestWriteCSVFrenchExcel(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, FromSnapshots(1, []store.Snapshot{sampleSnapshot()}, "2026-05-20"), paris); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeffDémarche;Dossier;") {
		t.Errorf("CSV must start with a BOM and a ;-separated header, got %q", out[:30])
	}
	for _, want := range []string{
		`'=HYPERLINK(""http://evil"")`, // formula neutralised
		"audit_plan_due;01/06/2026;",   // dd/mm/yyyy
		"02/05/2026 10:30",             // Paris time
		"\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q:\n%s", want, out)
		}
	}
}

func TestNeutralizeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+33 1": "'+33 1", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx",
		"CAF de Metz": "CAF de Metz", "": "",
	} {
		if got := NeutralizeCell(in); got != want {
			t.Errorf("NeutralizeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty export = %q, want []", buf.String())
	}
}
