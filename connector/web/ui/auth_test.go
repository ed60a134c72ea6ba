package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/spplus/spplus/config"
)

func TestAuth(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		name, path, auth string
		want             int
	}{
		{"no credentials", "/demarches/1", "", 401},
		{"bad token", "/demarches/1", bearerAuth("not-a-token-0123456789abcdefgh"), 401},
		{"empty bearer", "/demarches/1", "Bearer ", 401},
		{"hash as token", "/demarches/1", bearerAuth(fxUsers(t)[0].TokenHash), 401},
		{"other scheme", "/demarches/1", "Digest " + ditpToken, 401},
		{"ditp token", "/demarches/1", bearerAuth(ditpToken), 200},
		{"lower-case scheme", "/demarches/1", "bearer " + ditpToken, 200},
		{"body token", "/demarches/1", bearerAuth(afnorToken), 200},
		{"basic password", "/demarches/1", basicAuth("AFNOR", "afnor-password"), 200},
		{"basic wrong password", "/demarches/1", basicAuth("AFNOR", "wrong"), 401},
		{"basic unknown user", "/demarches/1", basicAuth("NOBODY", "afnor-password"), 401},
		{"basic user without password", "/demarches/1", basicAuth("BV", bvToken), 401},
		{"token in the query of a page", "/demarches/1?token=" + ditpToken, "", 401},
		{"token in the query of an export", "/demarches/1/export.csv?token=" + ditpToken, "", 401},
		{"token in the query of the feed", "/demarches/1/echeances.ics?token=" + afnorToken, "", 200},
		{"bad token in the query of the feed", "/demarches/1/echeances.ics?token=nope", "", 401},
		{"assets need nothing", "/assets/spplus.css", "", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(h, tt.path, tt.auth)
			if w.Code != tt.want {
				t.Fatalf("GET %s = %d, want %d", tt.path, w.Code, tt.want)
			}
			if tt.want == 401 {
				got := strings.Join(w.Result().Header.Values("WWW-Authenticate"), " | ")
				if !strings.Contains(got, "Basic realm=") || !strings.Contains(got, "Bearer realm=") {
					t.Errorf("WWW-Authenticate = %q, want Basic and Bearer challenges", got)
				}
				if b := body(w); strings.Contains(b, "CAF de Metz") {
					t.Error("a 401 page shows dossier data")
				}
			}
		})
	}
}

// TestPasswordRemembered checks that a password that matched once is not
// checked with bcrypt again (a browser sends it with every request), and
// that a wrong one is never remembered.
func TestPasswordRemembered(t *testing.T) {
	h := newTestHandler(t)
	for range 3 {
		if w := get(h, "/", basicAuth("AFNOR", "afnor-password")); w.Code != 200 {
			t.Fatalf("GET / = %d", w.Code)
		}
		_ = get(h, "/", basicAuth("AFNOR", "wrong"))
	}
	if n := len(h.auth.verified); n != 1 {
		t.Errorf("%d remembered passwords, want 1", n)
	}
}

func TestOpenMode(t *testing.T) {
	st := newFixtureStore(t)
	tests := []struct {
		name  string
		users []config.WebUser
		addr  string
		want  int
	}{
		{"loopback, no users: open as DITP", nil, "127.0.0.1:8080", 200},
		{"ipv6 loopback", nil, "[::1]:8080", 200},
		{"localhost", nil, "localhost:8080", 200},
		{"every interface, no users: closed", nil, ":8080", 401},
		{"public address, no users: closed", nil, "192.0.2.1:8080", 401},
		{"loopback with users: credentials needed", fxUsers(t), "127.0.0.1:8080", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newFixtureHandler(t, st, tt.users, tt.addr)
			w := get(h, "/demarches/1", "")
			if w.Code != tt.want {
				t.Fatalf("GET /demarches/1 = %d, want %d", w.Code, tt.want)
			}
			if tt.want == 200 && !strings.Contains(body(w), "Secret BV") {
				t.Error("open mode does not see every groupe")
			}
		})
	}
}

// TestBodiesSeeOnlyTheirGroupes walks every way in: dossier pages, the
// table, exports, the feed, deadlines, trends and the run history.
func TestBodiesSeeOnlyTheirGroupes(t *testing.T) {
	h := newTestHandler(t)
	afnor, bv := bearerAuth(afnorToken), bearerAuth(bvToken)
	notFound := body(get(h, "/demarches/1/dossiers/999", afnor))
	for _, n := range []string{"201", "202", "203"} {
		w := get(h, "/demarches/1/dossiers/"+n, afnor)
		if w.Code != http.StatusNotFound {
			t.Errorf("AFNOR GET dossier %s = %d, want 404", n, w.Code)
		}
		if body(w) != notFound {
			t.Errorf("AFNOR GET dossier %s: the 404 differs from a missing dossier's", n)
		}
	}
	if w := get(h, "/demarches/1/dossiers/101", bv); w.Code != http.StatusNotFound {
		t.Errorf("BV GET dossier 101 = %d, want 404", w.Code)
	}
	if w := get(h, "/demarches/1/dossiers/101", afnor); w.Code != 200 {
		t.Errorf("AFNOR GET its dossier 101 = %d, want 200", w.Code)
	}
	for _, path := range []string{
		"/", "/demarches/1", "/demarches/1?groupe=2", "/demarches/1?q=201", "/demarches/1/export.csv", "/demarches/1/export.json",
		"/demarches/1/echeances.ics", "/demarches/1/echeances?horizon=1100", "/demarches/1/tendances",
	} {
		b := body(get(h, path, afnor))
		for _, leak := range []string{"Secret BV", "CPAM de Nice", "dossiers/201", "dossier 201", "n°201", "spplus-1-201-", `"number": 201`, "Bureau Veritas"} {
			if strings.Contains(b, leak) {
				t.Errorf("AFNOR GET %s shows %q", path, leak)
			}
		}
	}
	b := body(get(h, "/demarches/1", afnor))
	for _, want := range []string{"un autre dossier", "Vos dossiers évalués", "CAF de Metz"} {
		if !strings.Contains(b, want) {
			t.Errorf("AFNOR overview lacks %q", want)
		}
	}
	if strings.Contains(b, "Dossiers vus") {
		t.Error("AFNOR sees the démarche-wide counts of the passes")
	}
	if b := body(get(h, "/demarches/1/export.json", bv)); strings.Contains(b, "CAF de Metz") || !strings.Contains(b, "Secret BV") {
		t.Errorf("BV export:\n%s", b)
	}
}

func TestScopedPassCounts(t *testing.T) {
	h := newTestHandler(t)
	b := body(get(h, "/demarches/1", bearerAuth(bvToken)))
	// The partial pass (at −3 h −1 min, 90 s long) holds the "done" action
	// on 201, journaled at −3 h: BV sees one action there, AFNOR one too
	// (101's message), and neither sees the pass-wide 3.
	if !strings.Contains(b, "<td>0</td><td>1</td><td>0</td>") {
		t.Errorf("BV's partial pass should count 1 action of its own:\n%s", section(b, "Dernières passes"))
	}
}

// section returns b from the first occurrence of marker, for error output.
func section(b, marker string) string {
	if i := strings.Index(b, marker); i >= 0 {
		return b[i:]
	}
	return b
}
