package graphql

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNewDerivesTheEndpoint(t *testing.T) {
	tests := []struct {
		base string
		want string
	}{
		{"", "https://demarche.numerique.gouv.fr/api/v2/graphql"},
		{"https://www.demarches-simplifiees.fr", "https://www.demarches-simplifiees.fr/api/v2/graphql"},
		{"https://demarche.numerique.gouv.fr/", "https://demarche.numerique.gouv.fr/api/v2/graphql"},
		{"https://demarche.numerique.gouv.fr/api/v2/graphql", "https://demarche.numerique.gouv.fr/api/v2/graphql"},
		{"http://127.0.0.1:8080/ds?x=1", "http://127.0.0.1:8080/ds/api/v2/graphql"},
	}
	for _, tt := range tests {
		c, err := New(Options{BaseURL: tt.base, Token: testToken})
		if err != nil {
			t.Errorf("%q: %v", tt.base, err)
			continue
		}
		if c.Endpoint() != tt.want {
			t.Errorf("%q: endpoint %q, want %q", tt.base, c.Endpoint(), tt.want)
		}
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no token", Options{}, "Token is empty"},
		{"token with newline", Options{Token: "a\nb"}, "line break"},
		{"ftp", Options{Token: "t", BaseURL: "ftp://x"}, "expected an http or https URL"},
		{"no host", Options{Token: "t", BaseURL: "https:///x"}, "expected a host"},
		{"credentials in url", Options{Token: "t", BaseURL: "https://user:" + testToken + "@x"}, "carries credentials"},
		{"negative attempts", Options{Token: "t", MaxAttempts: -1}, "MaxAttempts"},
		{"negative timeout", Options{Token: "t", RequestTimeout: -time.Second}, "RequestTimeout"},
		{"negative file size", Options{Token: "t", MaxFileBytes: -1}, "MaxFileBytes"},
	}
	for _, tt := range tests {
		_, err := New(tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), testToken) {
			t.Errorf("%s: token in %v", tt.name, err)
		}
	}
}

func TestNewAppliesDefaults(t *testing.T) {
	c, err := New(Options{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	o := c.opts
	if o.RequestsPerMinute != 300 || o.MaxAttempts != DefaultMaxAttempts || o.MaxFileBytes != 50<<20 ||
		o.RequestTimeout != DefaultRequestTimeout || len(o.AllowedFileHosts) != 1 || o.AllowedFileHosts[0] != "demarche.numerique.gouv.fr" {
		t.Errorf("defaults = %+v", o)
	}
}

func TestAuthHeaderOnlyForTheEndpointHost(t *testing.T) {
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, "other:"+r.Header.Get("Authorization"))
	}))
	defer other.Close()
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, "api:"+r.Header.Get("Authorization"))
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, other.URL+"/x", http.StatusTemporaryRedirect)
		}
	}, nil)
	for _, u := range []string{h.srv.URL + "/api/v2/graphql", h.srv.URL + "/redirect"} {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		resp, err := h.c.api.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if req.Header.Get("Authorization") != "" {
			t.Error("the caller's request was modified")
		}
	}
	want := "[api:Bearer " + testToken + " api:Bearer " + testToken + " other:]"
	if strings.Join(got, " ") != strings.Trim(want, "[]") {
		t.Errorf("Authorization seen = %v", got)
	}
}
