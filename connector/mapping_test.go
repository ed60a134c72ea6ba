package connector

import (
	"strings"
	"testing"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// testFields maps each key to a descriptor id "d:<key>".
func testFields(keys ...string) map[string]string {
	m := map[string]string{}
	for _, k := range keys {
		m[k] = "d:" + k
	}
	return m
}

func champ(key, typename string, set func(*graphql.Champ)) graphql.Champ {
	label := key
	if s, ok := config.FieldByKey(key); ok {
		label = s.Label
	}
	c := graphql.Champ{Typename: typename, ID: "c:" + key, ChampDescriptorID: "d:" + key, Label: label}
	if set != nil {
		set(&c)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

func textChamp(key, v string) graphql.Champ {
	return champ(key, "TextChamp", func(c *graphql.Champ) { c.Text, c.StringValue = ptr(v), v })
}

func dateChamp(key string, y int, m time.Month, d int) graphql.Champ {
	return champ(key, "DateChamp", func(c *graphql.Champ) { c.Date = ptr(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) })
}

func fileChamp(key string, names ...string) graphql.Champ {
	return champ(key, "PieceJustificativeChamp", func(c *graphql.Champ) {
		for _, n := range names {
			c.Files = append(c.Files, graphql.File{Filename: n, Checksum: "sum-" + n, VirusScanResult: graphql.VirusScanSafe})
		}
	})
}

// TestToCandidacy: one row per input kind and per way a champ can be wrong.
func TestToCandidacy(t *testing.T) {
	paris := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name    string
		champs  []graphql.Champ
		dossier func(*graphql.Dossier)
		check   func(rules.Candidacy) bool
		invalid string // key of the expected FIELD_INVALID, "" for none
	}{
		{"date champ", []graphql.Champ{dateChamp(config.FieldAuditDate, 2026, 6, 15)},
			nil, func(c rules.Candidacy) bool { return c.AuditDate == rules.NewDate(2026, 6, 15) }, ""},
		{"date typed in a text champ", []graphql.Champ{textChamp(config.FieldAuditDate, "15/06/2026")},
			nil, func(c rules.Candidacy) bool { return c.AuditDate == rules.NewDate(2026, 6, 15) }, ""},
		{"unreadable date", []graphql.Champ{textChamp(config.FieldAuditDate, "mi-juin")},
			nil, func(c rules.Candidacy) bool { return c.AuditDate.IsZero() }, config.FieldAuditDate},
		{"number where a date is expected", []graphql.Champ{champ(config.FieldAuditDate, "IntegerNumberChamp", func(c *graphql.Champ) { c.Integer = ptr(int64(3)) })},
			nil, func(c rules.Candidacy) bool { return c.AuditDate.IsZero() }, config.FieldAuditDate},
		{"blank date is absent, not invalid", []graphql.Champ{champ(config.FieldAuditDate, "DateChamp", nil)},
			nil, func(c rules.Candidacy) bool { return c.AuditDate.IsZero() }, ""},
		{"integer", []graphql.Champ{champ(config.FieldUsersSolicited, "IntegerNumberChamp", func(c *graphql.Champ) { c.Integer = ptr(int64(1500)) })},
			nil, func(c rules.Candidacy) bool { return c.UsersSurvey.Solicited == 1500 }, ""},
		{"integer typed with a space", []graphql.Champ{textChamp(config.FieldUsersSolicited, "1 500")},
			nil, func(c rules.Candidacy) bool { return c.UsersSurvey.Solicited == 1500 }, ""},
		{"fractional count", []graphql.Champ{champ(config.FieldUsersSolicited, "DecimalNumberChamp", func(c *graphql.Champ) { c.Decimal = ptr(12.5) })},
			nil, func(c rules.Candidacy) bool { return c.UsersSurvey.Solicited == 0 }, config.FieldUsersSolicited},
		{"negative count", []graphql.Champ{champ(config.FieldUsersSolicited, "IntegerNumberChamp", func(c *graphql.Champ) { c.Integer = ptr(int64(-4)) })},
			nil, func(c rules.Candidacy) bool { return c.UsersSurvey.Solicited == 0 }, config.FieldUsersSolicited},
		{"declared score", []graphql.Champ{champ(config.FieldUsersDeclaredScore, "DecimalNumberChamp", func(c *graphql.Champ) { c.Decimal = ptr(85.67) })},
			nil, func(c rules.Candidacy) bool { return c.UsersSurvey.DeclaredScore.String() == "85.67" }, ""},
		{"declared score off the scale", []graphql.Champ{champ(config.FieldUsersDeclaredScore, "DecimalNumberChamp", func(c *graphql.Champ) { c.Decimal = ptr(120.0) })},
			nil, func(c rules.Candidacy) bool { return !c.UsersSurvey.DeclaredScore.Known() }, config.FieldUsersDeclaredScore},
		{"central service", []graphql.Champ{champ(config.FieldService, "DropDownListChamp", func(c *graphql.Champ) { c.Text = ptr("Service central") })},
			nil, func(c rules.Candidacy) bool { return c.Service == rules.ServiceCentral }, ""},
		{"unknown service option", []graphql.Champ{textChamp(config.FieldService, "Autre")},
			nil, func(c rules.Candidacy) bool { return c.Service == "" }, config.FieldService},
		{"follow-up audit", []graphql.Champ{textChamp(config.FieldAudit, "AUDIT DE SUIVI")},
			nil, func(c rules.Candidacy) bool { return c.Audit == rules.AuditFollowup }, ""},
		{"options match whatever their accents, case and spaces", []graphql.Champ{textChamp(config.FieldAudit, "  Audit de\u00a0RENOUVELLEMENT "),
			textChamp(config.FieldService, "SERVICE  Déconcentré (local)")},
			nil, func(c rules.Candidacy) bool { return c.Audit == rules.AuditRenewal && c.Service == rules.ServiceLocal }, ""},
		{"a local level written « Non labellisé »", []graphql.Champ{champ(config.FieldLocals, "RepetitionChamp", func(c *graphql.Champ) {
			c.Rows = []graphql.Row{{ID: "r1", Champs: []graphql.Champ{textChamp(config.FieldLocalLevel, "NON LABELLISÉ")}}}
		})}, nil, func(c rules.Candidacy) bool {
			return len(c.Central.Locals) == 1 && c.Central.Locals[0].Level == rules.LevelNone
		}, ""},
		{"département champ", []graphql.Champ{champ(config.FieldDepartement, "DepartementChamp", func(c *graphql.Champ) { c.Departement = &graphql.Departement{Code: "57"} })},
			nil, func(c rules.Candidacy) bool { return c.Departement == "57" }, ""},
		{"département from the address", []graphql.Champ{champ(config.FieldServiceAddress, "AddressChamp", func(c *graphql.Champ) { c.Address = &graphql.Address{PostalCode: "67000"} })},
			nil, func(c rules.Candidacy) bool { return c.Departement == "67" }, ""},
		{"département from the config", nil,
			nil, func(c rules.Candidacy) bool { return c.Departement == "971" }, ""},
		{"bad département text", []graphql.Champ{textChamp(config.FieldDepartement, "Moselle")},
			nil, func(c rules.Candidacy) bool { return c.Departement == "971" }, config.FieldDepartement},
		{"piece with a file", []graphql.Champ{fileChamp(config.FieldOrganigram, "orga.pdf")},
			nil, func(c rules.Candidacy) bool { return c.Pieces.Organigram }, ""},
		{"piece without file", []graphql.Champ{fileChamp(config.FieldOrganigram)},
			nil, func(c rules.Candidacy) bool { return !c.Pieces.Organigram }, ""},
		{"text where a file is expected", []graphql.Champ{textChamp(config.FieldOrganigram, "voir courrier")},
			nil, func(c rules.Candidacy) bool { return !c.Pieces.Organigram }, config.FieldOrganigram},
		{"certification body from the groupe instructeur", nil,
			func(d *graphql.Dossier) {
				d.GroupeInstructeur = graphql.GroupeInstructeur{Number: 2, Label: "Bureau Veritas"}
			},
			func(c rules.Candidacy) bool { return c.Pieces.CertificationBody }, ""},
		{"deposit date in Paris, just after midnight", nil,
			func(d *graphql.Dossier) { d.DateDepot = time.Date(2026, 5, 10, 0, 30, 0, 0, paris) },
			func(c rules.Candidacy) bool { return c.DepositDate == rules.NewDate(2026, 5, 10) }, ""},
		{"locals of a central service", []graphql.Champ{champ(config.FieldLocals, "RepetitionChamp", func(c *graphql.Champ) {
			c.Rows = []graphql.Row{{ID: "r1", Champs: []graphql.Champ{textChamp(config.FieldLocalName, "Metz"),
				champ(config.FieldLocalLevel, "DropDownListChamp", func(c *graphql.Champ) { c.Text = ptr("Argent") }),
				champ(config.FieldLocalAuditedYear, "IntegerNumberChamp", func(c *graphql.Champ) { c.Integer = ptr(int64(2026)) })}}}
		})}, nil, func(c rules.Candidacy) bool {
			l := c.Central.Locals
			return len(l) == 1 && l[0].Name == "Metz" && l[0].Level == rules.LevelArgent && l[0].AuditedYear == 2026
		}, ""},
	}
	fields := testFields(config.FieldAuditDate, config.FieldUsersSolicited, config.FieldUsersDeclaredScore, config.FieldService,
		config.FieldAudit, config.FieldDepartement, config.FieldServiceAddress, config.FieldOrganigram, config.FieldLocals,
		config.FieldLocalName, config.FieldLocalLevel, config.FieldLocalAuditedYear)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &graphql.Dossier{Number: 1, Champs: tt.champs}
			if tt.dossier != nil {
				tt.dossier(d)
			}
			c, problems := toCandidacy(d, fields, "971", nil)
			if !tt.check(c) {
				t.Errorf("candidacy: %+v", c)
			}
			switch {
			case tt.invalid == "" && len(problems) > 0:
				t.Errorf("unexpected problems: %+v", problems)
			case tt.invalid != "" && (len(problems) != 1 || problems[0].Key != tt.invalid):
				t.Errorf("problems = %+v, want one on %s", problems, tt.invalid)
			case tt.invalid != "":
				f := problems[0].finding()
				spec, _ := config.FieldByKey(tt.invalid)
				if f.Rule != RuleFieldInvalid || f.Severity != rules.Blocking || !strings.Contains(f.Message, spec.Label) {
					t.Errorf("finding = %+v", f)
				}
			}
		})
	}
}

// TestFieldInvalidMakesIncomplete: an unreadable champ is a blocking
// finding in the outcome, listed first.
func TestFieldInvalidMakesIncomplete(t *testing.T) {
	v := rules.Verdict{Complete: true, Findings: []rules.Finding{{Rule: rules.ScoreMismatch, Severity: rules.Warning}}}
	o := newOutcome(v, []fieldProblem{{Key: "audit_date", Label: "Date de l'audit", Expected: "une date", Got: "x"}}, rules.Candidacy{}, "", rules.DefaultSettings())
	if o.Complete || o.Findings[0].Rule != RuleFieldInvalid || len(o.blocking()) != 1 {
		t.Fatalf("outcome = %+v", o)
	}
}

func TestPickDataFile(t *testing.T) {
	pdf := graphql.File{Filename: "rapport.pdf", ContentType: "application/pdf"}
	csv := graphql.File{Filename: "reponses.CSV"}
	xlsx := graphql.File{Filename: "export", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
	tests := []struct {
		files  []graphql.File
		strict bool
		want   string
		ok     bool
	}{
		{[]graphql.File{pdf, csv}, false, "reponses.CSV", true},
		{[]graphql.File{pdf, xlsx}, false, "export", true},
		{[]graphql.File{pdf}, false, "", false},
		{[]graphql.File{pdf}, true, "rapport.pdf", true}, // a grid champ: the PDF is reported unreadable
		{nil, true, "", false},
	}
	for _, tt := range tests {
		f, ok := pickDataFile(tt.files, tt.strict)
		if ok != tt.ok || f.Filename != tt.want {
			t.Errorf("pickDataFile(%v, %t) = %q %t, want %q %t", tt.files, tt.strict, f.Filename, ok, tt.want, tt.ok)
		}
	}
}
