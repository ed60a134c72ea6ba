// Package gen generates the sandbox's data: a démarche "Dossier de
// candidature – Label Services publics +" with N realistic candidacy
// dossiers, their attached files and a few deleted dossiers, in the sandbox
// data file format (ARCHITECTURE.md, "Sandbox").
//
// The output is deterministic: the same Options give the same bytes, because
// every random choice comes from a PCG seeded with Options.Seed and the
// dossier's number, dates are computed from Options.Now (never read from the
// clock) and nothing is emitted in map iteration order.
//
// The démarche's champs and annotations are fixed: Descriptors lists them
// with their stable ids, labels and the candidacy input each one feeds, so
// that "spplus init" can map a real démarche by label, and docs/demarche.md
// is their table for humans.
//
// The dossiers follow a quality mix (about 30 % complete and labellisable at
// bronze, argent or or, 20 % missing a piece, 15 % with late dates, 10 % with
// an invalid survey, 5 % with a mistyped score, and a few central services,
// follow-ups, renewals, unreadable or unscanned files). When N is large
// enough, every case appears at least once, so the 24-dossier demo file
// shows them all.
//
// Attached files are kept small: survey files and grids come from bounded
// pools of variants shared between dossiers and stored once per content
// hash, so 10,000 dossiers stay under 200 MB of JSON (docs/demarche.md).
//
// The package does not validate against the DS schema and does not serve
// anything: graphql/sandbox does. It imports rules only for the default
// question codes.
package gen

//go:generate go test -run TestDemoDataUpToDate -update
