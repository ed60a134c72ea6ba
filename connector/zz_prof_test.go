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
		n := 0
		for page, err := range e.client.DossierPages(context.Background(), 1, nil, "") {
			if err != nil { t.Fatal(err) }
			n += len(page.Dossiers)
		}
		t.Logf("bare %d in %v", n, time.Since(start))
	}
	for _, nosync := range []bool{false, true, false, true} {
		st, _ := store.Open(filepath.Join(t.TempDir(), "x.db"), store.Options{NoSync: nosync})
		td := &timedDS{DS: e.client}
		s := e.syncer(func(o *Options) { o.Store = st; o.DS = td })
		start := time.Now()
		r, err := s.Sync(context.Background(), 1, "cli")
		t.Logf("nosync=%t pass %v err %v evaluated %d pages %v downloads %v", nosync, time.Since(start), err, r.Evaluated, td.page, td.dl)
		st.Close()
	}
}
