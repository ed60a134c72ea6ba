//go:build tools

// Package tools pins the project's dependencies while the packages that use
// them are being written; it is removed once every dependency is imported.
package tools

import (
	_ "github.com/go-pdf/fpdf"
	_ "github.com/hasura/go-graphql-client"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/prometheus/client_golang/prometheus/promhttp"
	_ "github.com/rickar/cal/v2"
	_ "github.com/rickar/cal/v2/fr"
	_ "github.com/robfig/cron/v3"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/rs/zerolog"
	_ "github.com/vektah/gqlparser/v2"
	_ "github.com/xuri/excelize/v2"
	_ "go.etcd.io/bbolt"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/encoding/charmap"
	_ "golang.org/x/text/unicode/norm"
	_ "golang.org/x/time/rate"
)
