package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole file to w while the store
// stays in use (a read transaction: writers are not blocked), and returns
// the number of bytes written.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up store %s: %w", s.path, err)
	}
	return n, nil
}

// BackupFile writes a copy of the store to path, with mode 0600. The copy
// goes to a temporary file in the same directory, synced, then renamed, so
// that path holds either the previous backup or a complete new one.
func (s *Store) BackupFile(path string) (int64, error) {
	tmp, n, err := s.backupTemp(path)
	if err != nil {
		return n, fmt.Errorf("back up store to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return n, fmt.Errorf("back up store to %s: %w", path, errors.Join(err, os.Remove(tmp)))
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return n, fmt.Errorf("back up store to %s: %w", path, err)
	}
	return n, nil
}

// backupTemp writes a synced copy next to path and returns its name; on
// error, nothing is left behind.
func (s *Store) backupTemp(path string) (name string, n int64, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", 0, err
	}
	if err = f.Chmod(0o600); err == nil {
		if n, err = s.Backup(f); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", n, errors.Join(err, os.Remove(f.Name()))
	}
	return f.Name(), n, nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return errors.Join(d.Sync(), d.Close())
}
