package config

import (
	"bytes"
	"strings"
	"testing"
)

// testToken is a token long enough for HashToken.
const testToken = "tok-0123456789abcdefghijklmnopqrstuvwxyz"

func mustHashToken(t *testing.T, token string) string {
	t.Helper()
	h, err := HashToken(token)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestWebValidate(t *testing.T) {
	tok := mustHashToken(t, testToken)
	tests := []struct {
		name  string
		users []WebUser
		want  string // "" when valid
	}{
		{"no users", nil, ""},
		{"ditp with a token", []WebUser{{Name: "DITP", Role: RoleDITP, TokenHash: tok}}, ""},
		{"body with groups", []WebUser{{Name: "AFNOR", Role: RoleBody, Groupes: []int{1, 2}, TokenHash: tok}}, ""},
		{"upper-case hex", []WebUser{{Name: "A", Role: RoleDITP, TokenHash: strings.ToUpper(tok)}}, ""},
		{"no name", []WebUser{{Role: RoleDITP, TokenHash: tok}}, "web.users[0].name: expected a name such as AFNOR, got nothing"},
		{"colon in name", []WebUser{{Name: "a:b", Role: RoleDITP, TokenHash: tok}}, `web.users[0].name: expected a name without ':'`},
		{"unknown role", []WebUser{{Name: "A", Role: "admin", TokenHash: tok}}, `web.users[0].role: expected body or ditp, got "admin"`},
		{"body without groups", []WebUser{{Name: "A", Role: RoleBody, TokenHash: tok}}, "web.users[0].groupes: expected the numbers of the body's groupes instructeurs, got none"},
		{"body with group 0", []WebUser{{Name: "A", Role: RoleBody, Groupes: []int{0}, TokenHash: tok}}, "web.users[0].groupes[0]: expected a groupe instructeur number (1 or more), got 0"},
		{"ditp with groups", []WebUser{{Name: "A", Role: RoleDITP, Groupes: []int{1}, TokenHash: tok}}, "web.users[0].groupes: the DITP sees every groupe instructeur"},
		{"no credential", []WebUser{{Name: "A", Role: RoleDITP}}, "web.users[0]: expected token_hash or password_hash (or both), got neither"},
		{"token in clear", []WebUser{{Name: "A", Role: RoleDITP, TokenHash: testToken}}, "web.users[0].token_hash: expected sha256: and 64 hex digits"},
		{"short hex", []WebUser{{Name: "A", Role: RoleDITP, TokenHash: "sha256:abcd"}}, "web.users[0].token_hash: expected sha256:"},
		{"password in clear", []WebUser{{Name: "A", Role: RoleDITP, PasswordHash: "hunter2"}}, "web.users[0].password_hash: expected a bcrypt hash"},
		{"same name twice", []WebUser{{Name: "A", Role: RoleDITP, TokenHash: tok}, {Name: "a", Role: RoleDITP, PasswordHash: "$2a$04$abcdefghijklmnopqrstuu5LZ2d3WUoJkFJzN0bPxJmPmvAcNMD2e"}},
			`web.users[1].name: "a" is already given by web.users[0]`},
		{"same token twice", []WebUser{{Name: "A", Role: RoleDITP, TokenHash: tok}, {Name: "B", Role: RoleBody, Groupes: []int{1}, TokenHash: tok}},
			"web.users[1].token_hash: the same token as web.users[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			c.Web.Users = tt.users
			err := c.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error leaks the credential: %v", err)
			}
		})
	}
}

func TestHashTokenMatch(t *testing.T) {
	h := mustHashToken(t, testToken)
	if !strings.HasPrefix(h, "sha256:") || len(h) != len("sha256:")+64 {
		t.Fatalf("HashToken = %q, want sha256:<64 hex>", h)
	}
	u := WebUser{TokenHash: h}
	for _, tt := range []struct {
		token string
		want  bool
	}{{testToken, true}, {testToken + "x", false}, {"", false}, {h, false}} {
		if got := u.MatchToken(tt.token); got != tt.want {
			t.Errorf("MatchToken(%q) = %t, want %t", tt.token, got, tt.want)
		}
	}
	if (WebUser{}).MatchToken(testToken) {
		t.Error("a user without token_hash matched a token")
	}
	if _, err := HashToken("short"); err == nil {
		t.Error("HashToken accepted a short token")
	}
}

func TestHashPasswordMatch(t *testing.T) {
	h, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	c := validConfig()
	c.Web.Users = []WebUser{{Name: "AFNOR", Role: RoleBody, Groupes: []int{1}, PasswordHash: h}}
	if err := c.Validate(); err != nil {
		t.Fatalf("a HashPassword hash does not validate: %v", err)
	}
	u := c.Web.Users[0]
	if !u.MatchPassword("correct horse battery staple") || u.MatchPassword("wrong") || u.MatchPassword("") {
		t.Error("MatchPassword does not tell the right password from the wrong ones")
	}
	if _, err := HashPassword(""); err == nil {
		t.Error("HashPassword accepted an empty password")
	}
}

func TestNewToken(t *testing.T) {
	a, err := NewToken(bytes.NewReader(bytes.Repeat([]byte{7}, 32)))
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 43 {
		t.Errorf("NewToken = %q (%d chars), want 43 base64url characters", a, len(a))
	}
	if _, err := HashToken(a); err != nil {
		t.Errorf("a NewToken token is refused by HashToken: %v", err)
	}
	if _, err := NewToken(bytes.NewReader(nil)); err == nil {
		t.Error("NewToken without randomness gave no error")
	}
}

func TestSeesGroupe(t *testing.T) {
	ditp := WebUser{Role: RoleDITP}
	body := WebUser{Role: RoleBody, Groupes: []int{2}}
	for _, tt := range []struct {
		u    WebUser
		g    int
		want bool
	}{{ditp, 1, true}, {ditp, 0, true}, {body, 2, true}, {body, 1, false}, {body, 0, false}, {WebUser{Role: "x", Groupes: []int{1}}, 1, false}} {
		if got := tt.u.SeesGroupe(tt.g); got != tt.want {
			t.Errorf("%+v.SeesGroupe(%d) = %t, want %t", tt.u, tt.g, got, tt.want)
		}
	}
}

func TestWebLoads(t *testing.T) {
	tok := mustHashToken(t, testToken)
	doc := "web:\n  users:\n    - {name: AFNOR, role: body, groupes: [1, 3], token_hash: \"" + tok + "\"}\n"
	c, err := Load(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Web.Users; len(got) != 1 || got[0].Name != "AFNOR" || len(got[0].Groupes) != 2 || got[0].TokenHash != tok {
		t.Errorf("web.users = %+v", got)
	}
	if _, err := Load(strings.NewReader("web:\n  users: [{name: A, rol: body}]\n")); err == nil || !strings.Contains(err.Error(), `unknown key "rol" in web.users[]`) {
		t.Errorf("misspelt key: %v", err)
	}
}
