package attestation

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// FuzzDecodeInput feeds arbitrary JSON to DecodeInput: it must never panic,
// and whatever it accepts must render.
func FuzzDecodeInput(f *testing.F) {
	f.Add(docExample)
	f.Add(`{"service_name":"DGFiP","level":"or","decision_date":"2026-12-15","certification_body":"B","demarche":3,"dossier":7,"central":true,"locals":[{"name":"SIP","level":"or","year":2026}]}`)
	f.Add(`{"service_name":"(\\)","level":"bronze","decision_date":"2028-02-29","certification_body":"\u0000","demarche":1,"dossier":1,"sites":["\n"]}`)
	f.Add(`{"decision_date":"9999-12-31"}`)
	f.Add(`[]`)
	f.Add(``)
	f.Fuzz(func(t *testing.T, in string) {
		a, err := DecodeInput(strings.NewReader(in))
		if err != nil {
			return
		}
		if err := Render(a, io.Discard); err != nil {
			t.Fatalf("accepted input does not render: %v\n%s", err, in)
		}
	})
}

// FuzzFromRecord feeds arbitrary stored candidacies and verdicts to
// FromRecord: no panic, and an accepted record renders.
func FuzzFromRecord(f *testing.F) {
	f.Add(`{"Service":"central","Central":{"Locals":[{"Name":"SIP","AuditedYear":2026,"Level":"or"}]}}`, `{"level":"or"}`, "")
	f.Add(`{"service":"central","locals":[{"name":"SIP","audited_year":2026,"level":"argent"}]}`, ``, "bronze")
	f.Add(``, `{"level":null}`, "")
	f.Add(`{"service":1}`, `[`, "or")
	f.Fuzz(func(t *testing.T, candidacy, verdict, level string) {
		r := Record{Demarche: 1, Dossier: 2, ServiceName: "S", GroupeInstructeur: "B", Level: level,
			Candidacy: []byte(candidacy), Verdict: []byte(verdict), DecisionDate: rules.NewDate(2026, 7, 1)}
		a, err := FromRecord(r)
		if err != nil {
			return
		}
		if err := Render(a, io.Discard); err != nil {
			t.Fatalf("accepted record does not render: %v", err)
		}
	})
}

// FuzzRender renders arbitrary names: no panic, a PDF always comes out.
func FuzzRender(f *testing.F) {
	f.Add("Mairie (annexe) \\ ((", "AFNOR", "Metz")
	f.Add(strings.Repeat("W", 700), "\x00\r\n", "日本 🙂")
	f.Add("Œuvre « sociale »", "é\xff", "")
	f.Fuzz(func(t *testing.T, name, body, site string) {
		a := centralFixture(2)
		a.ServiceName, a.CertificationBody, a.Sites = "S"+name, "B"+body, []string{site}
		a.Locals[0].Name = "L" + name
		var buf bytes.Buffer
		err := Render(a, &buf)
		if err != nil {
			if a.Validate() == nil {
				t.Fatalf("valid attestation does not render: %v", err)
			}
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("output is not a PDF")
		}
	})
}
