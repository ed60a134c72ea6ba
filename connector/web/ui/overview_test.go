package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/connector/store"
)

// fakeSource is a Source with XFunc fields; nil ones answer nothing.
type fakeSource struct {
	snapshots []store.Snapshot
	err       error
}

var _ Source = (*fakeSource)(nil)

func (f *fakeSource) Demarches() ([]int, error) { return []int{1}, nil }

func (f *fakeSource) ForEachSnapshot(_ int, fn func(store.Snapshot) bool) error {
	if f.err != nil {
		return f.err
	}
	for _, s := range f.snapshots {
		if !fn(s) {
			break
		}
	}
	return nil
}

func (f *fakeSource) Snapshot(_, n int) (store.Snapshot, error) {
	for _, s := range f.snapshots {
		if s.Number == n {
			return s, f.err
		}
	}
	return store.Snapshot{}, store.ErrNotFound
}

func (f *fakeSource) Passes(int, int) ([]store.Pass, error) { return nil, f.err }

func (f *fakeSource) Journal(int, int, int) ([]store.JournalEntry, error) { return nil, f.err }

func manySnapshots(n int) []store.Snapshot {
	out := make([]store.Snapshot, n)
	for i := range out {
		out[i] = store.Snapshot{Number: i + 1, GroupeNumber: 1, State: "en_construction", ServiceName: "Service"}
	}
	return out
}

func TestPagination(t *testing.T) {
	h := newFixtureHandler(t, &fakeSource{snapshots: manySnapshots(250)}, nil, "127.0.0.1:1")
	tests := []struct {
		query      string
		first      string
		prev, next bool
	}{
		{"", "dossiers/1\"", false, true},
		{"?page=2&tri=numero", "dossiers/101\"", true, true},
		{"?page=3", "dossiers/201\"", true, false},
		{"?page=9", "dossiers/201\"", true, false}, // past the end: the last page
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			b := body(get(h, "/demarches/1"+tt.query, ""))
			table := dossiersTable(b)
			if i := strings.Index(table, "/dossiers/"); i < 0 || !strings.HasPrefix(table[i+1:], tt.first) {
				t.Errorf("first row is not %s", tt.first)
			}
			if got := strings.Count(table, "<tr>") - 1; got != 100 && got != 50 {
				t.Errorf("%d rows on the page", got)
			}
			if tt.next != strings.Contains(b, "fr-pagination__link--next fr-pagination__link--lg-label\" href=") {
				t.Errorf("next link present = %t, want %t", !tt.next, tt.next)
			}
			if tt.prev != strings.Contains(b, "fr-pagination__link--prev fr-pagination__link--lg-label\" href=") {
				t.Errorf("prev link present = %t, want %t", !tt.prev, tt.prev)
			}
		})
	}
}

// dossiersTable is the dossiers' table of an overview page.
func dossiersTable(b string) string {
	t := section(b, `id="table-dossiers"`)
	if i := strings.Index(t, "</table>"); i >= 0 {
		return t[:i]
	}
	return t
}

func TestSortLinksKeepFilters(t *testing.T) {
	h := newTestHandler(t)
	b := body(get(h, "/demarches/1?etat=en_construction&tri=echeance", bearerAuth(ditpToken)))
	for _, want := range []string{
		`aria-sort="ascending"><a href="/demarches/1?etat=en_construction&amp;ordre=desc&amp;tri=echeance">Prochaine échéance`,
		`<a href="/demarches/1?etat=en_construction&amp;tri=service">Service`,
		`<option value="en_construction" selected>`,
		`<input type="hidden" name="tri" value="echeance">`,
		`href="/demarches/1/export.csv?etat=en_construction&amp;tri=echeance"`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("overview lacks %s", want)
		}
	}
}

func TestSourceFailure(t *testing.T) {
	h, err := New(Options{Source: &fakeSource{err: errors.New("bbolt: secret path /var/x")}, Addr: "127.0.0.1:1", Logger: zerolog.Nop(), Now: fxClock})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/demarches/1", "/demarches/1/export.csv", "/demarches/1/echeances"} {
		w := get(h, path, "")
		if w.Code != 500 || strings.Contains(body(w), "bbolt") {
			t.Errorf("GET %s = %d, want 500 without the cause:\n%s", path, w.Code, body(w))
		}
	}
}

func TestNewOptions(t *testing.T) {
	if _, err := New(Options{}); err == nil || !strings.Contains(err.Error(), "Source is nil") {
		t.Errorf("New without a Source: %v", err)
	}
	if _, err := New(Options{Source: &fakeSource{}, DSBaseURL: "demarche.numerique.gouv.fr"}); err == nil || !strings.Contains(err.Error(), "DSBaseURL") {
		t.Errorf("New with a bad DS URL: %v", err)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.2:80": true, "[::1]:8080": true, "localhost:1": true, "LOCALHOST:1": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:80": false, "10.0.0.1:80": false, "example.org:80": false, "": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %t, want %t", addr, got, want)
		}
	}
}
