package attestation_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/connector/attestation"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/graphql/sandbox"
	"github.com/spplus/spplus/rules"
)

const uploadToken = "attestation-test-token"

// TestUploadAsJustificatif is the path the connector takes on acceptance:
// render the attestation, upload it with createDirectUpload, accept the
// dossier with it as justificatif, then read the dossier back and find the
// PDF, byte for byte, as its motivationAttachment.
func TestUploadAsJustificatif(t *testing.T) {
	ctx := context.Background()
	srv, c := newSandbox(t)
	d, instructeur := dossierEnInstruction(ctx, t, c)

	a := attestation.Attestation{ServiceName: "Service des impôts des particuliers de Metz (annexe « Nord »)",
		Sites: []string{"Metz, 1 rue de la Garde"}, Level: rules.LevelArgent, DecisionDate: rules.NewDate(2026, 11, 2),
		CertificationBody: d.GroupeInstructeur.Label, Demarche: 1, Dossier: d.Number}
	var pdf bytes.Buffer
	if err := attestation.Render(a, &pdf); err != nil {
		t.Fatal(err)
	}
	filename := "attestation-" + a.Ref() + ".pdf"
	blob, err := c.Upload(ctx, d.ID, filename, "application/pdf", pdf.Bytes())
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	st, err := c.Accepter(ctx, graphql.DecisionInput{DossierID: d.ID, InstructeurID: instructeur,
		Motivation: "Le label Services publics + est attribué au niveau Argent.", Justificatif: blob})
	if err != nil {
		t.Fatalf("accepter: %v", err)
	}
	if st.State != graphql.StateAccepte {
		t.Fatalf("state after accepter = %q", st.State)
	}

	att := readMotivationAttachment(t, srv, d.Number)
	sum := md5.Sum(pdf.Bytes())
	if want := base64.StdEncoding.EncodeToString(sum[:]); att.Checksum != want {
		t.Errorf("motivationAttachment checksum %q, want %q (the rendered PDF's)", att.Checksum, want)
	}
	if att.Filename != filename || att.ContentType != "application/pdf" || att.ByteSize != fmt.Sprint(pdf.Len()) {
		t.Errorf("motivationAttachment = %+v, want %s, application/pdf, %d bytes", att, filename, pdf.Len())
	}
	if got := download(t, srv, att.URL); !bytes.Equal(got, pdf.Bytes()) {
		t.Errorf("downloaded justificatif differs from the rendered PDF (%d and %d bytes)", len(got), pdf.Len())
	}
}

// newSandbox starts the sandbox over its demo data, on a fixed clock, and
// a client for it.
func newSandbox(t *testing.T) (*httptest.Server, *graphql.Client) {
	t.Helper()
	now := func() time.Time { return time.Date(2026, time.November, 2, 10, 0, 0, 0, time.UTC) }
	sb, err := sandbox.New(sandbox.DemoData(), sandbox.Options{Token: uploadToken, Now: now, RateLimitPerMinute: -1})
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := graphql.New(graphql.Options{BaseURL: srv.URL, Token: uploadToken, HTTPClient: srv.Client(),
		RequestsPerMinute: 100_000, Logger: zerolog.Nop()})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return srv, c
}

// dossierEnInstruction returns a dossier of démarche 1 en instruction and
// an instructeur of its groupe: one of the demo data, or else a dossier en
// construction moved en instruction.
func dossierEnInstruction(ctx context.Context, t *testing.T, c *graphql.Client) (graphql.Dossier, string) {
	t.Helper()
	dem, err := c.Demarche(ctx, 1)
	if err != nil {
		t.Fatalf("démarche 1: %v", err)
	}
	var fallback *graphql.Dossier
	for page, err := range c.DossierPages(ctx, 1, nil, "") {
		if err != nil {
			t.Fatalf("list dossiers: %v", err)
		}
		for _, d := range page.Dossiers {
			inst := instructeurOf(dem, d)
			switch {
			case inst == "":
			case d.State == graphql.StateEnInstruction:
				return d, inst
			case d.State == graphql.StateEnConstruction && fallback == nil:
				fallback = &d
			}
		}
	}
	if fallback == nil {
		t.Fatal("the demo data has no dossier en instruction or en construction with an instructeur")
	}
	inst := instructeurOf(dem, *fallback)
	if _, err := c.PasserEnInstruction(ctx, graphql.TransitionInput{DossierID: fallback.ID, InstructeurID: inst}); err != nil {
		t.Fatalf("passer en instruction dossier %d: %v", fallback.Number, err)
	}
	return *fallback, inst
}

// instructeurOf is the first instructeur of d's groupe, or "".
func instructeurOf(dem *graphql.Demarche, d graphql.Dossier) string {
	for _, g := range dem.GroupeInstructeurs {
		if g.Number == d.GroupeInstructeur.Number && len(g.Instructeurs) > 0 {
			return g.Instructeurs[0].ID
		}
	}
	return ""
}

// fileWire is a DS File as the API returns it.
type fileWire struct {
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
	ByteSize    string `json:"byteSizeBigInt"`
	Checksum    string `json:"checksum"`
	URL         string `json:"url"`
}

// readMotivationAttachment reads dossier n's justificatif with a plain
// GraphQL query, as any API user would.
func readMotivationAttachment(t *testing.T, srv *httptest.Server, n int) fileWire {
	t.Helper()
	q := `query($n: Int!) { dossier(number: $n) { state motivationAttachment { filename contentType byteSizeBigInt checksum url } } }`
	body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"n": n}})
	req, err := http.NewRequest(http.MethodPost, srv.URL+graphql.EndpointPath, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+uploadToken)
	var out struct {
		Data struct {
			Dossier struct {
				State                string    `json:"state"`
				MotivationAttachment *fileWire `json:"motivationAttachment"`
			} `json:"dossier"`
		} `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	raw := do(t, srv, req)
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("read dossier %d: %v %s", n, err, raw)
	}
	if out.Data.Dossier.State != graphql.StateAccepte || out.Data.Dossier.MotivationAttachment == nil {
		t.Fatalf("dossier %d read back: %s", n, raw)
	}
	return *out.Data.Dossier.MotivationAttachment
}

// download GETs a file URL the sandbox signed.
func download(t *testing.T, srv *httptest.Server, url string) []byte {
	t.Helper()
	if !strings.HasPrefix(url, srv.URL) {
		t.Fatalf("file url %q is not on the sandbox", url)
	}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, srv, req)
}

func do(t *testing.T, srv *httptest.Server, req *http.Request) []byte {
	t.Helper()
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s %v: %s", req.Method, req.URL.Path, resp.Status, err, raw)
	}
	return raw
}
