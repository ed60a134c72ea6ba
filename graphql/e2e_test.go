package graphql

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/graphql/sandbox"
	"github.com/spplus/spplus/graphql/sandbox/gen"
)

// End-to-end suite: the client against the DS-compatible sandbox.

const e2eToken = "e2e-token-9f8e7d6c5b4a"

// e2eClock is the clock shared by the sandbox and the client; only the
// test moves it.
type e2eClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *e2eClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *e2eClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// e2e is a sandbox over generated data and a client for it.
type e2e struct {
	sb    *sandbox.Server
	srv   *httptest.Server
	c     *Client
	clock *e2eClock
	rec   *recorder
	logs  *syncBuffer
}

// genData generates n dossiers, deterministically.
func genData(tb testing.TB, n int) []byte {
	tb.Helper()
	data, err := gen.Generate(gen.Options{N: n, Seed: 42, Now: gen.DemoNow()})
	if err != nil {
		tb.Fatalf("generate %d dossiers: %v", n, err)
	}
	return data
}

// newE2E starts a sandbox over data with sbMod applied to its options, and a
// client sharing its clock, whose backoffs advance that clock instantly.
func newE2E(tb testing.TB, data []byte, sbMod func(*sandbox.Options), mod func(*Options)) *e2e {
	tb.Helper()
	clock := &e2eClock{t: gen.DemoNow().Add(24 * time.Hour)}
	sbOpts := sandbox.Options{Token: e2eToken, Now: clock.Now, RateLimitPerMinute: -1}
	if sbMod != nil {
		sbMod(&sbOpts)
	}
	sb, err := sandbox.New(data, sbOpts)
	if err != nil {
		tb.Fatalf("sandbox: %v", err)
	}
	srv := httptest.NewServer(sb)
	tb.Cleanup(srv.Close)
	rec, logs := &recorder{}, &syncBuffer{}
	opts := Options{BaseURL: srv.URL, Token: e2eToken, HTTPClient: srv.Client(), RequestsPerMinute: 1_000_000,
		Now: clock.Now, Observer: rec, Logger: zerolog.New(logs).Level(zerolog.DebugLevel)}
	if mod != nil {
		mod(&opts)
	}
	c, err := New(opts)
	if err != nil {
		tb.Fatalf("client: %v", err)
	}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		_ = rec.sleep(ctx, d) // records d
		clock.Advance(d)
		return ctx.Err()
	}
	return &e2e{sb: sb, srv: srv, c: c, clock: clock, rec: rec, logs: logs}
}

// admin posts a JSON body to a /_sandbox endpoint.
func (e *e2e) admin(tb testing.TB, path string, body any) {
	tb.Helper()
	b, _ := json.Marshal(body)
	resp, err := e.srv.Client().Post(e.srv.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("POST %s: %v", path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(resp.Body)
		tb.Fatalf("POST %s: %s: %s", path, resp.Status, msg)
	}
}

// touch edits dossier n as a candidate would, one second later.
func (e *e2e) touch(tb testing.TB, n int) {
	e.clock.Advance(time.Second)
	e.admin(tb, "/_sandbox/dossiers", map[string]any{"number": n})
}

// file files a new dossier n.
func (e *e2e) file(tb testing.TB, n int) {
	e.clock.Advance(time.Second)
	e.admin(tb, "/_sandbox/dossiers", map[string]any{"number": n,
		"usager":    map[string]any{"id": "VXNlci05OTk=", "email": "nouveau@example.fr"},
		"demandeur": map[string]any{"__typename": "PersonneMorale", "id": "RXRhYmxpc3NlbWVudC05OTk=", "siret": "21570463700019"}})
}

// listAll reads every dossier modified since since, calling between(page)
// after each page.
func (e *e2e) listAll(tb testing.TB, since time.Time, between func(page int)) []Dossier {
	tb.Helper()
	var all []Dossier
	page := 0
	for p, err := range e.c.DossierPages(context.Background(), 1, &since, "") {
		if err != nil {
			tb.Fatalf("page %d: %v", page+1, err)
		}
		if p.Err != nil {
			tb.Fatalf("page %d partial: %v", page+1, p.Err)
		}
		all = append(all, p.Dossiers...)
		page++
		if between != nil {
			between(page)
		}
	}
	return all
}

func TestE2EPagingLosesNothingWhileDossiersChange(t *testing.T) {
	data := genData(t, 1050)
	e := newE2E(t, data, nil, nil)
	since := gen.DemoNow().AddDate(-10, 0, 0)
	order := updatedOrder(t, data)
	if len(order) < 1050 {
		t.Fatalf("generated %d dossiers, want at least 1050", len(order))
	}
	// Between pages: edit 2 dossiers already read and 2 not read yet, and
	// file a new one, so modified dossiers move past the cursor.
	modifiedAfterSeen := map[int]bool{}
	var filed []int
	got := e.listAll(t, since, func(page int) {
		if page > 6 {
			return
		}
		for _, n := range []int{order[page*PageSize-1-page], order[page*7]} {
			modifiedAfterSeen[n] = true
			e.touch(t, n)
		}
		for _, n := range []int{order[len(order)-1-page*3], order[page*PageSize+50]} {
			e.touch(t, n)
		}
		filed = append(filed, 900_000+page)
		e.file(t, 900_000+page)
	})
	checkListing(t, order, got, modifiedAfterSeen, filed)
}

// updatedOrder returns the generated dossiers' numbers in DS's updatedSince
// order, (dateDerniereModification, number): the oracle of the listing.
func updatedOrder(t *testing.T, data []byte) []int {
	t.Helper()
	type version struct {
		Number  int       `json:"number"`
		Updated time.Time `json:"dateDerniereModification"`
	}
	var d struct {
		Demarches []struct {
			Dossiers []version `json:"dossiers"`
		} `json:"demarches"`
	}
	if err := json.Unmarshal(data, &d); err != nil || len(d.Demarches) == 0 {
		t.Fatalf("generated data: %v", err)
	}
	list := d.Demarches[0].Dossiers
	slices.SortFunc(list, func(a, b version) int {
		if c := a.Updated.Compare(b.Updated); c != 0 {
			return c
		}
		return a.Number - b.Number
	})
	out := make([]int, len(list))
	for i, x := range list {
		out[i] = x.Number
	}
	return out
}

// checkListing asserts no dossier was lost, no version was read twice, and
// only dossiers modified after being read were read again.
func checkListing(t *testing.T, order []int, got []Dossier, modifiedAfterSeen map[int]bool, filed []int) {
	t.Helper()
	count := map[int]int{}
	versions := map[string]bool{}
	for _, d := range got {
		count[d.Number]++
		v := fmt.Sprintf("%d@%s", d.Number, d.DateDerniereModification.Format(time.RFC3339))
		if versions[v] {
			t.Errorf("dossier version %s read twice", v)
		}
		versions[v] = true
	}
	for _, n := range order {
		want := 1
		if modifiedAfterSeen[n] {
			want = 2
		}
		if count[n] != want {
			t.Errorf("dossier %d read %d times, want %d", n, count[n], want)
		}
	}
	for _, n := range filed {
		if count[n] != 1 {
			t.Errorf("new dossier %d read %d times, want 1", n, count[n])
		}
	}
}

// e2eTarget is a dossier filed for the mutation test and its instructeur.
type e2eTarget struct {
	dossier     *Dossier
	instructeur string
	demarche    *Demarche
}

func newTarget(t *testing.T, e *e2e) e2eTarget {
	t.Helper()
	ctx := context.Background()
	dem, err := e.c.Demarche(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	e.file(t, 910_001)
	d, err := e.c.Dossier(ctx, 910_001)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range dem.GroupeInstructeurs {
		if g.ID == d.GroupeInstructeur.ID && len(g.Instructeurs) > 0 {
			return e2eTarget{dossier: d, instructeur: g.Instructeurs[0].ID, demarche: dem}
		}
	}
	t.Fatalf("no instructeur in the dossier's group %+v", d.GroupeInstructeur)
	return e2eTarget{}
}

// annotationValues builds one value per annotation descriptor the client
// can set, keyed by descriptor id.
func annotationValues(dem *Demarche, when time.Time) ([]AnnotationValue, map[string]AnnotationValue) {
	var values []AnnotationValue
	byID := map[string]AnnotationValue{}
	for _, d := range dem.Revision.AnnotationDescriptors {
		var v AnnotationValue
		switch d.Typename {
		case "TextChampDescriptor":
			v = TextValue(d.ID, "complet")
		case "TextareaChampDescriptor":
			v = TextareaValue(d.ID, "ligne 1\nligne 2")
		case "DecimalNumberChampDescriptor":
			v = DecimalValue(d.ID, 74.31)
		case "DateChampDescriptor":
			v = DateValue(d.ID, when)
		case "CheckboxChampDescriptor":
			v = CheckboxValue(d.ID, true)
		default:
			continue
		}
		values = append(values, v)
		byID[d.ID] = v
	}
	return values, byID
}

func TestE2EMutations(t *testing.T) {
	e := newE2E(t, genData(t, 30), nil, nil)
	ctx := context.Background()
	tg := newTarget(t, e)
	id, instr := tg.dossier.ID, tg.instructeur
	pdf := []byte("%PDF-1.7 justificatif de décision")
	attachment, err := e.c.Upload(ctx, id, "courrier.pdf", "application/pdf", pdf)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	if _, err := e.c.SendMessage(ctx, SendMessageInput{DossierID: id, InstructeurID: instr, Body: "Réf. SP+ 3f9c2a", Attachment: attachment}); err != nil {
		t.Fatalf("send message: %v", err)
	}
	values, byID := annotationValues(tg.demarche, e.clock.Now())
	if err := e.c.ModifyAnnotations(ctx, id, instr, values); err != nil {
		t.Fatalf("annotations: %v", err)
	}
	labels := tg.demarche.Labels
	must(t, e.c.AddLabel(ctx, id, labels[0].ID))
	must(t, e.c.RemoveLabel(ctx, id, labels[0].ID))
	must(t, e.c.AddLabel(ctx, id, labels[1].ID))
	justificatif, err := e.c.Upload(ctx, id, "decision.pdf", "application/pdf", pdf)
	must(t, err)
	steps := []struct {
		want string
		call func() (*DossierState, error)
	}{
		{StateEnInstruction, func() (*DossierState, error) {
			return e.c.PasserEnInstruction(ctx, TransitionInput{DossierID: id, InstructeurID: instr})
		}},
		{StateAccepte, func() (*DossierState, error) {
			return e.c.Accepter(ctx, DecisionInput{DossierID: id, InstructeurID: instr, Motivation: "Complet", Justificatif: justificatif})
		}},
		{StateEnInstruction, func() (*DossierState, error) {
			return e.c.RepasserEnInstruction(ctx, TransitionInput{DossierID: id, InstructeurID: instr})
		}},
		{StateRefuse, func() (*DossierState, error) {
			return e.c.Refuser(ctx, DecisionInput{DossierID: id, InstructeurID: instr, Motivation: "Incomplet"})
		}},
		{StateEnInstruction, func() (*DossierState, error) {
			return e.c.RepasserEnInstruction(ctx, TransitionInput{DossierID: id, InstructeurID: instr})
		}},
		{StateSansSuite, func() (*DossierState, error) {
			return e.c.ClasserSansSuite(ctx, DecisionInput{DossierID: id, InstructeurID: instr, Motivation: "Abandon", DisableNotification: true})
		}},
		{StateEnInstruction, func() (*DossierState, error) {
			return e.c.RepasserEnInstruction(ctx, TransitionInput{DossierID: id, InstructeurID: instr})
		}},
		{StateEnConstruction, func() (*DossierState, error) {
			return e.c.RepasserEnConstruction(ctx, TransitionInput{DossierID: id, InstructeurID: instr})
		}},
	}
	for i, s := range steps {
		st, err := s.call()
		if err != nil || st.State != s.want {
			t.Fatalf("step %d: state %+v, err %v; want %s", i, st, err, s.want)
		}
	}
	if _, err := e.c.SendMessage(ctx, SendMessageInput{DossierID: id, InstructeurID: instr, Body: "Merci de compléter", Correction: CorrectionIncomplete}); err != nil {
		t.Fatalf("correction request: %v", err)
	}
	_, err = e.c.Accepter(ctx, DecisionInput{DossierID: id, InstructeurID: instr})
	var me *MutationError
	if !errors.As(err, &me) {
		t.Fatalf("accepting an en_construction dossier: %v, want a *MutationError", err)
	}
	checkMutatedDossier(t, e, byID, labels[1].ID)
	checkRecordedMutations(t, e, len(values))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// checkMutatedDossier re-reads the dossier and checks the writes took.
func checkMutatedDossier(t *testing.T, e *e2e, byID map[string]AnnotationValue, labelID string) {
	t.Helper()
	d, err := e.c.Dossier(context.Background(), 910_001)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != StateEnConstruction || len(d.Labels) != 1 || d.Labels[0].ID != labelID {
		t.Errorf("dossier state %s labels %+v", d.State, d.Labels)
	}
	found := false
	for _, m := range d.Messages {
		found = found || strings.Contains(m.Body, "Réf. SP+ 3f9c2a")
	}
	if !found {
		t.Errorf("the message with the reference marker is not on the dossier: %+v", d.Messages)
	}
	for descID, v := range byID {
		a, ok := d.Annotation(descID)
		if !ok {
			t.Errorf("annotation %s missing", descID)
			continue
		}
		if !annotationHolds(a, v) {
			t.Errorf("annotation %s (%s) = %+v, want %+v", descID, a.Typename, a, v)
		}
	}
}

func annotationHolds(a Champ, v AnnotationValue) bool {
	switch v.Kind {
	case AnnotationText, AnnotationTextarea:
		return a.Text != nil && *a.Text == v.Text
	case AnnotationDecimalNumber:
		return a.Decimal != nil && *a.Decimal == v.Float
	case AnnotationCheckbox:
		return a.Checked != nil && *a.Checked == v.Bool
	case AnnotationDate:
		return a.Date != nil && a.Date.Format(isoDate) == v.Time.Format(isoDate)
	}
	return false
}

// checkRecordedMutations compares the sandbox's log with what was sent.
func checkRecordedMutations(t *testing.T, e *e2e, annotations int) {
	t.Helper()
	var names []string
	for i, m := range e.sb.Mutations() {
		names = append(names, m.Name)
		last := i == len(e.sb.Mutations())-1
		if (len(m.Errors) > 0) != last {
			t.Errorf("mutation %d %s errors %v", i, m.Name, m.Errors)
		}
	}
	want := "[createDirectUpload dossierEnvoyerMessage dossierModifierAnnotations dossierAjouterLabel dossierSupprimerLabel " +
		"dossierAjouterLabel createDirectUpload dossierPasserEnInstruction dossierAccepter dossierRepasserEnInstruction " +
		"dossierRefuser dossierRepasserEnInstruction dossierClasserSansSuite dossierRepasserEnInstruction " +
		"dossierRepasserEnConstruction dossierEnvoyerMessage dossierAccepter]"
	if fmt.Sprint(names) != want {
		t.Errorf("mutations =\n%v\nwant\n%s", names, want)
	}
	if annotations < 4 {
		t.Errorf("only %d annotation kinds exercised", annotations)
	}
}

func TestE2EDownloadAnAttachment(t *testing.T) {
	e := newE2E(t, genData(t, 30), nil, nil)
	var file *File
	for p, err := range e.c.DossierPages(context.Background(), 1, nil, "") {
		must(t, err)
		for _, d := range p.Dossiers {
			for _, c := range d.Champs {
				if len(c.Files) > 0 && file == nil {
					file = &c.Files[0]
				}
			}
		}
	}
	if file == nil {
		t.Fatal("no attachment in the generated data")
	}
	var buf bytes.Buffer
	n, err := e.c.Download(context.Background(), *file, &buf)
	if err != nil || n == 0 || n != file.ByteSize || int64(buf.Len()) != n {
		t.Fatalf("download %q: %d bytes (announced %d), %v", file.Filename, n, file.ByteSize, err)
	}
}

func TestE2EErrorClasses(t *testing.T) {
	tests := []struct {
		name   string
		faults map[string]any
		token  string
		number int
		want   error
	}{
		{"5xx", map[string]any{"error_5xx_every": 1}, "", 0, ErrServer},
		{"malformed", map[string]any{"malformed_every": 1}, "", 0, ErrMalformed},
		{"rate limited", map[string]any{"rate_limit_every": 1}, "", 0, ErrRateLimited},
		{"expired token", nil, "expired-token-123", 0, ErrUnauthorized},
		{"unknown token", nil, "unknown-token-456", 0, ErrForbidden},
		{"not found", nil, "", 999_999, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := e2eToken
			data := genData(t, 30)
			e := newE2E(t, data, func(o *sandbox.Options) { o.ExpiredTokens = []string{"expired-token-123"} },
				func(o *Options) {
					if tt.token != "" {
						o.Token, token = tt.token, tt.token
					}
				})
			if tt.faults != nil {
				e.admin(t, "/_sandbox/faults", tt.faults)
			}
			number := tt.number
			if number == 0 {
				number = firstNumber(t, data)
			}
			_, err := e.c.Dossier(context.Background(), number)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if s := err.Error() + e.logs.String(); strings.Contains(s, token) {
				t.Errorf("token leaked: %s", s)
			}
		})
	}
}

// firstNumber returns the number of the first dossier of generated data.
func firstNumber(t *testing.T, data []byte) int {
	var d struct {
		Demarches []struct {
			Dossiers []struct{ Number int } `json:"dossiers"`
		} `json:"demarches"`
	}
	if err := json.Unmarshal(data, &d); err != nil || len(d.Demarches) == 0 || len(d.Demarches[0].Dossiers) == 0 {
		t.Fatalf("generated data: %v", err)
	}
	return d.Demarches[0].Dossiers[0].Number
}

func TestE2EPoisonedDossierIsQuarantined(t *testing.T) {
	data := genData(t, 30)
	poisoned := firstNumber(t, data)
	e := newE2E(t, data, nil, nil)
	e.admin(t, "/_sandbox/faults", map[string]any{"poison_dossiers": []int{poisoned}})
	var kept int
	var failed []NodeError
	for p, err := range e.c.DossierPages(context.Background(), 1, nil, "") {
		must(t, err)
		kept += len(p.Dossiers)
		failed = append(failed, p.Failed...)
	}
	if len(failed) != 1 || failed[0].Number != poisoned || kept != 29 {
		t.Fatalf("kept %d, failed %+v; want 29 kept and dossier %d quarantined", kept, failed, poisoned)
	}
	var ge *GraphQLError
	if !errors.As(failed[0].Err, &ge) || ge.Code != "invalid_null" {
		t.Errorf("node error = %v", failed[0].Err)
	}
	if _, err := e.c.Dossier(context.Background(), poisoned); !errors.As(err, &ge) || ge.Code != "invalid_null" {
		t.Errorf("reading the poisoned dossier alone: %v", err)
	}
}

func TestE2ERateLimitThenSuccessAfterReset(t *testing.T) {
	data := genData(t, 30)
	e := newE2E(t, data, func(o *sandbox.Options) { o.RateLimitPerMinute = 2 }, nil)
	number := firstNumber(t, data)
	for i := range 3 {
		if _, err := e.c.Dossier(context.Background(), number); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	requests, retries, limited, sleeps := e.rec.snapshot()
	want := "[Dossier:ok Dossier:ok Dossier:rate_limited Dossier:ok]"
	if fmt.Sprint(requests) != want || len(retries) != 1 || len(limited) != 1 || len(sleeps) != 1 {
		t.Fatalf("requests %v retries %v limited %v sleeps %v", requests, retries, limited, sleeps)
	}
	if limited[0] <= 0 || limited[0] > time.Minute || sleeps[0] < limited[0] {
		t.Errorf("waited %v for a reset announced in %v", sleeps[0], limited[0])
	}
}

// BenchmarkListDossiers lists 10,000 generated dossiers through the client
// (page iterator, decoding, conversion) and with bare POSTs of the same
// query text that discard the body, on the same sandbox.
func BenchmarkListDossiers(b *testing.B) {
	e := newE2E(b, genData(b, 10_000), nil, nil)
	var cursors []string
	cursor := ""
	for p, err := range e.c.DossierPages(context.Background(), 1, nil, "") {
		if err != nil {
			b.Fatal(err)
		}
		cursors = append(cursors, cursor)
		cursor = p.EndCursor
	}
	b.Run("client", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for p, err := range e.c.DossierPages(context.Background(), 1, nil, "") {
				if err != nil {
					b.Fatal(err)
				}
				n += len(p.Dossiers)
			}
			if n < 10_000 {
				b.Fatalf("listed %d dossiers", n)
			}
		}
	})
	b.Run("bare", func(b *testing.B) {
		for b.Loop() {
			for _, c := range cursors {
				barePost(b, e, c)
			}
		}
	})
}

// barePost posts the page query for cursor and discards the answer.
func barePost(b *testing.B, e *e2e, cursor string) {
	vars := pageVars(1, nil, cursor)
	body, _ := json.Marshal(map[string]any{"query": e.c.docs.queries[opDossiersPage], "variables": vars, "operationName": opDossiersPage})
	req, _ := http.NewRequest(http.MethodPost, e.c.Endpoint(), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e2eToken)
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("bare POST: %s", resp.Status)
	}
}
