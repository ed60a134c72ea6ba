package connector

import (
	"context"
	"io"
	"iter"
	"time"

	"github.com/spplus/spplus/graphql"
)

type timedDS struct {
	DS
	dl, page time.Duration
}

func (t *timedDS) Download(ctx context.Context, f graphql.File, w io.Writer) (int64, error) {
	s := time.Now()
	defer func() { t.dl += time.Since(s) }()
	return t.DS.Download(ctx, f, w)
}

func (t *timedDS) DossierPages(ctx context.Context, d int, u *time.Time, a string) iter.Seq2[*graphql.DossierPage, error] {
	return func(yield func(*graphql.DossierPage, error) bool) {
		s := time.Now()
		for p, err := range t.DS.DossierPages(ctx, d, u, a) {
			t.page += time.Since(s)
			if !yield(p, err) {
				return
			}
			s = time.Now()
		}
	}
}
