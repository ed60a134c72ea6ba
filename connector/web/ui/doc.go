// Package ui is the people's view of spplus: read-only status pages for
// the DITP, which runs the label démarche, and for the certification
// bodies, each of which instructs the dossiers routed to its groupes
// instructeurs. cmd wires a Handler under "/" of the daemon's HTTP server
// (connector/web keeps /healthz, /readyz, /metrics and /webhook).
//
// Pages (French, server-rendered html/template, no JavaScript, styled with
// the vendored DSFR in assets/dsfr, see scripts/refresh-dsfr.sh):
//
//	/                                  the démarches and the viewer's counts
//	/demarches/{d}                     overview: counts by DS state and spplus
//	                                   status, the dossiers' table (filters and
//	                                   sorting as GET parameters), quarantined
//	                                   dossiers, last sync passes
//	/demarches/{d}/dossiers/{n}        one dossier: findings, scores, level and
//	                                   why, deadlines, candidacy, journal
//	/demarches/{d}/echeances           upcoming deadlines, month by month
//	/demarches/{d}/tendances           levels and completeness per month (SVG)
//	/demarches/{d}/export.csv|.json    the overview's rows (connector/report)
//	/demarches/{d}/echeances.ics       iCalendar feed of the deadlines
//	/assets/...                        DSFR and the pages' stylesheet (public)
//
// The overview's parameters are etat, statut, niveau (or, argent, bronze,
// none, indetermine), complet (oui, non), echeance (next deadline within N
// days), groupe, q (service name or dossier number), tri (numero, service,
// groupe, etat, statut, complet, bloquants, niveau, echeance, action),
// ordre=desc and page. The exports take the same filters and order.
//
// Who sees what. Credentials come from config web.users: a bearer token
// (stored as sha256:<hex>) or an HTTP basic password (bcrypt), compared in
// constant time. The DITP sees every groupe; a body sees only the dossiers
// whose groupe instructeur number is one of its groupes, in every page,
// export and feed. Another body's dossier answers 404, exactly like a
// dossier that does not exist, so existence does not leak. The run history
// shows a body the passes (times, trigger, outcome) but only its own
// dossiers' counts, from the journal, never the démarche-wide ones nor
// another body's dossier numbers or error texts. With no users configured,
// the pages are open (as the DITP) only when the server listens on a
// loopback address; otherwise every request gets 401 with
// WWW-Authenticate (Basic and Bearer). Failed credentials are counted per
// client address: after 10, one more try every 10 seconds, and meanwhile
// 429 with Retry-After before any check (throttle.go). Requests without
// credentials and successful ones cost nothing. Forwarding headers are not
// trusted, so behind a reverse proxy its clients share one allowance.
//
// The feed, and only the feed, also accepts the token as ?token=, because
// calendar applications subscribe to a URL and cannot send headers. The
// trade-off: a URL is more exposed than a header (application settings,
// proxy logs; spplus's own request log never writes query strings, and the
// pages send no Referer), and it grants what the token grants, every page
// included when used as a bearer token. Give calendar users a token of
// their own, revoke it by removing its hash from the configuration.
//
// "Over time" on the trends page is each dossier's latest evaluation before
// each month's end, rebuilt from the journal's "evaluated" entries and the
// snapshots: it reaches back as far as the journal is kept.
//
// Every answer carries a Content-Security-Policy that allows nothing but
// the binary's own files (and data: images, which DSFR's CSS uses), no
// script at all, and X-Content-Type-Options, Referrer-Policy and
// X-Frame-Options: DENY. Pages with dossier data are Cache-Control:
// no-store. Texts that could carry a secret (errors, journal messages) are
// cleaned of Options.Secrets, and no page shows a DS token.
//
// The package reads the store through Source and never writes; it reads
// the clock only through Options.Now and keeps no global state.
package ui
