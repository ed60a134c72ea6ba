package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spplus/spplus/connector/web"
	"github.com/spplus/spplus/graphql/sandbox"
)

// signalQueue passes dossiers to a real Queue and reports each one.
type signalQueue struct {
	*web.Queue
	got chan [2]int
}

func (q signalQueue) Enqueue(demarche, dossier int) error {
	err := q.Queue.Enqueue(demarche, dossier)
	q.got <- [2]int{demarche, dossier}
	return err
}

// TestSandboxWebhooksReachTheQueue: a dépôt on the sandbox reaches the
// webhook in both of DS's forms, passes its checks, and triggers one sync
// of that dossier.
func TestSandboxWebhooksReachTheQueue(t *testing.T) {
	const secret = "whsec_ZTJlLXNlY3JldA=="
	synced := make(chan [2]int, 10)
	tick := make(chan time.Time)
	var clock atomic.Int64 // seconds since the epoch
	clock.Store(1_772_000_000)
	now := func() time.Time { return time.Unix(clock.Load(), 0) }
	q, err := web.NewQueue(web.QueueOptions{
		Trigger: func(_ context.Context, d, n int) error { synced <- [2]int{d, n}; return nil },
		Now:     now, Tick: tick, Debounce: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer q.Stop()
	sq := signalQueue{q, make(chan [2]int, 10)}
	srv, err := web.New(web.Options{
		Addr:      "127.0.0.1:0",
		Readiness: web.ReadinessFunc(func(context.Context) (bool, []string) { return true, nil }),
		Webhook:   web.WebhookOptions{Queue: sq, Secret: secret, Demarches: []int{1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Shutdown(context.Background()) }()

	base := "http://" + srv.Addr() + "/webhook"
	ds, err := sandbox.New(sandbox.DemoData(), sandbox.Options{WebhookURL: base + "/" + secret})
	if err != nil {
		t.Fatal(err)
	}
	sender, err := sandbox.NewWebhookSender(ds, sandbox.WebhookSenderOptions{BatchURL: base, Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if err := sender.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer sender.Stop()
	dsHTTP := httptest.NewServer(sender.Handler())
	defer dsHTTP.Close()

	resp, err := http.Post(dsHTTP.URL+"/_sandbox/dossiers", "application/json", strings.NewReader(`{"number":990001}`))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("file a dossier on the sandbox: status %d", resp.StatusCode)
	}
	for range 2 { // the legacy form and the signed batch
		if got := receive(t, sq.got); got != [2]int{1, 990001} {
			t.Errorf("webhook queued %v, want démarche 1 dossier 990001", got)
		}
	}
	clock.Add(1)
	tick <- now()
	if got := receive(t, synced); got != [2]int{1, 990001} {
		t.Errorf("synced %v", got)
	}
	for _, d := range sender.Deliveries() {
		if d.Status != http.StatusAccepted {
			t.Errorf("%s delivery answered %d: %s", d.Form, d.Status, d.Error)
		}
	}
}

// receive waits for a value; the timeout only keeps a broken test from hanging.
func receive(t *testing.T, c chan [2]int) [2]int {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("nothing received")
		return [2]int{}
	}
}
