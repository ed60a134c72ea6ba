// Package web is spplus's HTTP surface: liveness (/healthz), readiness
// (/readyz), Prometheus metrics (/metrics) and the Démarche Numérique ("DS")
// webhook (/webhook/{secret}).
//
// It depends on nothing of spplus but small interfaces the command wires:
//
//   - Readiness says whether the daemon is fit to serve; PassReadiness is a
//     ready-made one over a PassSource (store open, last pass of every
//     démarche successful and fresh).
//   - Metrics implements graphql.Observer and connector.Observer
//     structurally (this package imports neither), and NewStateCollector
//     reads the outbox depth, quarantined dossiers and checkpoint age from a
//     StateSource at scrape time.
//   - The webhook handler authenticates a notification (the secret in the
//     path for DS's legacy form, the X-Webhook-Signature-256 HMAC for the
//     signed JSON batches) and hands the dossiers to an Enqueuer; Queue is
//     the ready-made one: debounced, deduplicated, bounded, calling a Trigger
//     (cmd wires it to the connector's one-dossier sync).
//
// A webhook is only a hint: it never carries data spplus trusts. The
// dossier named is always read again from the API, so a forged or replayed
// notification can at worst cost one API read, and a lost one is caught by
// the next scheduled pass. The handler answers 202 once the dossier is
// queued, never after the sync.
//
// The package refuses to log secrets: the webhook path is redacted in
// request logs, query strings are never logged, and secrets are compared in
// constant time. It reads no clock of its own (Options.Now) and keeps no
// global state, so tests run several servers side by side on 127.0.0.1:0.
package web
