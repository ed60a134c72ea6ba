package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts in testdata/script run "spplus" in-process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"spplus": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts checks the command-line contracts of ARCHITECTURE.md: --json
// output, exit statuses and error messages. Run with -update to rewrite the
// expected outputs after a deliberate change.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}
