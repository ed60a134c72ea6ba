package web_test

import (
	"github.com/spplus/spplus/connector"
	"github.com/spplus/spplus/connector/web"
	"github.com/spplus/spplus/graphql"
)

// Metrics satisfies the observers of the DS client and of the connector
// structurally: this package imports neither, so the check lives here.
var (
	_ graphql.Observer   = (*web.Metrics)(nil)
	_ connector.Observer = (*web.Metrics)(nil)
)
