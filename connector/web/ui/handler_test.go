package ui

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// get sends a GET through h with the given Authorization header ("" for
// none) and returns the recorded answer.
func get(h http.Handler, path, auth string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func bearerAuth(tok string) string { return "Bearer " + tok }

func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

func body(w *httptest.ResponseRecorder) string {
	b, _ := io.ReadAll(w.Result().Body)
	return string(b)
}

// newTestHandler serves the fixture with fxUsers on a public address.
func newTestHandler(t *testing.T) *Handler {
	t.Helper()
	return newFixtureHandler(t, newFixtureStore(t), fxUsers(t), "0.0.0.0:8080")
}

func TestPages(t *testing.T) {
	h := newTestHandler(t)
	ditp := bearerAuth(ditpToken)
	tests := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"home", "/", 200, []string{"Démarche n°1", `<html lang="fr"`}, nil},
		{"overview", "/demarches/1", 200,
			[]string{"Démarche 1 : tableau de bord", "CAF de Metz", "1 dossier supprimé", "Dossiers en quarantaine",
				`<caption>`, `scope="col"`, `href="#contenu"`, "Réussie", "dossier 201"},
			[]string{"Dossier supprimé"}},
		{"dossier", "/demarches/1/dossiers/101", 200,
			[]string{"Dossier n°101", "MISSING_ORGANIGRAM", "§ 3.5.1", "L&#39;organigramme du service candidat n&#39;est pas joint.",
				"Envoi du plan d&#39;audit", "01/06/2026", "https://demarche.numerique.gouv.fr/procedures/1/dossiers/101",
				"Enquête agents non valide (trop peu de questionnaires recevables, taux de réponse insuffisant)",
				"Date de l&#39;audit", "15/06/2026", "Antenne &lt;b&gt;Nord&lt;/b&gt;", "Action faite", "101/message/3f9c2a",
				"Q10"}, nil},
		{"dossier argent explains or", "/demarches/1/dossiers/102", 200,
			[]string{"Niveau : Argent", "Pour le palier Or, il manque", "Enquête usagers : 85,00 pour un minimum de 90,00"}, nil},
		{"deleted dossier page", "/demarches/1/dossiers/203", 200, []string{"Dossier supprimé sur Démarche Numérique"}, nil},
		{"deadlines", "/demarches/1/echeances", 200,
			[]string{"Envoi du plan d&#39;audit", "juin 2026", "n°101", "echeances.ics?token=VOTRE_JETON"},
			[]string{"n°102"}}, // 2028 and 2029: beyond 180 days
		{"deadlines long horizon", "/demarches/1/echeances?horizon=1100&type=renewal_invite", 200,
			[]string{"Invitation au renouvellement", "juin 2028", "n°102"}, []string{"n°101"}},
		{"trends", "/demarches/1/tendances", 200, []string{"<svg", "Niveaux des dossiers", "mai 26", "Non déterminé"}, nil},
		{"unknown démarche", "/demarches/9", 404, []string{"Page introuvable"}, nil},
		{"unknown dossier", "/demarches/1/dossiers/999", 404, nil, nil},
		{"dossier not a number", "/demarches/1/dossiers/abc", 404, nil, nil},
		{"dossier with a leading zero", "/demarches/1/dossiers/0101", 404, nil, nil},
		{"unknown page", "/nothing", 404, nil, nil},
		{"asset", "/assets/dsfr/dsfr.min.css", 200, []string{".fr-table"}, nil},
		{"asset directory", "/assets/dsfr/", 404, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(h, tt.path, ditp)
			if w.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.path, w.Code, tt.status, body(w))
			}
			b := body(w)
			for _, s := range tt.want {
				if !strings.Contains(b, s) {
					t.Errorf("GET %s lacks %q", tt.path, s)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(b, s) {
					t.Errorf("GET %s shows %q", tt.path, s)
				}
			}
		})
	}
}

func TestNoPageShowsSecrets(t *testing.T) {
	h := newTestHandler(t)
	for _, path := range []string{"/demarches/1", "/demarches/1/dossiers/202", "/demarches/1/export.csv", "/demarches/1/export.json", "/demarches/1/echeances.ics"} {
		w := get(h, path, bearerAuth(ditpToken))
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", path, w.Code)
		}
		b := body(w)
		for _, secret := range []string{fxDSToken, ditpToken, afnorToken, "afnor-password"} {
			if strings.Contains(b, secret) {
				t.Errorf("GET %s shows a secret %q", path, secret)
			}
		}
	}
}

func TestHostileContentIsText(t *testing.T) {
	h := newTestHandler(t)
	for _, path := range []string{"/demarches/1", "/demarches/1/dossiers/102", "/demarches/1/echeances?horizon=1100"} {
		b := body(get(h, path, bearerAuth(ditpToken)))
		if strings.Contains(b, "<script>") {
			t.Errorf("GET %s holds a raw <script>", path)
		}
		if !strings.Contains(b, "&lt;script&gt;alert(1)&lt;/script&gt; Préfecture") {
			t.Errorf("GET %s does not show the hostile name as text", path)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestHandler(t)
	for _, tt := range []struct{ path, auth string }{
		{"/demarches/1", bearerAuth(ditpToken)}, {"/demarches/1", ""}, {"/nothing", bearerAuth(ditpToken)},
		{"/assets/spplus.css", ""}, {"/demarches/1/export.csv", bearerAuth(ditpToken)},
	} {
		w := get(h, tt.path, tt.auth)
		hd := w.Result().Header
		for k, want := range map[string]string{
			"Content-Security-Policy": "default-src 'self'", "X-Content-Type-Options": "nosniff",
			"Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
		} {
			if !strings.Contains(hd.Get(k), want) {
				t.Errorf("GET %s: %s = %q, want %q", tt.path, k, hd.Get(k), want)
			}
		}
		if strings.Contains(hd.Get("Content-Security-Policy"), "unsafe-inline") {
			t.Errorf("GET %s: CSP allows inline code", tt.path)
		}
	}
	if cc := get(h, "/demarches/1", bearerAuth(ditpToken)).Result().Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page Cache-Control = %q, want no-store", cc)
	}
}

// TestTemplatesUseNoInlineCode checks the pages against the CSP: no
// script, no style attribute or element, no event handler.
func TestTemplatesUseNoInlineCode(t *testing.T) {
	h := newTestHandler(t)
	for _, path := range []string{"/", "/demarches/1", "/demarches/1/dossiers/101", "/demarches/1/echeances", "/demarches/1/tendances", "/nothing"} {
		b := body(get(h, path, bearerAuth(ditpToken)))
		for _, bad := range []string{"<script", " style=", "<style", " onclick=", " onload=", "javascript:"} {
			if strings.Contains(b, bad) {
				t.Errorf("GET %s holds %q", path, bad)
			}
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := newTestHandler(t)
	r := httptest.NewRequest(http.MethodPost, "/demarches/1", strings.NewReader(""))
	r.Header.Set("Authorization", bearerAuth(ditpToken))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /demarches/1 = %d, want 405 (pages are read-only)", w.Code)
	}
}
