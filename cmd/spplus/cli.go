package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Exit statuses shared by every command (ARCHITECTURE.md, "Command line").
const (
	exitOK      = 0
	exitFailed  = 1 // the result is negative: incomplete candidacy, failed pass
	exitUsage   = 2 // usage or input error
	exitUnknown = exitUsage
)

// command is one subcommand: its name, a one-line summary and the function
// that runs it. run returns the exit status; it never calls os.Exit.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) int
}

// cliEnv is what a command may touch: its output streams and the process
// environment, injected so that tests run commands in-process.
type cliEnv struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() map[string]command {
	list := []command{
		{"demo", "the sandbox with demo dossiers, passes over them, what was found and done", runDemo},
		{"run", "the daemon: schedule of passes and HTTP server (--sandbox: against the embedded sandbox)", runRun},
		{"healthcheck", "check a running daemon's /readyz (exit 0 when ready)", runHealthcheck},
		{"sandbox", "run the DS-compatible sandbox server", runSandbox},
		{"score", "score one survey or audit grid file", runScore},
		{"evaluate", "evaluate a candidacy given as JSON, offline", runEvaluate},
		{"init", "write a configuration for a démarche, mapping its champs by label", runInit},
		{"status", "what the store knows: counts, quarantine, last passes", runStatus},
		{"export", "every dossier's state, findings, level and deadlines as CSV or JSON", runExport},
		{"backup", "write a consistent copy of the store", runBackup},
		{"sync", "one pass now (--dossier N for one dossier)", runSync},
		{"check", "evaluate dossier N and print the verdict; writes nothing", runCheck},
		{"attestation", "render the label attestation (PDF) of an accepted dossier, offline", runAttestation},
	}
	m := make(map[string]command, len(list))
	for _, c := range list {
		m[c.name] = c
	}
	return m
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWithEnv(ctx, args, &cliEnv{stdout: stdout, stderr: stderr, getenv: lookupEnv})
}

func runWithEnv(ctx context.Context, args []string, env *cliEnv) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.stderr, cmds)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "spplus: unknown command %q\n\n", args[0])
		usage(env.stderr, cmds)
		return exitUnknown
	}
	return c.run(ctx, env, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: spplus <command> [options]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-12s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'spplus <command> -h' for the options of a command.\n")
	fmt.Fprint(w, b.String())
}

// newFlagSet returns a FlagSet that reports errors instead of exiting.
func newFlagSet(env *cliEnv, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "usage: spplus %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns the outcome into an exit status:
// ok is false when the command must stop and return code.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		return exitOK, false
	default:
		return exitUsage, false
	}
}
