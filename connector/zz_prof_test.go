package connector

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/spplus/spplus/connector/store"
)

func TestProfSpeed(t *testing.T) {
	e := newEnv(t, envOptions{N: 2000, Configure: noWrites})
	for i := 0; i < 2; i++ {
		start := time.Now()
		for _, err := range e.client.DossierPages(context.Background(), 1, nil, "") {
			if err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("bare in %v", time.Since(start))
	}
	e.count.take()
	for _, w := range []int{1, 4} {
		st, _ := store.Open(filepath.Join(t.TempDir(), "x.db"), store.Options{})
		s := e.syncer(func(o *Options) { o.Store = st; o.Workers = w })
		start := time.Now()
		r, err := s.Sync(context.Background(), 1, "cli")
		t.Logf("workers=%d pass %v err %v evaluated %d %v", w, time.Since(start), err, r.Evaluated, e.count.take())
		st.Close()
	}
}
