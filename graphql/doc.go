// Package graphql is the client of the Démarche Numérique ("DS") GraphQL API
// v2 used by spplus: it reads a démarche, its dossiers page by page and its
// deleted dossiers, writes annotations, messages, labels and state changes,
// uploads justificatifs and downloads attachments. It imports nothing of
// spplus and returns its own DS-shaped types (Dossier, Champ, File, ...).
//
// # How it is built
//
// Every operation is a typed Go struct whose graphql tags describe the
// selection; hasura/go-graphql-client (v0.15.1) turns each struct into the
// query text once, in New (ConstructQuery / ConstructMutation). The client
// then sends the text itself over net/http and decodes the answer with
// encoding/json into the same structs, instead of calling hasura's
// Client.Query, because:
//
//   - hasura's client drops the headers of a 429 (DS's RateLimit-Reset and
//     Retry-After) and the Date header used as the server clock;
//   - it cannot return partial data with its errors: a page where DS nulled
//     one dossier (invalid_null, timeout) would be lost whole, whereas here
//     each dossier node is decoded on its own and a bad one is reported in
//     DossierPage.Failed while the others are kept;
//   - its retries sleep without watching the context, and its debug mode
//     copies the request headers, token included, into errors. Both stay off
//     here by construction.
//
// Champ queries name a fragment for every champ type the connector reads,
// since DS types a champ by what the query mentions (a datetime champ is a
// DateChamp unless DatetimeChamp appears), select __typename, and alias each
// `value` (text, choice, checked, yesNo, integerNumber, decimalNumber) so
// the documents pass strict validation. BigInt values are read from JSON
// strings; datetimes keep DS's Paris offset.
//
// # Errors
//
// Errors are typed and classified: *RateLimitError (429), *HTTPError
// (401 unauthorized: expired token; 403 forbidden: unknown token or
// network; 5xx server), *TransportError (connection failures and the
// per-request timeout), *GraphQLError / GraphQLErrors (extensions.code and
// path: not_found, timeout, unauthorized, invalid_null, validation),
// *MutationError (HTTP 200 with the payload's errors: a refusal, never a
// success), *DecodeError (a body that is not the JSON expected) and the file
// errors of Download. Each matches a sentinel (ErrRateLimited,
// ErrNotFound, ...) with errors.Is, and ClassOf gives its Class.
//
// # Retries and budget
//
// Each request first waits for the client-side budget (golang.org/x/time/rate,
// Options.RequestsPerMinute, 300 by default; DS allows 400 per token and
// minute). Rate limits, server errors, transport failures and timeouts are
// retried up to Options.MaxAttempts with exponential backoff and full
// jitter, or after the wait a 429 asked for; 401, 403, validation errors
// and refused mutations are not. A cancelled context ends a wait at once.
// Mutations whose replay is harmless (annotations set to a value, state
// changes and labels that DS refuses to apply twice, uploads) are retried
// like queries; dossierEnvoyerMessage, which creates a message on every
// call, is resent only when DS cannot have run it (a 429, or a failure
// before the request was fully written).
//
// # Secrets
//
// The token is added by an http.RoundTripper on a clone of each request to
// the endpoint's host only; it is never sent to file hosts, never logged,
// and server text copied into errors is scrubbed of it.
package graphql
