package graphql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

const okDossier = `{"data":{"dossier":{"id":"RG9zc2llci0x","number":1,"state":"accepte"}}}`

func TestRetryThenSuccess(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(w http.ResponseWriter)
		wantSleep func(d time.Duration) bool
	}{
		{"503 twice", func(w http.ResponseWriter) { writeBody(w, 503, "busy") },
			func(d time.Duration) bool { return d >= 0 && d < 2*DefaultBaseBackoff }},
		{"429 with RateLimit-Reset twice", func(w http.ResponseWriter) {
			w.Header().Set("RateLimit-Reset", fmt.Sprint(t0.Add(20*time.Second).Unix()))
			w.WriteHeader(429)
		}, func(d time.Duration) bool { return d >= 20*time.Second && d < 20*time.Second+DefaultBaseBackoff }},
		{"timeout code twice", func(w http.ResponseWriter) {
			writeBody(w, 200, `{"data":null,"errors":[{"message":"Timeout on Query.dossier","extensions":{"code":"timeout"}}]}`)
		}, func(d time.Duration) bool { return d < 2*DefaultBaseBackoff }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n counter
			h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
				if n.inc() <= 2 {
					tt.fail(w)
					return
				}
				writeBody(w, 200, okDossier)
			}, nil)
			d, err := h.c.Dossier(context.Background(), 1)
			if err != nil || d.State != StateAccepte {
				t.Fatalf("Dossier = %+v, %v", d, err)
			}
			requests, retries, _, sleeps := h.rec.snapshot()
			if n.get() != 3 || len(requests) != 3 || len(retries) != 2 || len(sleeps) != 2 {
				t.Fatalf("server saw %d, observer %v / %v, sleeps %v", n.get(), requests, retries, sleeps)
			}
			for _, s := range sleeps {
				if !tt.wantSleep(s) {
					t.Errorf("backoff %v out of range", s)
				}
			}
		})
	}
}

func TestRetriesAreBounded(t *testing.T) {
	var n counter
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		n.inc()
		writeBody(w, 500, "{}")
	}, func(o *Options) { o.MaxAttempts = 4 })
	_, err := h.c.Dossier(context.Background(), 1)
	if !errors.Is(err, ErrServer) || n.get() != 4 {
		t.Fatalf("err %v after %d requests, want ErrServer after 4", err, n.get())
	}
	_, _, _, sleeps := h.rec.snapshot()
	for i, s := range sleeps {
		ceiling := DefaultBaseBackoff << i
		if s < 0 || s >= ceiling {
			t.Errorf("backoff %d = %v, want in [0, %v)", i, s, ceiling)
		}
	}
}

func TestNoRetryForFatalClasses(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"401", 401, `{"errors":[{"message":"Token expired","extensions":{"code":"unauthorized"}}]}`},
		{"403", 403, `{"errors":[{"message":"forbidden","extensions":{"code":"forbidden"}}]}`},
		{"400", 400, `{"errors":[{"message":"bad","extensions":{"code":"bad_request"}}]}`},
		{"validation", 200, `{"errors":[{"message":"Variable $number of type Int! was provided invalid value"}]}`},
		{"not found", 200, `{"data":null,"errors":[{"message":"Dossier not found","extensions":{"code":"not_found"}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n counter
			h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
				n.inc()
				writeBody(w, tt.status, tt.body)
			}, nil)
			if _, err := h.c.Dossier(context.Background(), 1); err == nil || IsRetryable(err) {
				t.Fatalf("err = %v, want a non-retryable error", err)
			}
			if n.get() != 1 {
				t.Errorf("%d requests, want 1", n.get())
			}
		})
	}
}

func TestSendMessageIsNotResentOnceSent(t *testing.T) {
	msgOK := `{"data":{"dossierEnvoyerMessage":{"message":{"id":"Q29tbWVudGFpcmUtMg==","email":"a@b.fr","body":"Bonjour","createdAt":"2026-03-02T10:30:00+01:00"},"errors":null}}}`
	tests := []struct {
		name      string
		fail      func(w http.ResponseWriter)
		wantCalls int
		wantErr   bool
	}{
		{"500 may have been applied", func(w http.ResponseWriter) { writeBody(w, 500, "{}") }, 1, true},
		{"dropped after sending", func(w http.ResponseWriter) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}, 1, true},
		{"server timeout code", func(w http.ResponseWriter) {
			writeBody(w, 200, `{"data":{"dossierEnvoyerMessage":null},"errors":[{"message":"Timeout","extensions":{"code":"timeout"}}]}`)
		}, 1, true},
		{"429 was refused before running", func(w http.ResponseWriter) { w.WriteHeader(429) }, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n counter
			h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				if n.inc() == 1 {
					tt.fail(w)
					return
				}
				writeBody(w, 200, msgOK)
			}, nil)
			m, err := h.c.SendMessage(context.Background(), SendMessageInput{DossierID: "RG9zc2llci0x", InstructeurID: "SW5zdHJ1Y3RldXItMQ==", Body: "Bonjour"})
			if (err != nil) != tt.wantErr || n.get() != tt.wantCalls {
				t.Fatalf("err %v after %d calls; want error %v after %d", err, n.get(), tt.wantErr, tt.wantCalls)
			}
			if err == nil && (m.Body != "Bonjour" || m.CreatedAt.IsZero()) {
				t.Errorf("message = %+v", m)
			}
		})
	}
}

func TestSendMessageRetriedWhenNeverSent(t *testing.T) {
	h := newHarness(t, func(http.ResponseWriter, *http.Request) {}, func(o *Options) { o.MaxAttempts = 3 })
	h.srv.Close() // connection refused: the request never left
	_, err := h.c.SendMessage(context.Background(), SendMessageInput{DossierID: "x", InstructeurID: "y", Body: "b"})
	requests, _, _, _ := h.rec.snapshot()
	if !errors.Is(err, ErrTransport) || len(requests) != 3 {
		t.Fatalf("err %v after %v; want a transport error after 3 attempts", err, requests)
	}
}

func TestCancelDuringBackoffReturnsAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) { writeBody(w, 503, "busy") }, func(o *Options) {
		o.BaseBackoff = time.Hour // a backoff the test would never see the end of
		o.MaxBackoff = time.Hour
	})
	h.c.sleep = sleepCtx // the real, context-aware timer
	retrying := make(chan struct{})
	h.rec.onRetry = func() { close(retrying) }
	done := make(chan error, 1)
	go func() {
		_, err := h.c.Dossier(ctx, 1)
		done <- err
	}()
	<-retrying
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestCancelDuringRateLimitWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(429)
	}, nil)
	h.c.sleep = func(ctx context.Context, d time.Duration) error {
		cancel() // shutdown arrives while waiting out the 429
		return sleepCtx(ctx, d)
	}
	if _, err := h.c.Dossier(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestLimiterSpacesRequests(t *testing.T) {
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) { writeBody(w, 200, okDossier) },
		func(o *Options) { o.RequestsPerMinute = 60 }) // one per second, burst of one
	for range 3 {
		if _, err := h.c.Dossier(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
	}
	// The clock is frozen at t0, so each request waits one more second.
	_, _, limited, sleeps := h.rec.snapshot()
	want := []time.Duration{time.Second, 2 * time.Second}
	if fmt.Sprint(sleeps) != fmt.Sprint(want) || fmt.Sprint(limited) != fmt.Sprint(want) {
		t.Fatalf("sleeps %v, rate-limited %v; want %v", sleeps, limited, want)
	}
}

func TestServerWait(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		want    time.Duration
	}{
		{"none", nil, 0},
		{"retry-after seconds", map[string]string{"Retry-After": "30"}, 30 * time.Second},
		{"retry-after date", map[string]string{"Retry-After": t0.Add(45 * time.Second).Format(http.TimeFormat)}, 45 * time.Second},
		{"ds reset (unix time)", map[string]string{"RateLimit-Reset": fmt.Sprint(t0.Add(25 * time.Second).Unix())}, 25 * time.Second},
		{"draft reset (delta)", map[string]string{"RateLimit-Reset": "12"}, 12 * time.Second},
		{"the longer wins", map[string]string{"Retry-After": "5", "RateLimit-Reset": fmt.Sprint(t0.Add(9 * time.Second).Unix())}, 9 * time.Second},
		{"reset in the past", map[string]string{"RateLimit-Reset": fmt.Sprint(t0.Add(-9 * time.Second).Unix())}, 0},
		{"capped", map[string]string{"Retry-After": "86400"}, DefaultMaxServerWait},
		{"garbage", map[string]string{"Retry-After": "soon", "RateLimit-Reset": "-"}, 0},
	}
	h := newHarness(t, func(http.ResponseWriter, *http.Request) {}, nil)
	for _, tt := range tests {
		hdr := http.Header{}
		for k, v := range tt.headers {
			hdr.Set(k, v)
		}
		if got, _ := h.c.serverWait(hdr); got != tt.want {
			t.Errorf("%s: wait %v, want %v", tt.name, got, tt.want)
		}
	}
}
