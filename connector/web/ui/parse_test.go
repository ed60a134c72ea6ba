package ui

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/spplus/spplus/rules"
)

func TestParseFilter(t *testing.T) {
	tests := []struct {
		query    string
		want     filter
		problems int
	}{
		{"", filter{Within: -1, Sort: "numero", Page: 1}, 0},
		{"etat=accepte&niveau=none&complet=non&echeance=0&groupe=3&q=+CAF+&tri=niveau&ordre=desc&page=2",
			filter{State: "accepte", Level: "none", Complete: "non", Within: 0, Groupe: 3, Query: "CAF", Sort: "niveau", Desc: true, Page: 2}, 0},
		{"etat=x&niveau=y&complet=peut-être&echeance=9999&groupe=0&tri=z&page=0",
			filter{Within: -1, Sort: "numero", Page: 1}, 7},
		{"statut=labellisable+niveau+Or", filter{Status: "labellisable niveau Or", Within: -1, Sort: "numero", Page: 1}, 0},
		{"q=" + strings.Repeat("é", 150), filter{Query: strings.Repeat("é", 100), Within: -1, Sort: "numero", Page: 1}, 0},
	}
	for _, tt := range tests {
		q, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, problems := parseFilter(q)
		if got != tt.want || len(problems) != tt.problems {
			t.Errorf("parseFilter(%q) = %+v, %d problems %v; want %+v, %d", tt.query, got, len(problems), problems, tt.want, tt.problems)
		}
	}
}

func FuzzParseFilter(f *testing.F) {
	f.Add("etat=accepte&tri=niveau&ordre=desc&page=2")
	f.Add("echeance=-5&groupe=99999999999999999999&q=%ff%fe")
	f.Add("statut=%3Cscript%3E&niveau=indetermine")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		got, _ := parseFilter(q)
		if got.Page < 1 || got.Within < -1 || got.Within > maxWithinDays || got.Groupe < 0 {
			t.Errorf("parseFilter(%q) = %+v out of range", raw, got)
		}
		if !utf8.ValidString(got.Query) || !utf8.ValidString(got.Status) || utf8.RuneCountInString(got.Query) > maxQueryRunes {
			t.Errorf("parseFilter(%q) kept an invalid or long text", raw)
		}
		// The links rebuilt from the filter read back as the same filter.
		back, problems := parseFilter(got.withSort(got.values()))
		back.Page = got.Page
		if back != got || len(problems) > 0 {
			t.Errorf("round trip of %+v gave %+v (%v)", got, back, problems)
		}
	})
}

func TestDecodeVerdict(t *testing.T) {
	v, err := decodeVerdict([]byte(verdictIncomplete))
	if err != nil {
		t.Fatal(err)
	}
	if v.blocking() != 1 || v.Users == nil || v.Agents == nil || v.Audit != nil || v.Level != nil {
		t.Fatalf("verdict = %+v", v)
	}
	var codes []string
	for _, q := range v.Agents.Questions {
		codes = append(codes, q.Key)
	}
	if strings.Join(codes, ",") != "Q1,Q2,Q10" {
		t.Errorf("questions in order %v, want the stored order Q1,Q2,Q10", codes)
	}
	if v.Users.Questions[1].Value != nil {
		t.Error("a null note did not stay nil")
	}
	for _, bad := range []string{`{"findings":"x"}`, `{"users_survey":{"questions":[1]}}`, `{"audit":{"engagements":{"1":"a"}}}`, `[`} {
		if _, err := decodeVerdict([]byte(bad)); err == nil {
			t.Errorf("decodeVerdict(%s) gave no error", bad)
		}
	}
	if v, err := decodeVerdict(nil); err != nil || v.Findings != nil {
		t.Errorf("empty verdict: %+v %v", v, err)
	}
}

func FuzzDecodeVerdict(f *testing.F) {
	f.Add([]byte(verdictIncomplete))
	f.Add([]byte(verdictArgent))
	f.Add([]byte(`{"users_survey":{"questions":{"a":1,"b":null}},"central":{"points":3}}`))
	f.Add([]byte(`{"audit":{"engagements":{}}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		v, err := decodeVerdict(raw)
		if err != nil {
			return
		}
		_ = explainLevel(v, rules.DefaultSettings())
		_ = engagementRows(v)
	})
}

func TestFlattenCandidacy(t *testing.T) {
	rows, err := flattenCandidacy([]byte(candidacy101))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var order []string
	for _, r := range rows {
		got[r.Key] = r.Label + " = " + r.Value
		order = append(order, r.Key)
	}
	for key, want := range map[string]string{
		"audit_date":             "Date de l'audit = 15/06/2026",
		"pieces.organigram":      "Pièces : Organigramme = non",
		"users_survey.solicited": "Enquête usagers : personnes sollicitées = 1500",
		"locals[0].name":         "Service local n°1 : nom = Antenne <b>Nord</b>",
		"indicators_since":       "Indicateurs publiés depuis le = —",
		"pieces.identification":  "Pièces : Fiche d'identification = oui",
		"locals[0].audited_year": "Service local n°1 : année de l'audit = 2026",
		"users_survey.file":      "Enquête usagers : fichier = users.csv",
		"service":                "Type de service = local",
		"deposit_date":           "Date de dépôt = 10/05/2026",
		"audit":                  "Type d'audit = initial",
	} {
		if got[key] != want {
			t.Errorf("%s = %q, want %q", key, got[key], want)
		}
	}
	if order[0] != "service" || order[len(order)-1] != "indicators_since" {
		t.Errorf("rows not in the JSON's order: %v", order)
	}
	// rules.Candidacy's own field names find their labels too.
	rows, err = flattenCandidacy([]byte(`{"AuditDate":"2026-06-15","Pieces":{"Organigram":true},"Followup":{"SelfDiagnosticDates":["2025-01-01","2025-12-01"]}}`))
	if err != nil || len(rows) != 3 || rows[0].Label != "Date de l'audit" || rows[2].Value != "01/01/2025, 01/12/2025" {
		t.Errorf("Go field names: %+v %v", rows, err)
	}
	for _, bad := range []string{`{`, `{"a":1}x`, `nul`} {
		if _, err := flattenCandidacy([]byte(bad)); err == nil {
			t.Errorf("flattenCandidacy(%s) gave no error", bad)
		}
	}
}

func FuzzFlattenCandidacy(f *testing.F) {
	f.Add([]byte(candidacy101))
	f.Add([]byte(`{"a":[[[[[[1]]]]]],"b":{"c":{"d":{"e":{"f":1}}}}}`))
	f.Add([]byte(`[1,2,{"x":null}]`))
	f.Add([]byte(`"2026-01-01"`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		rows, err := flattenCandidacy(raw)
		if err != nil {
			return
		}
		if len(rows) > maxCandidacyRows {
			t.Errorf("%d rows, want at most %d", len(rows), maxCandidacyRows)
		}
	})
}

func TestExplainLevel(t *testing.T) {
	s := rules.DefaultSettings()
	f := func(v float64) *float64 { return &v }
	none := "none"
	tests := []struct {
		name    string
		v       verdictView
		summary string
		reason  string
	}{
		{"undecided", verdictView{Users: &surveyView{Valid: false, InvalidReasons: []string{"solicited_unknown"}}},
			"ne peut pas encore être déterminé", "Enquête usagers non valide (nombre de personnes sollicitées inconnu)"},
		{"no grid", verdictView{Users: &surveyView{Valid: true}, Agents: &surveyView{Valid: true}},
			"ne peut pas encore être déterminé", "Grille d'audit absente"},
		{"below bronze", verdictView{Level: &none, Users: &surveyView{Valid: true, Score: f(69.5)}, Agents: &surveyView{Valid: true, Score: f(80)},
			Audit: &auditView{Engagements: []keyScore{{"1", f(90)}, {"2", f(45)}}, OrCriteria: f(90)}},
			"n'atteignent pas le premier palier", "Engagements de l'audit (note la plus basse) : 45,00 pour un minimum de 50,00"},
		{"rounding hides the gap", verdictView{Level: ptr("argent"), Users: &surveyView{Valid: true, Score: f(90)}, Agents: &surveyView{Valid: true, Score: f(80)},
			Audit: &auditView{Engagements: []keyScore{{"1", f(80)}}, OrCriteria: f(80)}},
			"Pour le palier Or, il manque", "à sa valeur exacte, reste sous le seuil"},
		{"central", verdictView{Level: ptr("argent"), Central: &centralView{Points: 10, Validated: 8, ValidatedPct: f(80), Passed: true}},
			"Service central", "8 points validés sur 10 (80,00 %) : seuil atteint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := explainLevel(tt.v, s)
			if !strings.Contains(e.Summary, tt.summary) || !strings.Contains(strings.Join(e.Reasons, "\n"), tt.reason) {
				t.Errorf("explanation %q %q, want %q and %q", e.Summary, e.Reasons, tt.summary, tt.reason)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestCountMonths(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 20, 10, 0, 0, 0, paris)
	points := map[int][]evalPoint{
		1: {{time.Date(2026, 2, 3, 0, 0, 0, 0, paris), "", false}, {time.Date(2026, 3, 31, 23, 30, 0, 0, paris), "argent", true}},
		2: {{time.Date(2026, 5, 20, 11, 0, 0, 0, paris), "or", true}}, // after now: not counted
	}
	months := countMonths(points, now, 4)
	want := []struct {
		label          string
		total, argent  int
		complete, none int
	}{{"févr. 26", 1, 0, 0, 0}, {"mars 26", 1, 1, 1, 0}, {"avr. 26", 1, 1, 1, 0}, {"mai 26", 1, 1, 1, 0}}
	for i, w := range want {
		m := months[i]
		if m.Label != w.label || m.Total != w.total || m.Levels["argent"] != w.argent || m.Complete != w.complete {
			t.Errorf("month %d = %+v, want %+v", i, m, w)
		}
	}
}

func TestNiceMaxAndChart(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 4, 4: 4, 5: 8, 9: 20, 30: 40, 101: 200, 5000: 8000} {
		if got := niceMax(n); got != want {
			t.Errorf("niceMax(%d) = %d, want %d", n, got, want)
		}
	}
	c := levelChart([]monthState{{Label: "mai 26", Levels: map[string]int{"or": 2, "none": 2}, Total: 4}})
	if len(c.Bars) != 1 || len(c.Bars[0].Segments) != 2 || c.Bars[0].Segments[1].Y != plotTop {
		t.Errorf("chart = %+v", c.Bars)
	}
	if e := levelChart(nil); !e.Empty {
		t.Error("a chart without data is not marked empty")
	}
}
