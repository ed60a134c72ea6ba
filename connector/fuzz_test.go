package connector

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// FuzzMapChamps feeds any text to every mapped champ (as DS would send a
// text champ where the config expects a date, a number, a choice...): the
// mapping must never panic, and every problem must become a finding that
// names the champ.
func FuzzMapChamps(f *testing.F) {
	for _, s := range []string{"", "2026-06-15", "15/06/2026", "1 500", "-3", "57 – Moselle", "Service central",
		"Audit de suivi", "Aucun", "2026-02-30", "99999999999999999999", "\x00\xff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"} {
		f.Add(s, 12.5)
	}
	fields := map[string]string{}
	for _, spec := range config.Fields() {
		fields[spec.Key] = "d:" + spec.Key
	}
	f.Fuzz(func(t *testing.T, text string, num float64) {
		var champs []graphql.Champ
		for _, spec := range config.Fields() {
			c := textChamp(spec.Key, text)
			if spec.Kind == config.KindDecimal || spec.Kind == config.KindInteger {
				c = champ(spec.Key, "DecimalNumberChamp", func(c *graphql.Champ) { c.Decimal = ptr(num) })
			}
			champs = append(champs, c)
		}
		rows := champ(config.FieldLocals, "RepetitionChamp", func(c *graphql.Champ) {
			c.Rows = []graphql.Row{{ID: "r", Champs: champs}}
		})
		d := &graphql.Dossier{Number: 1, Champs: append(champs, rows)}
		c, problems := toCandidacy(d, fields, text, nil)
		v := rules.Evaluate(c, rules.DefaultSettings())
		o := newOutcome(v, problems, c, text, rules.DefaultSettings())
		for _, p := range problems {
			if f := p.finding(); f.Rule != RuleFieldInvalid || !strings.Contains(f.Message, p.Label) {
				t.Fatalf("finding %+v does not name %q", f, p.Label)
			}
		}
		if len(problems) > 0 && o.Complete {
			t.Fatal("a dossier with an unreadable champ is complete")
		}
	})
}

// FuzzParseTextDate: a date typed in a text champ is either refused or a
// real calendar day that reads back the same.
func FuzzParseTextDate(f *testing.F) {
	for _, s := range []string{"2026-06-15", "15/06/2026", "31/02/2026", "2026-13-01", " 01/01/2000 ", "1/1/2000", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseTextDate(s)
		if err != nil {
			return
		}
		back, err := rules.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("parseTextDate(%q) = %v, which does not read back (%v)", s, d, err)
		}
	})
}

// FuzzParsedFileJSON: a cached parsed file read back from a snapshot
// (written by this or another version) never panics, and what it reads
// encodes again.
func FuzzParsedFileJSON(f *testing.F) {
	f.Add([]byte(`{"n":"g.csv","c":"x","s":"safe","g":[["1.1",1,0,3],["OR",0,1,4]]}`))
	f.Add([]byte(`{"n":"u.csv","c":"y","s":"safe","t":{"r":3,"a":2,"c":[[0,1,0,1,0]]}}`))
	f.Add([]byte(`{"g":[[1,"a",null,{}]]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var pf parsedFile
		if err := json.Unmarshal(b, &pf); err != nil {
			return
		}
		if _, err := json.Marshal(pf); err != nil {
			t.Fatalf("re-encode %+v: %v", pf, err)
		}
	})
}
