package ui

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
)

// The fixture: démarche 1, groupe 1 (AFNOR Certification) with dossiers
// 101–103, groupe 2 (Bureau Veritas Certification) with 201–203.
const (
	fxDemarche  = 1
	fxDSToken   = "ds-token-DO-NOT-SHOW-7f3a"
	afnorToken  = "afnor-token-0123456789abcdefghijklmnop"
	bvToken     = "bv-token-0123456789abcdefghijklmnopqrs"
	ditpToken   = "ditp-token-0123456789abcdefghijklmnopq"
	bvSecret    = "Secret BV – CPAM de Lyon"
	hostileName = "<script>alert(1)</script> Préfecture"
)

// fxNow is "now" for every test: 20 May 2026, 10:00 in Paris.
var fxNow = time.Date(2026, 5, 20, 8, 0, 0, 0, time.UTC)

func fxClock() time.Time { return fxNow }

// verdictIncomplete is a verdict with a blocking and a warning finding, a
// valid users' survey and no level.
const verdictIncomplete = `{"complete":false,"findings":[
 {"rule":"MISSING_ORGANIGRAM","severity":"blocking","section":"3.5.1","message":"L'organigramme du service candidat n'est pas joint."},
 {"rule":"EMPTY_QUESTION","severity":"warning","section":"3.4","message":"La question E6_1 n'a reçu aucune réponse."}],
 "users_survey":{"survey":"users","respondents":112,"admissible":100,"solicited":1500,"response_rate":6.67,"valid":true,"invalid_reasons":[],
  "questions":{"E1_1":78.95,"E6_1":null,"SATISFACTION":90},"engagements":{"1":72.81,"2":100,"6":null},"satisfaction":90,"score":74.31},
 "agents_survey":{"survey":"agents","respondents":10,"admissible":10,"solicited":80,"headcount":85,"response_rate":12.5,"valid":false,
  "invalid_reasons":["too_few_admissible","response_rate_too_low"],"questions":{"Q1":50,"Q2":60,"Q10":70},"score":60},
 "audit":null,"level":null,"deadlines":{},"central":null}`

// verdictArgent is complete, level argent: users 85 misses or's 90.
const verdictArgent = `{"complete":true,"findings":[],
 "users_survey":{"survey":"users","respondents":200,"admissible":190,"solicited":2000,"response_rate":9.5,"valid":true,"invalid_reasons":[],
  "questions":{"E1_1":85},"engagements":{"1":85,"2":85,"3":85,"4":85,"5":85,"6":85,"7":85,"8":85},"satisfaction":85,"score":85},
 "agents_survey":{"survey":"agents","respondents":60,"admissible":60,"solicited":80,"headcount":80,"response_rate":75,"valid":true,"invalid_reasons":[],
  "questions":{"Q1":82},"score":82},
 "audit":{"grid":"local","points":18,"engagements":{"1":90,"2":90,"3":90,"4":90,"5":90,"6":90,"7":90,"8":90},"or_criteria":85},
 "level":"argent","deadlines":{},"central":null}`

const verdictOr = `{"complete":true,"findings":[],"users_survey":null,"agents_survey":null,
 "audit":{"grid":"local","points":18,"engagements":{"1":100},"or_criteria":100},"level":"or","deadlines":{},"central":null}`

const candidacy101 = `{"service":"local","audit":"initial","audit_date":"2026-06-15","deposit_date":"2026-05-10",
 "pieces":{"identification":true,"organigram":false},"users_survey":{"file":"users.csv","solicited":1500},
 "locals":[{"name":"Antenne <b>Nord</b>","audited_year":2026}],"indicators_since":null}`

func fxSnapshots() []store.Snapshot {
	month := func(m time.Month) time.Time { return time.Date(2026, m, 10, 9, 0, 0, 0, time.UTC) }
	return []store.Snapshot{
		{Number: 101, State: "en_construction", GroupeNumber: 1, GroupeInstructeur: "AFNOR Certification",
			ServiceName: "CAF de Metz", Departement: "57", Status: "incomplet", Complete: false,
			Findings: []string{"MISSING_ORGANIGRAM", "EMPTY_QUESTION"}, Verdict: json.RawMessage(verdictIncomplete),
			Candidacy: json.RawMessage(candidacy101), EvaluatedAt: month(5),
			Deadlines: map[string]string{"deposit_due": "2026-05-15", "audit_plan_due": "2026-06-01", "report_due": "2026-07-06"}},
		{Number: 102, State: "en_instruction", GroupeNumber: 1, GroupeInstructeur: "AFNOR Certification",
			ServiceName: hostileName, Status: "labellisable niveau Argent", Complete: true, Level: "argent",
			Verdict: json.RawMessage(verdictArgent), EvaluatedAt: month(3),
			Deadlines: map[string]string{"label_expires": "2029-03-01", "renewal_invite": "2028-06-01"}},
		{Number: 103, State: "accepte", GroupeNumber: 1, GroupeInstructeur: "AFNOR Certification",
			ServiceName: `=HYPERLINK("http://evil")`, Status: "labellisable niveau Or", Complete: true, Level: "or",
			Verdict: json.RawMessage(verdictOr), EvaluatedAt: month(1),
			Deadlines: map[string]string{"followup_target": "2026-06-10"}},
		{Number: 201, State: "en_construction", GroupeNumber: 2, GroupeInstructeur: "Bureau Veritas Certification",
			ServiceName: bvSecret, Status: "incomplet", Complete: false, Verdict: json.RawMessage(verdictIncomplete),
			EvaluatedAt: month(4), Deadlines: map[string]string{"audit_plan_due": "2026-06-10"}},
		{Number: 202, State: "en_construction", GroupeNumber: 2, GroupeInstructeur: "Bureau Veritas Certification",
			ServiceName: "CPAM de Nice", Status: "incomplet", EvaluatedAt: month(2)},
		{Number: 203, State: "en_construction", GroupeNumber: 2, GroupeInstructeur: "Bureau Veritas Certification",
			ServiceName: "Dossier supprimé", EvaluatedAt: month(2)},
	}
}

// newFixtureStore fills a temporary store with the fixture.
func newFixtureStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "spplus.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	for _, s := range fxSnapshots() {
		entries := []store.JournalEntry{{At: s.EvaluatedAt, Kind: "evaluated", Message: "evaluated: level=" + s.Level,
			Details: json.RawMessage(`{"complete":` + ouiNonJSON(s.Complete) + `,"level":` + levelJSON(s.Level) + `}`)}}
		if _, err := st.SaveSnapshotAndPlan(fxDemarche, s, nil, entries); err != nil {
			t.Fatal(err)
		}
	}
	fxHistory(t, st)
	return st
}

func ouiNonJSON(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func levelJSON(l string) string {
	if l == "" {
		return "null"
	}
	return `"` + l + `"`
}

// fxHistory adds journal entries, a quarantine, a deletion and passes.
func fxHistory(t testing.TB, st *store.Store) {
	t.Helper()
	at := func(h int) time.Time { return fxNow.Add(time.Duration(h) * time.Hour) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// An older evaluation of 102: incomplete in February.
	must(st.AppendJournal(fxDemarche,
		store.JournalEntry{At: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC), Dossier: 102, Kind: "evaluated", Details: json.RawMessage(`{"complete":false,"level":null}`)},
		store.JournalEntry{At: at(-3), Dossier: 101, Kind: "planned", Action: "101/message/3f9c2a", Message: "message: pièces manquantes"},
		store.JournalEntry{At: at(-3), Dossier: 101, Kind: "done", Action: "101/message/3f9c2a", Message: "message sent"},
		store.JournalEntry{At: at(-3), Dossier: 201, Kind: "done", Action: "201/annotations/a1", Message: "annotations set for " + bvSecret},
	))
	for range 5 {
		_, err := st.RecordFailure(fxDemarche, 202, "dossier 202: download failed with token "+fxDSToken, 5, at(-2))
		must(err)
	}
	must(st.MarkDeleted(fxDemarche, 203, at(-1)))
	pass := func(start time.Time, trigger string, dossier int, outcome, errText string) {
		p, err := st.StartPass(fxDemarche, store.Pass{Start: start, Trigger: trigger, Dossier: dossier})
		must(err)
		p.End, p.Outcome, p.Seen, p.Evaluated, p.Actions, p.Errors, p.Error = start.Add(90*time.Second), outcome, 6, 4, 3, 1, errText
		must(st.FinishPass(fxDemarche, p))
	}
	pass(at(-4), store.TriggerCron, 0, store.OutcomeSuccess, "")
	pass(at(-3).Add(-time.Minute), store.TriggerCron, 0, store.OutcomePartial, "dossier 202 of "+bvSecret+" failed")
	pass(at(-1), store.TriggerWebhook, 201, store.OutcomeSuccess, "")
}

// fxUsers are the web users: the DITP, AFNOR (groupe 1, token and
// password), Bureau Veritas (groupe 2).
func fxUsers(t testing.TB) []config.WebUser {
	t.Helper()
	hash := func(tok string) string {
		h, err := config.HashToken(tok)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	pw, err := config.HashPassword("afnor-password")
	if err != nil {
		t.Fatal(err)
	}
	return []config.WebUser{
		{Name: "DITP", Role: config.RoleDITP, TokenHash: hash(ditpToken)},
		{Name: "AFNOR", Role: config.RoleBody, Groupes: []int{1}, TokenHash: hash(afnorToken), PasswordHash: pw},
		{Name: "BV", Role: config.RoleBody, Groupes: []int{2}, TokenHash: hash(bvToken)},
	}
}

// newFixtureHandler is the handler over the fixture store with fxUsers.
func newFixtureHandler(t testing.TB, st Source, users []config.WebUser, addr string) *Handler {
	t.Helper()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Options{
		Source: st, Now: fxClock, Users: users, DSBaseURL: "https://demarche.numerique.gouv.fr/",
		Addr: addr, Logger: zerolog.Nop(), Location: paris, Secrets: []string{fxDSToken},
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}
