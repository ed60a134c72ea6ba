package connector

import (
	"testing"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

func fpDossier() *graphql.Dossier {
	grid := fileChamp(config.FieldAuditGrid, "grille.csv")
	grid.Files[0].URL, grid.Files[0].FetchedAt = "https://ds/blob?sig=1", time.Unix(100, 0)
	return &graphql.Dossier{Number: 5, ID: "D5", State: graphql.StateEnConstruction,
		DateDerniereModificationChamps: time.Unix(1000, 0),
		Champs:                         []graphql.Champ{dateChamp(config.FieldAuditDate, 2026, 6, 15), grid},
		Annotations:                    []graphql.Champ{textChamp("status", "incomplet")},
		Messages:                       []graphql.Message{{Body: "Bonjour"}}}
}

// TestFingerprint: our own writes and signed URLs do not change the
// fingerprint; the candidate's inputs, the state and the scans do.
func TestFingerprint(t *testing.T) {
	fields := testFields(config.FieldAuditDate, config.FieldAuditGrid)
	base := fingerprint(fpDossier(), fields, "cfg")
	same := []struct {
		name string
		mod  func(*graphql.Dossier)
	}{
		{"annotations written", func(d *graphql.Dossier) {
			d.Annotations[0].Text = ptr("complet")
			d.DateDerniereModificationAnnotations = time.Unix(2000, 0)
		}},
		{"message sent", func(d *graphql.Dossier) {
			d.Messages = append(d.Messages, graphql.Message{Body: "Réf. SP+ 123456"})
			d.DateDerniereModification = time.Unix(3000, 0)
		}},
		{"fresh signed url", func(d *graphql.Dossier) {
			d.Champs[1].Files[0].URL, d.Champs[1].Files[0].FetchedAt = "https://ds/blob?sig=2", time.Unix(200, 0)
		}},
		{"unmapped champ", func(d *graphql.Dossier) { d.Champs = append(d.Champs, textChamp("other", "x")) }},
	}
	for _, tt := range same {
		d := fpDossier()
		tt.mod(d)
		if got := fingerprint(d, fields, "cfg"); got != base {
			t.Errorf("%s changed the fingerprint", tt.name)
		}
	}
	changed := []struct {
		name string
		mod  func(*graphql.Dossier)
	}{
		{"state", func(d *graphql.Dossier) { d.State = graphql.StateEnInstruction }},
		{"champs date", func(d *graphql.Dossier) { d.DateDerniereModificationChamps = time.Unix(1001, 0) }},
		{"audit date", func(d *graphql.Dossier) { d.Champs[0].Date = ptr(time.Date(2026, 6, 16, 0, 0, 0, 0, time.UTC)) }},
		{"file checksum", func(d *graphql.Dossier) { d.Champs[1].Files[0].Checksum = "other" }},
		{"virus scan done", func(d *graphql.Dossier) { d.Champs[1].Files[0].VirusScanResult = graphql.VirusScanPending }},
		{"groupe", func(d *graphql.Dossier) { d.GroupeInstructeur.Number = 2 }},
	}
	for _, tt := range changed {
		d := fpDossier()
		tt.mod(d)
		if got := fingerprint(d, fields, "cfg"); got == base {
			t.Errorf("%s did not change the fingerprint", tt.name)
		}
	}
	if fingerprint(fpDossier(), fields, "cfg2") == base {
		t.Error("a config change did not change the fingerprint")
	}
}

func TestConfigFingerprint(t *testing.T) {
	d := config.DefaultDemarche()
	a := configFingerprint(d, rules.DefaultSettings())
	d.Decisions.Accepter = config.PolicyAuto
	if a == configFingerprint(d, rules.DefaultSettings()) || a != configFingerprint(config.DefaultDemarche(), rules.DefaultSettings()) {
		t.Error("config fingerprint does not follow the policies")
	}
}
