// Package sandbox is a DS-compatible server (placeholder doc, rewritten below).
package sandbox
