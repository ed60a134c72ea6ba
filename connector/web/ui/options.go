package ui

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/rules"
)

// Source is what the pages read: *store.Store satisfies it. Snapshot
// returns an error matching store.ErrNotFound for a dossier the store does
// not hold; ForEachSnapshot calls fn with each snapshot, by number, until
// it returns false. The pages only read.
type Source interface {
	Demarches() ([]int, error)
	ForEachSnapshot(demarche int, fn func(store.Snapshot) bool) error
	Snapshot(demarche, number int) (store.Snapshot, error)
	Passes(demarche, limit int) ([]store.Pass, error)
	Journal(demarche, dossier, limit int) ([]store.JournalEntry, error)
}

var _ Source = (*store.Store)(nil)

// Options configures a Handler.
type Options struct {
	// Source is the store the pages read (required).
	Source Source
	// Now is the clock of "today", deadlines and the feed's DTSTAMP
	// (default time.Now).
	Now func() time.Time
	// Users are the credentials of the pages (config web.users).
	Users []config.WebUser
	// DSBaseURL is the root of Démarche Numérique, for the links
	// <base>/procedures/<démarche>/dossiers/<n> (config ds.base_url).
	DSBaseURL string
	// Addr is the address the server listens on (config http.addr): with
	// no Users, the pages are open only when it is a loopback address.
	Addr string
	// Logger is the base logger; the handler adds component=ui.
	Logger zerolog.Logger
	// Settings are the label rules' settings, whose levels table explains a
	// dossier's level; a zero value means rules.DefaultSettings().
	Settings rules.Settings
	// Location is the time zone of dates shown to people (default
	// Europe/Paris, UTC when the zone database is missing).
	Location *time.Location
	// Secrets are values no page may ever show (the DS token, the webhook
	// secret): they are blanked out of every error and journal text, in
	// case one ever carried them.
	Secrets []string
}

func (o Options) withDefaults() (Options, error) {
	if o.Source == nil {
		return o, errors.New("ui options: Source is nil: expected the store the pages read")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if len(o.Settings.Levels) == 0 {
		o.Settings = rules.DefaultSettings()
	}
	if o.Location == nil {
		loc, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			loc = time.UTC
		}
		o.Location = loc
	}
	base, err := dsBase(o.DSBaseURL)
	if err != nil {
		return o, err
	}
	o.DSBaseURL = base
	return o, nil
}

// dsBase checks the DS root URL and drops its trailing slash; empty stays
// empty (no "open on DS" links).
func dsBase(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("ui options: DSBaseURL: expected an http(s) URL such as https://demarche.numerique.gouv.fr, got %q", raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

// isLoopback reports whether the listen address addr only accepts
// connections from this machine. An empty host (":8080") listens on every
// interface, so it is not loopback.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
