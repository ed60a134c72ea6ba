// Package sandbox is a Démarche Numérique (DS) compatible GraphQL server for tests, the demo
// and benchmarks. Fidelity is the point: every client test that runs against it is only as
// true as the sandbox, so it copies DS's observable behaviour (shared/ds/API-NOTES.md) and
// lists below where it knowingly differs. It imports nothing of this repository.
//
// # Use
//
//	srv, err := sandbox.New(sandbox.DemoData(), sandbox.Options{})
//	httpSrv := &http.Server{Addr: "127.0.0.1:8080", Handler: srv} // or httptest.NewServer(srv)
//
// New starts nothing; the caller owns the listener. One mutex guards the data, so the
// server is safe for concurrent use and answers one request at a time.
//
// # Endpoints
//
//   - POST /api/v2/graphql — the API, with Authorization: Bearer <token> (also
//     "Bearer token=<t>" and `Token token="<t>"`).
//   - GET /_sandbox/blobs/{key}?expires=&sig= — attachment content (signed, 1 hour).
//   - PUT /_sandbox/uploads/{key}?expires=&sig= — direct upload target of createDirectUpload.
//   - Admin (no auth, a loopback test tool): GET /_sandbox/mutations; GET and POST
//     /_sandbox/faults; POST /_sandbox/dossiers (upsert, as a candidate's edit);
//     GET and DELETE /_sandbox/dossiers/{n}; POST /_sandbox/dossiers/{n}/hide;
//     GET and POST /_sandbox/clock ({"advance_seconds":N}, own clock only).
//
// # Data file
//
//	{"demarches":[{"id","number","title","description","state","dateCreation",...,
//	   "activeRevision":{"id","dateCreation","champDescriptors":[...],"annotationDescriptors":[...]},
//	   "groupeInstructeurs":[{"id","number","label","closed","instructeurs":[{"id","email"}]}],
//	   "labels":[{"id","name","color"}],
//	   "dossiers":[<Dossier JSON as the API returns it, champs with their most specific
//	               __typename, "groupeInstructeur":{"id","number","label"}>],
//	   "deletedDossiers":[...], "pendingDeletedDossiers":[...]}],
//	 "blobs":{"<key>":{"content_base64":"...","content_type":"text/csv"}}}
//
// A File whose "url" is "sandbox-blob:<key>" is served from "blobs" at a signed URL on the
// request's host. Any field present in the data can be selected; a missing nullable field
// is null, a missing non-null field is graphql-ruby's invalid_null error with null
// propagated to the nearest nullable parent. Dates the sandbox writes are Europe/Paris,
// seconds precision, like DS's.
//
// # What is faithful
//
//   - Validation against DS's schema (schema/ds.graphql, descriptions stripped), with
//     graphql-ruby's messages and extensions.code for the common failures (unknown field or
//     argument, missing argument, selection mismatch, variables, fragments), "Variable $x
//     of type T was provided invalid value for a.b (explanation)", max depth 15, answered
//     with HTTP 200 and no data. Same response key with different types on exclusive types
//     is accepted, as graphql-ruby does (DS's own ds-query-v2 relies on it).
//   - Controller errors: 400 bad_request / graphql_parse_failed for bodies and variables,
//     403 forbidden without a valid token, 401 "Token expired", the production 500 body.
//   - Generic execution: aliases, fragments, inline fragments, @skip/@include, __typename,
//     variables with defaults, input coercion with defaults and @oneOf.
//   - Query-text-dependent typing (API-NOTES §6): DatetimeChamp is a DateChamp (value = the
//     datetime), YesNoChamp a CheckboxChamp, DropDownList/Address/Commune/Departement/Region/
//     Pays/HeaderSection/Explication champs TextChamps, PersonneMoraleIncomplete a
//     PersonneMorale, unless the document names the type in a fragment.
//   - Connections: 100-item pages (first: 500 → 100, default 100), first/last/after/before,
//     order: DESC (deprecated), state, archived, createdSince (ignored with updatedSince),
//     revision, inclusive updatedSince switching the keyset to (updated_at, id); cursors are
//     DS's base64url "<UTC %Y-%m-%dT%H:%M:%S.%NZ>;<id>"; hasPreviousPage is true whenever
//     after is given; endCursor is null on an empty page; a cursor that is not base64 is
//     HTTP 400 "invalid base64", one that decodes to garbage matches nothing.
//   - Root fields answer "<Type> not found" (not_found). Files whose virus scan is neither
//     safe nor pending are left out of files/attachments.
//   - Mutations of API-NOTES §9 with DS's preconditions, order of checks and messages, the
//     state machine, Traitements, system messages from contact@demarche.numerique.gouv.fr,
//     corrections (with the newer DS's refusal of a second pending one), read-only tokens,
//     "<Mutation>Payload not found", partial success of dossierModifierAnnotations. Every
//     write bumps dateDerniereModification (annotations also ...Annotations); labels do not.
//     Messages are not idempotent. Every mutation, refused or not, is logged in order.
//   - Direct upload: createDirectUpload gives a signed PUT URL and JSON headers
//     (Content-Type, Content-MD5); the PUT refuses (422) a body whose size or MD5 differs
//     from the declaration when Content-MD5 or ETag is sent, and stores it unchecked
//     otherwise, like Swift; the mutation then reports DS's three blob errors.
//   - Rate limit: 400 requests per Authorization value per fixed 60-second window, then 429
//     with RateLimit-Remaining: 0 and RateLimit-Reset, no Retry-After, no Content-Type, the
//     two-line cowboy body. Requests without Authorization are not counted.
//
// # Faults
//
// POST /_sandbox/faults {"rate_limit_every":N,"error_5xx_every":N,"latency_ms":N,
// "malformed_every":N,"poison_dossiers":[N]}: every Nth GraphQL request answers 429, the
// 500 body, or a truncated JSON body; latency delays every request (cancelled with it). A
// poisoned dossier fails as in dn#12696: wherever a Dossier object is completed it reports
// {"message":"Cannot return null for non-nullable field PersonneMorale.siegeSocial",
// "path":[...,"demandeur","siegeSocial"],"extensions":{"code":"invalid_null"}} and the
// null propagates to the nearest nullable parent. In DS's schema DossierConnection.nodes is
// [Dossier] and DossierEdge.node is Dossier (both nullable), so a page keeps its other
// dossiers, with null at the poisoned position in nodes and in that edge's node (the edge
// and its cursor stay); dossier(number:) is non-null, so data becomes null; a mutation
// payload's dossier becomes null.
//
// # Deliberate differences from DS
//
//   - One token sees every démarche (no per-démarche scoping, no "hidden due to
//     permissions" errors, no IP filtering, no deprecated_token).
//   - Persisted queries (queryId) are not served: any queryId is HTTP 400 "No query with
//     id"; without a token every request is 403.
//   - Introspection (__schema, __type) validates but resolves to null with a
//     not_supported error. Mutations outside API-NOTES §9 (groupeInstructeur*,
//     demarcheCloner, ...) answer a not_supported error.
//   - No complexity limit, no 30 s timeout, no avis/experts logic, no attestation, no
//     SVA/SVR, no e-mail; minRevision/maxRevision are ignored.
//   - Parse errors keep gqlparser's wording with graphql-ruby's " at [line, column]" suffix;
//     static validation errors carry no "path"; rarer rules keep gqlparser's wording with
//     the rule name as extensions.code.
//   - System message bodies use the default mail subjects approximately; new attachments are
//     virusScanResult "safe" at once (DS starts at "pending").
//   - Annotation values are not validated beyond their type (no e-mail format, no
//     drop-down option check).
//   - POST /_sandbox/dossiers marks a pending correction as answered and logs a
//     depose_correction_usager Traitement.
//   - The legacy webhook is not posted: state changes are recorded (Server.WebhookEvents)
//     for a later version to deliver to Options.WebhookURL.
package sandbox
