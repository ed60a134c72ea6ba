package graphql_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/graphql/sandbox"
)

// ExampleClient_DossierPages lists the dossiers of the sandbox's demo
// démarche, page by page.
func ExampleClient_DossierPages() {
	sb, err := sandbox.New(sandbox.DemoData(), sandbox.Options{Token: "t"})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	c, err := graphql.New(graphql.Options{BaseURL: srv.URL, Token: "t", HTTPClient: srv.Client()})
	if err != nil {
		fmt.Println(err)
		return
	}
	n, failed := 0, 0
	for page, err := range c.DossierPages(context.Background(), 1, nil, "") {
		if err != nil {
			fmt.Println("page lost:", err)
			return
		}
		n += len(page.Dossiers)
		failed += len(page.Failed) // quarantine these, go on with the others
	}
	fmt.Printf("%d dossiers read, %d failed\n", n, failed)
	// Output: 24 dossiers read, 0 failed
}
