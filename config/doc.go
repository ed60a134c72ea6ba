// Package config is spplus's configuration: one YAML file, overlaid by
// SPPLUS_* environment variables and secret files, checked once.
//
// The life of a configuration is
//
//	c, err := config.LoadFile(path)     // Default() overlaid by the file (strict YAML)
//	err = c.ApplyEnv(os.Getenv)         // SPPLUS_* overrides
//	err = c.ReadSecretFiles()           // token_file, webhook_secret_file
//	err = c.Validate()                  // every problem at once, each naming its key
//
// and Read does the four steps in one call. The commented example file
// (Example) documents every key.
//
// This package is the only one of spplus that reads the environment, and it
// imports nothing else of spplus: the connector converts what it needs.
// It also owns the vocabulary of the field mapping (Fields, Annotations):
// the keys a démarche's champs and annotations are mapped to.
//
// Secrets (the DS token, the webhook secret) have the type Secret, which
// prints as <secret> in every format, so that dumping a Config never leaks
// them. The package refuses to guess: unknown YAML keys, unknown mapping keys
// and malformed values are errors, reported together.
package config
