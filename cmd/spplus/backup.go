package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/spplus/spplus/connector/store"
)

// runBackup writes a consistent copy of the store to FILE. bbolt lets one
// process hold the file: while "spplus run" holds it, the copy comes from the
// daemon's loopback-only /admin/backup endpoint.
func runBackup(ctx context.Context, env *cliEnv, args []string) int {
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
	if errors.Is(err, store.ErrLocked) && isLoopback(cfg.HTTP.Addr) {
		// The daemon holds the file: ask it for the copy.
		n, herr := backupFromDaemon(ctx, "http://"+cfg.HTTP.Addr+"/admin/backup", pos[0])
		if herr != nil {
			fmt.Fprintf(env.stderr, "spplus backup: %v; and from the running daemon: %v\n", err, herr)
			return exitFailed
		}
		fmt.Fprintf(env.stderr, "spplus backup: wrote %s (%d bytes) from the running daemon at %s\n", pos[0], n, cfg.HTTP.Addr)
		return exitOK
	}
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

// backupFromDaemon downloads the daemon's copy of the store into path,
// through a temporary file renamed at the end, mode 0600.
func backupFromDaemon(ctx context.Context, url, path string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".spplus-backup-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, resp.Body)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err != nil {
		return n, fmt.Errorf("write %s: %w", path, err)
	}
	return n, os.Rename(tmp.Name(), path)
}
