package graphql

import (
	"context"
	"errors"
)

// Class is the kind of an outcome, for retry decisions, logs and metrics.
type Class int

// Classes of outcomes. ClassOK is a success.
const (
	ClassOK Class = iota
	ClassRateLimited
	ClassUnauthorized
	ClassForbidden
	ClassNotFound
	ClassTimeout
	ClassServer
	ClassTransport
	ClassClient
	ClassGraphQL
	ClassMutation
	ClassMalformed
	ClassFile
	ClassCanceled
	ClassUnknown
)

var classNames = [...]string{
	ClassOK:           "ok",
	ClassRateLimited:  "rate_limited",
	ClassUnauthorized: "unauthorized",
	ClassForbidden:    "forbidden",
	ClassNotFound:     "not_found",
	ClassTimeout:      "timeout",
	ClassServer:       "server",
	ClassTransport:    "transport",
	ClassClient:       "client",
	ClassGraphQL:      "graphql",
	ClassMutation:     "mutation",
	ClassMalformed:    "malformed",
	ClassFile:         "file",
	ClassCanceled:     "canceled",
	ClassUnknown:      "unknown",
}

// String returns the snake_case name used in logs and metrics labels.
func (c Class) String() string {
	if c >= 0 && int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// Retryable reports whether an operation that failed with this class may
// succeed if tried again: rate limits, server errors, transport failures
// and timeouts. Never 401/403, validation or refused mutations.
func (c Class) Retryable() bool {
	switch c {
	case ClassRateLimited, ClassServer, ClassTransport, ClassTimeout:
		return true
	default:
		return false
	}
}

func (c Class) sentinel() error {
	switch c {
	case ClassRateLimited:
		return ErrRateLimited
	case ClassUnauthorized:
		return ErrUnauthorized
	case ClassForbidden:
		return ErrForbidden
	case ClassNotFound:
		return ErrNotFound
	case ClassTimeout:
		return ErrTimeout
	case ClassServer:
		return ErrServer
	case ClassTransport:
		return ErrTransport
	case ClassClient:
		return ErrClient
	case ClassGraphQL:
		return ErrGraphQL
	case ClassMutation:
		return ErrMutation
	case ClassMalformed:
		return ErrMalformed
	case ClassFile:
		return ErrFile
	default:
		return nil
	}
}

// classifier is implemented by every typed error of this package.
type classifier interface{ Class() Class }

// ClassOf classifies err: nil is ClassOK, a cancelled or expired caller
// context is ClassCanceled. For a GraphQLErrors list, the class is the first
// non-retryable entry's, so one fatal error makes the whole answer fatal.
func ClassOf(err error) Class {
	if err == nil {
		return ClassOK
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		var te *TransportError
		if !errors.As(err, &te) || !te.Timeout {
			return ClassCanceled
		}
	}
	var list GraphQLErrors
	if errors.As(err, &list) && len(list) > 0 {
		return listClass(list)
	}
	var c classifier
	if errors.As(err, &c) {
		return c.Class()
	}
	return ClassUnknown
}

// listClass returns the first non-retryable class of the list, else the first.
func listClass(list GraphQLErrors) Class {
	for _, e := range list {
		if !e.Class().Retryable() {
			return e.Class()
		}
	}
	return list[0].Class()
}

// IsRetryable reports whether err is worth another try (see Class.Retryable).
func IsRetryable(err error) bool { return ClassOf(err).Retryable() }
