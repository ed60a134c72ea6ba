package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkWebhookBatch measures one signed batch of 100 events through
// the handler: rate limit, HMAC, JSON, queueing.
func BenchmarkWebhookBatch(b *testing.B) {
	dossiers := make([]int, 100)
	for i := range dossiers {
		dossiers[i] = 1000 + i
	}
	body := batchJSON(1, dossiers...)
	sig := Sign(testSecret, []byte(body))
	s, err := New(Options{
		Readiness: ReadinessFunc(func(context.Context) (bool, []string) { return true, nil }),
		Webhook:   WebhookOptions{Queue: nopQueue{}, Secret: testSecret, RatePerSecond: 1e9, Burst: 1e9},
	})
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/webhook", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(SignatureHeader, sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 202 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkQueueEnqueue measures Enqueue of distinct and repeated dossiers.
func BenchmarkQueueEnqueue(b *testing.B) {
	q, err := NewQueue(QueueOptions{Trigger: func(context.Context, int, int) error { return nil }, Capacity: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		_ = q.Enqueue(1, i%5000)
		i++
	}
}

// nopQueue accepts everything.
type nopQueue struct{}

func (nopQueue) Enqueue(int, int) error { return nil }
