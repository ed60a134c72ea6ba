package ui

import (
	"context"
	"crypto/sha256"
	"net/http"
	"strings"
	"sync"

	"github.com/spplus/spplus/config"
)

// viewer is who is reading: a configured user, or the DITP in open mode.
type viewer struct {
	config.WebUser
	// Open is true in loopback-open mode (no users configured).
	Open bool
}

// sees reports whether the viewer may see a dossier of groupe g.
func (v viewer) sees(g int) bool { return v.SeesGroupe(g) }

// IsDITP reports whether the viewer sees every groupe.
func (v viewer) IsDITP() bool { return v.Role == config.RoleDITP }

type viewerKey struct{}

// viewerOf returns the viewer the auth middleware put in the context.
func viewerOf(ctx context.Context) viewer {
	v, _ := ctx.Value(viewerKey{}).(viewer)
	return v
}

// authenticator checks credentials. Bcrypt costs tens of milliseconds per
// check, and a browser sends the basic credentials with every request, so
// the passwords that matched are remembered (as a hash of name and
// password, never in clear) for the life of the handler.
type authenticator struct {
	users []config.WebUser
	open  bool

	mu       sync.Mutex
	verified map[[32]byte]int // sha256(name, password) → index in users
}

// maxVerified bounds the memory of matched passwords.
const maxVerified = 256

func newAuthenticator(users []config.WebUser, addr string) *authenticator {
	return &authenticator{
		users:    users,
		open:     len(users) == 0 && isLoopback(addr),
		verified: map[[32]byte]int{},
	}
}

// authenticate returns the viewer of r, or false. queryToken allows the
// token in ?token= (the feed only: calendar applications cannot send
// headers).
func (a *authenticator) authenticate(r *http.Request, queryToken bool) (viewer, bool) {
	if a.open {
		return viewer{WebUser: config.WebUser{Name: "accès local", Role: config.RoleDITP}, Open: true}, true
	}
	if user, pass, ok := r.BasicAuth(); ok {
		return a.byPassword(user, pass)
	}
	if tok, ok := bearer(r.Header.Get("Authorization")); ok {
		return a.byToken(tok)
	}
	if queryToken {
		if tok := r.URL.Query().Get("token"); tok != "" {
			return a.byToken(tok)
		}
	}
	return viewer{}, false
}

// bearer extracts the token of an "Authorization: Bearer <token>" header.
func bearer(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

// byToken compares the token with every user's hash, all of them, so that
// the time taken does not depend on which user matched.
func (a *authenticator) byToken(tok string) (viewer, bool) {
	found := -1
	for i, u := range a.users {
		if u.MatchToken(tok) && found < 0 {
			found = i
		}
	}
	if found < 0 {
		return viewer{}, false
	}
	return viewer{WebUser: a.users[found]}, true
}

func (a *authenticator) byPassword(name, pass string) (viewer, bool) {
	key := sha256.Sum256([]byte(name + "\x00" + pass))
	a.mu.Lock()
	i, ok := a.verified[key]
	a.mu.Unlock()
	if ok {
		return viewer{WebUser: a.users[i]}, true
	}
	for i, u := range a.users {
		if u.Name != name || !u.MatchPassword(pass) {
			continue
		}
		a.remember(key, i)
		return viewer{WebUser: u}, true
	}
	return viewer{}, false
}

func (a *authenticator) remember(key [32]byte, i int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.verified) >= maxVerified {
		clear(a.verified)
	}
	a.verified[key] = i
}

// challenge answers 401 with both schemes: Basic first, so that a browser
// asks for a name and password; Bearer for scripts.
func challenge(w http.ResponseWriter) {
	w.Header().Add("WWW-Authenticate", `Basic realm="spplus", charset="UTF-8"`)
	w.Header().Add("WWW-Authenticate", `Bearer realm="spplus"`)
}
