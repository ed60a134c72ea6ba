// Package attestation draws the label attestation of Services Publics +: the
// PDF the certification body sends with its decision (§2.3, §3.8 of the
// label guide). It states the service, the sites covered, the level, the
// decision date and the three-year validity, the certification body and,
// for a central service, its labelled local services with their level and
// year.
//
// Render is pure: an Attestation in, PDF bytes out, the same bytes for the
// same Attestation (the PDF's dates are the decision date). The package
// reads no file, no clock and no network; uploading the PDF to Démarche
// Numérique as the decision's justificatif is the connector's job. It
// imports only rules, for Level and Date.
//
// The fonts are the PDF core fonts in the Windows-1252 code page, which
// covers French; a rune outside it loses its accent (ő → o) or becomes '?'.
// Outside text is put on one line and cut at 600 characters.
//
// An attestation comes from the store (FromRecord, what the connector kept
// of an accepted dossier) or from a JSON document (DecodeInput), for people
// who have no store:
//
//	{
//	  "service_name": "Caisse d'allocations familiales de la Moselle",
//	  "sites": ["Metz, 4 rue du Pont", "Thionville, 1 place de la Gare"],
//	  "level": "argent",
//	  "decision_date": "2026-07-01",
//	  "certification_body": "AFNOR Certification",
//	  "demarche": 1,
//	  "dossier": 12,
//	  "central": false,
//	  "central_service": "",
//	  "locals": [{"name": "CAF de Metz", "level": "or", "year": 2026}],
//	  "reference": ""
//	}
//
// service_name, level (bronze, argent or or), decision_date (YYYY-MM-DD),
// certification_body, demarche and dossier are required. sites may be
// empty (a single-site service). central marks a central service, whose
// locals (each labelled, with its level and year) are then required.
// central_service optionally names the central service a local one was
// labelled under (§3.8.1). reference defaults to
// SP+-<demarche>-<dossier>-<decision year>. Unknown keys are errors.
package attestation
