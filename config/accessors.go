package config

import (
	"net/url"
	"strings"
)

// graphqlPath is where DS serves its GraphQL API under the base URL.
const graphqlPath = "/api/v2/graphql"

// Endpoint returns the GraphQL endpoint under BaseURL.
func (d DS) Endpoint() string {
	return strings.TrimRight(d.BaseURL, "/") + graphqlPath
}

// FileHosts returns the hosts attachments may be downloaded from:
// AllowedFileHosts, or the host of BaseURL when that list is empty.
func (d DS) FileHosts() []string {
	if len(d.AllowedFileHosts) > 0 {
		return append([]string(nil), d.AllowedFileHosts...)
	}
	u, err := url.Parse(d.BaseURL)
	if err != nil || u.Host == "" {
		return nil
	}
	return []string{u.Host}
}

// Demarche returns the configuration of démarche number.
func (c Config) Demarche(number int) (Demarche, bool) {
	for _, d := range c.Demarches {
		if d.Number == number {
			return d, true
		}
	}
	return Demarche{}, false
}

// Numbers returns the configured démarche numbers, in file order.
func (c Config) Numbers() []int {
	out := make([]int, len(c.Demarches))
	for i, d := range c.Demarches {
		out[i] = d.Number
	}
	return out
}
