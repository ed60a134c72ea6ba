package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/bbolt"
)

// ErrNotFound is returned (wrapped, with the démarche and the dossier or
// action) when a dossier, an action or a pass is not in the store.
var ErrNotFound = errors.New("not found")

// ErrLocked is matched (errors.Is) by the error of Open when another
// process holds the file.
var ErrLocked = errors.New("store locked")

// DefaultTimeout is how long Open waits for the file lock by default.
const DefaultTimeout = time.Second

// DefaultKeepPasses is how many passes per démarche the history keeps by default.
const DefaultKeepPasses = 1000

// Options tunes Open. The zero value is usable.
type Options struct {
	// Timeout is how long to wait for the lock another process holds;
	// zero means DefaultTimeout (bbolt alone would wait forever).
	Timeout time.Duration
	// ReadOnly opens the file with a shared lock and writes nothing; an
	// older schema is then an error instead of being migrated.
	ReadOnly bool
	// KeepPasses caps the run history per démarche; zero means DefaultKeepPasses.
	KeepPasses int
	// NoSync skips fsync on commit. Only for tests and benchmarks: a crash
	// may then lose or corrupt the file.
	NoSync bool
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.KeepPasses <= 0 {
		o.KeepPasses = DefaultKeepPasses
	}
	return o
}

// Store is the bbolt-backed state of the connector. Its methods are safe
// for concurrent use: reads run in parallel, writes one at a time.
type Store struct {
	db   *bbolt.DB
	path string
	opts Options
	// failpoint, when set by tests, is called between the writes of a
	// transaction; an error it returns aborts the transaction there.
	failpoint func(step string) error
}

// LockedError is the error of Open when another process holds the file.
type LockedError struct {
	Path    string
	Timeout time.Duration
}

// Error names the file and the time waited.
func (e *LockedError) Error() string {
	return fmt.Sprintf("store %s is locked by another spplus process (timeout %s)", e.Path, e.Timeout)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Unwrap returns bbolt's timeout error.
func (e *LockedError) Unwrap() error { return bbolt.ErrTimeout }

// Open opens (or creates, with mode 0600) the store at path, creating its
// directory if needed, and brings its schema up to date in one transaction.
// It fails with a *LockedError when another process holds the file for
// longer than opts.Timeout, and refuses a file written by a newer binary.
func Open(path string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	if !opts.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{
		Timeout:  opts.Timeout,
		ReadOnly: opts.ReadOnly,
		NoSync:   opts.NoSync,
	})
	if errors.Is(err, bbolt.ErrTimeout) {
		return nil, &LockedError{Path: path, Timeout: opts.Timeout}
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, opts: opts}
	if err := s.migrate(); err != nil {
		return nil, errors.Join(fmt.Errorf("%s: %w", path, err), db.Close())
	}
	return s, nil
}

// Close releases the file. It is safe to call more than once.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// Path returns the file the store was opened from.
func (s *Store) Path() string { return s.path }

// update runs fn in a write transaction.
func (s *Store) update(fn func(tx *bbolt.Tx) error) error { return s.db.Update(fn) }

// view runs fn in a read transaction.
func (s *Store) view(fn func(tx *bbolt.Tx) error) error { return s.db.View(fn) }

// fail calls the test failpoint, if any.
func (s *Store) fail(step string) error {
	if s.failpoint == nil {
		return nil
	}
	return s.failpoint(step)
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// Generation identifies the state of the whole file: it changes with every
// write transaction (it is bbolt's last committed transaction ID), so a
// reader may keep what it computed from the store until it changes.
func (s *Store) Generation() (uint64, error) {
	var gen uint64
	err := s.view(func(tx *bbolt.Tx) error {
		gen = uint64(tx.ID())
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store generation: %w", err)
	}
	return gen, nil
}
