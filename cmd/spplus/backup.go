package main

import (
	"context"
	"fmt"
)

// runBackup writes a consistent copy of the store to FILE. bbolt lets one
// process write the file: while "spplus run" holds it, use the daemon's
// backup endpoint instead (deploy/README.md).
func runBackup(_ context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "backup", "FILE [--config FILE]")
	cfgPath := fs.String("config", "", "configuration file")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	cfg, err := loadConfig(env, *cfgPath)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus backup: %v\n", err)
		return exitUsage
	}
	st, err := openStore(cfg, true)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus backup: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	n, err := st.BackupFile(pos[0])
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus backup: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(env.stderr, "spplus backup: wrote %s (%d bytes) from %s\n", pos[0], n, st.Path())
	return exitOK
}
