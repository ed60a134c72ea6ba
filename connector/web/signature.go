package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"strings"
)

// SignatureHeader is the header of DS's signed webhook batches:
// "sha256=" and the hex HMAC-SHA256 of the raw body keyed with the secret.
const SignatureHeader = "X-Webhook-Signature-256"

// signaturePrefix starts the value of SignatureHeader.
const signaturePrefix = "sha256="

// Errors of verifySignature.
var (
	errNoSignature  = errors.New("missing " + SignatureHeader + " header")
	errBadSignature = errors.New(SignatureHeader + " does not match the body")
)

// Sign returns the value of SignatureHeader for body under secret, as DS
// computes it; tests and senders use it.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return signaturePrefix + hex.EncodeToString(mac.Sum(nil))
}

// verifySignature checks header (the value of SignatureHeader) against
// body in constant time. A malformed header is a bad signature.
func verifySignature(secret string, body []byte, header string) error {
	header = strings.TrimSpace(header)
	if header == "" {
		return errNoSignature
	}
	prefix, hexSum, ok := strings.Cut(header, "=")
	if !ok || !strings.EqualFold(prefix+"=", signaturePrefix) {
		return errBadSignature
	}
	got, err := hex.DecodeString(hexSum)
	if err != nil || len(got) != sha256.Size {
		return errBadSignature
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return errBadSignature
	}
	return nil
}

// secretEqual compares a presented secret with the configured one in
// constant time, whatever their lengths: both are hashed first, so that
// the comparison time reveals neither the secret's bytes nor its length.
func secretEqual(presented, secret string) bool {
	a := sha256.Sum256([]byte(presented))
	b := sha256.Sum256([]byte(secret))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}
