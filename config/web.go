package config

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/crypto/bcrypt"
)

// Web is who may read the status pages (connector/web/ui) and what they see.
// With no users, the pages are open (as the DITP) only when http.addr is a
// loopback address; otherwise every request is refused.
type Web struct {
	// Users are the people or systems allowed to read the pages.
	Users []WebUser `yaml:"users,omitempty" json:"users,omitempty"`
}

// Web roles.
const (
	// RoleDITP sees every groupe instructeur: the DITP runs the démarche.
	RoleDITP = "ditp"
	// RoleBody is a certification body: it sees only the dossiers of its
	// groupes instructeurs.
	RoleBody = "body"
)

// WebUser is one credential of the status pages. It holds hashes only:
// the token or password itself is never written in the configuration.
type WebUser struct {
	// Name identifies the user (the HTTP basic user name), e.g. AFNOR.
	Name string `yaml:"name" json:"name"`
	// Role is RoleDITP or RoleBody.
	Role string `yaml:"role" json:"role"`
	// Groupes are the numbers of the groupes instructeurs a body sees.
	Groupes []int `yaml:"groupes,omitempty" json:"groupes,omitempty"`
	// TokenHash is HashToken of a bearer token ("sha256:<hex>").
	TokenHash string `yaml:"token_hash,omitempty" json:"token_hash,omitempty"`
	// PasswordHash is HashPassword of an HTTP basic password (bcrypt).
	PasswordHash string `yaml:"password_hash,omitempty" json:"password_hash,omitempty"`
}

// tokenHashPrefix marks the hash scheme of TokenHash, so that another one can
// be added later without ambiguity.
const tokenHashPrefix = "sha256:"

// minTokenBytes is the shortest token HashToken accepts: a plain SHA-256 is
// only safe for high-entropy secrets (a short one would be brute-forced).
const minTokenBytes = 24

// HashToken returns the token_hash of a bearer token: "sha256:" and the
// hex SHA-256 of the token. A fast hash is enough because tokens are long
// random strings (see NewToken); passwords chosen by people need
// HashPassword. Tokens shorter than 24 bytes are refused.
func HashToken(token string) (string, error) {
	if len(token) < minTokenBytes {
		return "", fmt.Errorf("hash token: expected at least %d characters of random text (see spplus's token generator), got %d", minTokenBytes, len(token))
	}
	sum := sha256.Sum256([]byte(token))
	return tokenHashPrefix + hex.EncodeToString(sum[:]), nil
}

// HashPassword returns the password_hash of an HTTP basic password: a bcrypt
// hash at bcrypt's default cost.
func HashPassword(password string) (string, error) {
	if password == "" {
		return "", fmt.Errorf("hash password: expected a password, got nothing")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// NewToken returns a random bearer token (32 bytes from random, base64url),
// suitable for HashToken; random is crypto/rand.Reader when nil.
func NewToken(random io.Reader) (string, error) {
	if random == nil {
		random = rand.Reader
	}
	b := make([]byte, 32)
	if _, err := io.ReadFull(random, b); err != nil {
		return "", fmt.Errorf("new token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// MatchToken reports whether token is the one u's TokenHash was made from.
// The comparison takes the same time whatever the token.
func (u WebUser) MatchToken(token string) bool {
	if u.TokenHash == "" || token == "" {
		return false
	}
	sum := sha256.Sum256([]byte(token))
	want := []byte(strings.ToLower(u.TokenHash))
	got := []byte(tokenHashPrefix + hex.EncodeToString(sum[:]))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// MatchPassword reports whether password is the one u's PasswordHash was
// made from (bcrypt compares in constant time). It costs a bcrypt round:
// callers that check every request should remember the outcome.
func (u WebUser) MatchPassword(password string) bool {
	if u.PasswordHash == "" || password == "" {
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) == nil
}

func (p *problems) checkWeb(w Web) {
	names := map[string]int{}
	tokens := map[string]int{}
	for i, u := range w.Users {
		key := fmt.Sprintf("web.users[%d]", i)
		p.checkWebUser(key, u)
		if j, ok := names[strings.ToLower(u.Name)]; ok && u.Name != "" {
			p.add(key+".name", "%q is already given by web.users[%d]", u.Name, j)
		}
		names[strings.ToLower(u.Name)] = i
		if j, ok := tokens[strings.ToLower(u.TokenHash)]; ok && u.TokenHash != "" {
			p.add(key+".token_hash", "the same token as web.users[%d]: expected one token per user", j)
		}
		tokens[strings.ToLower(u.TokenHash)] = i
	}
}

func (p *problems) checkWebUser(key string, u WebUser) {
	switch {
	case strings.TrimSpace(u.Name) == "":
		p.add(key+".name", "expected a name such as AFNOR, got nothing")
	case strings.ContainsRune(u.Name, ':') || strings.IndexFunc(u.Name, unicode.IsControl) >= 0:
		p.add(key+".name", "expected a name without ':' or control characters (it is the HTTP basic user name), got %q", u.Name)
	}
	p.checkRole(key, u)
	if u.TokenHash == "" && u.PasswordHash == "" {
		p.add(key, "expected token_hash or password_hash (or both), got neither")
	}
	if u.TokenHash != "" && !validTokenHash(u.TokenHash) {
		p.add(key+".token_hash", "expected sha256: and 64 hex digits (spplus's HashToken), got something else")
	}
	if u.PasswordHash != "" {
		if _, err := bcrypt.Cost([]byte(u.PasswordHash)); err != nil {
			p.add(key+".password_hash", "expected a bcrypt hash such as $2a$10$... (spplus's HashPassword), got something else")
		}
	}
}

func (p *problems) checkRole(key string, u WebUser) {
	switch u.Role {
	case RoleDITP:
		if len(u.Groupes) > 0 {
			p.add(key+".groupes", "the DITP sees every groupe instructeur: expected no groupes, got %v", u.Groupes)
		}
	case RoleBody:
		if len(u.Groupes) == 0 {
			p.add(key+".groupes", "expected the numbers of the body's groupes instructeurs, got none")
		}
		for j, g := range u.Groupes {
			if g < 1 {
				p.add(fmt.Sprintf("%s.groupes[%d]", key, j), "expected a groupe instructeur number (1 or more), got %d", g)
			}
		}
	default:
		p.add(key+".role", "expected %s or %s, got %q", RoleBody, RoleDITP, u.Role)
	}
}

// validTokenHash reports whether h is "sha256:" and 64 hex digits.
func validTokenHash(h string) bool {
	hexPart, ok := strings.CutPrefix(strings.ToLower(h), tokenHashPrefix)
	if !ok || len(hexPart) != sha256.Size*2 {
		return false
	}
	return !slices.ContainsFunc([]rune(hexPart), func(r rune) bool {
		return !strings.ContainsRune("0123456789abcdef", r)
	})
}

// SeesGroupe reports whether u may see the dossiers of groupe instructeur g.
func (u WebUser) SeesGroupe(g int) bool {
	return u.Role == RoleDITP || (u.Role == RoleBody && g > 0 && slices.Contains(u.Groupes, g))
}
