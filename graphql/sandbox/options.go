package sandbox

import (
	"time"

	"github.com/rs/zerolog"
)

// DefaultToken is the bearer token the sandbox accepts when Options.Token is empty.
const DefaultToken = "sandbox-token"

// DefaultRateLimitPerMinute is DS's rack-attack limit on /api/v2/graphql: 400 requests per
// Authorization header value per fixed 60-second window.
const DefaultRateLimitPerMinute = 400

// Options configures a Server. The zero value is usable: token "sandbox-token", the sandbox's
// own settable clock, DS's rate limit, a disabled logger.
type Options struct {
	// Token is the only valid API token (default DefaultToken).
	Token string
	// ExpiredTokens are tokens answered with HTTP 401 "Token expired", as DS does for a
	// token past its expiry date.
	ExpiredTokens []string
	// ReadOnlyTokens are valid tokens without write access: queries work, every mutation
	// answers the payload error "Le jeton utilisé est configuré seulement en lecture".
	ReadOnlyTokens []string
	// Now is the clock. When nil the server uses its own settable clock, started at the
	// real time and moved only by POST /_sandbox/clock (see Ticking).
	Now func() time.Time
	// Ticking makes the server's own clock follow the real time, still moved forward by
	// POST /_sandbox/clock. Long-running sandboxes need it: a frozen clock never ends a
	// rate-limit window. Ignored when Now is set.
	Ticking bool
	// RateLimitPerMinute is the number of GraphQL requests allowed per Authorization value
	// per fixed 60-second window. 0 means DefaultRateLimitPerMinute; a negative value
	// disables the limit.
	RateLimitPerMinute int
	// Logger receives one line per GraphQL request and per refused admin call.
	Logger zerolog.Logger
	// WebhookURL is reserved for the legacy per-démarche webhook (API-NOTES §11). The
	// sandbox records the state changes that would fire it (see Server.WebhookEvents) but
	// does not POST them yet.
	WebhookURL string
}

// Faults are the failures the sandbox injects, set with Server.SetFaults or
// POST /_sandbox/faults. A zero field disables that fault.
type Faults struct {
	// RateLimitEvery makes every Nth GraphQL request answer DS's 429.
	RateLimitEvery int `json:"rate_limit_every"`
	// Error5xxEvery makes every Nth GraphQL request answer DS's production 500 body.
	Error5xxEvery int `json:"error_5xx_every"`
	// LatencyMS delays every GraphQL request (the wait ends early when the request's
	// context is cancelled).
	LatencyMS int `json:"latency_ms"`
	// MalformedEvery makes every Nth GraphQL request answer a truncated JSON body.
	MalformedEvery int `json:"malformed_every"`
	// PoisonDossiers are dossier numbers whose node fails with DS's invalid_null error
	// "Cannot return null for non-nullable field PersonneMorale.siegeSocial".
	PoisonDossiers []int `json:"poison_dossiers"`
}

// RecordedMutation is one mutation field the sandbox received, in arrival order, whether it
// succeeded or was refused.
type RecordedMutation struct {
	// Name is the mutation field name, e.g. "dossierEnvoyerMessage".
	Name string `json:"name"`
	// Input is the coerced input argument as the server understood it.
	Input map[string]any `json:"input"`
	// At is the server clock when the mutation ran.
	At time.Time `json:"at"`
	// Errors are the payload (or top-level) error messages; empty on success.
	Errors []string `json:"errors,omitempty"`
}

// WebhookEvent is a state change that DS's legacy webhook would POST
// (procedure_id, dossier_id, state, updated_at).
type WebhookEvent struct {
	DemarcheNumber int       `json:"procedure_id"`
	DossierNumber  int       `json:"dossier_id"`
	State          string    `json:"state"`
	UpdatedAt      time.Time `json:"updated_at"`
}
