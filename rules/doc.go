// Package rules is the label logic of spplus, and nothing else: the
// Candidacy model, the completeness and date rules of the label guide,
// survey and audit scoring, levels, central-service rules, deadlines and
// French working days.
//
// The package is pure. Values go in (a Candidacy already carrying the parsed
// survey tallies and grids, and the Settings of one edition of the guide) and
// a Verdict comes out. It reads no file, no network, no clock and no
// environment; it logs nothing and keeps no package-level mutable state. The
// caller parses the referenced files (package rules/sheets), supplies the
// dates, and decides what to do with the verdict.
//
// Every finding carries a stable rule ID of shared/RULES.md. Arithmetic is
// exact (decision D1): notes are means of quarter points kept as rationals,
// thresholds are compared on exact values, and only the display rounds, half
// away from zero, to two decimals. Month arithmetic clamps to the end of the
// month (D4) and working days follow the French calendar of the candidate's
// département (D5). The decisions this package adds to RULES.md are listed in
// docs/rules.md.
package rules
