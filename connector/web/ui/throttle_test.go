package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// getFrom is get from a given client address.
func getFrom(h http.Handler, addr, path, auth string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.RemoteAddr = addr
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// A client whose credentials keep failing is refused, unchecked, once its
// allowance is spent; others are not; the allowance comes back with time;
// requests without credentials (a browser's first) and successful ones
// never spend it.
func TestFailedLoginsAreThrottled(t *testing.T) {
	h := newTestHandler(t)
	now := fxNow
	h.throttle.now = func() time.Time { return now }
	const guesser, colleague = "203.0.113.9:40000", "198.51.100.7:50000"
	good, bad := basicAuth("AFNOR", "afnor-password"), basicAuth("AFNOR", "guess")

	for i := range 20 {
		if w := getFrom(h, guesser, "/", ""); w.Code != http.StatusUnauthorized {
			t.Fatalf("request %d without credentials = %d, want 401", i, w.Code)
		}
	}
	for i := range failureBurst {
		if w := getFrom(h, guesser, "/", bad); w.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d, want 401", i+1, w.Code)
		}
	}
	w := getFrom(h, guesser, "/", good)
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "10" {
		t.Fatalf("after %d failures: %d, Retry-After %q; want 429, 10", failureBurst, w.Code, w.Header().Get("Retry-After"))
	}
	if b := body(w); !strings.Contains(b, "ont échoué depuis votre adresse") {
		t.Errorf("429 page:\n%s", b)
	}
	if w := getFrom(h, colleague, "/", good); w.Code != http.StatusOK {
		t.Errorf("another address = %d, want 200", w.Code)
	}

	now = now.Add(failureEvery)
	for range 3 {
		if w := getFrom(h, guesser, "/", good); w.Code != http.StatusOK {
			t.Fatalf("after %s, good credentials = %d, want 200", failureEvery, w.Code)
		}
	}
	if w := getFrom(h, guesser, "/", bad); w.Code != http.StatusUnauthorized {
		t.Fatalf("the next guess = %d, want 401", w.Code)
	}
	if w := getFrom(h, guesser, "/", good); w.Code != http.StatusTooManyRequests {
		t.Fatalf("after the next guess = %d, want 429", w.Code)
	}
}

func TestThrottleForgetsRecoveredAddresses(t *testing.T) {
	now := fxNow
	f := newFailureThrottle(func() time.Time { return now })
	for i := range maxThrottled {
		f.failed(string(rune(i)))
	}
	now = now.Add(failureBurst * failureEvery)
	f.failed("new")
	if len(f.limiters) != 1 || f.wait("new") != 0 {
		t.Errorf("%d addresses remembered after a full recovery, want only the new one", len(f.limiters))
	}
}
