package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// t0 is the fixed time tests start from: no test reads the clock.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "spplus.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreatesPrivateFileAtCurrentVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "spplus.db")
	s, err := Open(path, Options{})
	must(t, err)
	info, err := os.Stat(path)
	must(t, err)
	if mode := info.Mode().Perm(); mode&0o077 != 0 {
		t.Errorf("store file mode = %v, want no group or other access", mode)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q", s.Path())
	}
	must(t, s.Close())
	must(t, s.Close()) // twice is harmless
	if v := fileVersion(t, path); v != SchemaVersion() {
		t.Errorf("version = %d, want %d", v, SchemaVersion())
	}
	s, err = Open(path, Options{})
	must(t, err)
	must(t, s.Close())
}

func TestOpenLockedByAnotherProcess(t *testing.T) {
	// flock locks belong to open file descriptions, so a second Open in the
	// same process contends for the lock exactly as another process would.
	path := filepath.Join(t.TempDir(), "spplus.db")
	first, err := Open(path, Options{})
	must(t, err)
	defer first.Close()
	_, err = Open(path, Options{Timeout: 50 * time.Millisecond})
	want := "store " + path + " is locked by another spplus process (timeout 50ms)"
	if err == nil || err.Error() != want {
		t.Fatalf("second Open: %v, want %q", err, want)
	}
	if !errors.Is(err, ErrLocked) || !errors.Is(err, bbolt.ErrTimeout) {
		t.Errorf("error %v should match ErrLocked and bbolt.ErrTimeout", err)
	}
	var le *LockedError
	if !errors.As(err, &le) || le.Timeout != 50*time.Millisecond {
		t.Errorf("errors.As(*LockedError) = %+v", le)
	}
}

func TestOpenDefaultTimeoutMessage(t *testing.T) {
	if got := (&LockedError{Path: "x.db", Timeout: DefaultTimeout}).Error(); got !=
		"store x.db is locked by another spplus process (timeout 1s)" {
		t.Errorf("message = %q", got)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	writeRaw(t, path, func(tx *bbolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keyVersion, u64(uint64(SchemaVersion()+7)))
	})
	_, err := Open(path, Options{})
	want := fmt.Sprintf("store schema v%d is newer than this binary (v%d)", SchemaVersion()+7, SchemaVersion())
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open: %v, want %q", err, want)
	}
	if v := fileVersion(t, path); v != SchemaVersion()+7 {
		t.Errorf("the refused file was changed to v%d", v)
	}
}

func TestOpenRefusesForeignFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	writeRaw(t, path, func(tx *bbolt.Tx) error {
		_, err := tx.CreateBucket([]byte("widgets"))
		return err
	})
	_, err := Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), `not a spplus store: it has a "widgets" bucket`) {
		t.Fatalf("Open: %v", err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	writeV1Fixture(t, path)
	_, err := Open(path, Options{ReadOnly: true})
	want := fmt.Sprintf("store schema v1 needs migrating to v%d: open it once read-write", SchemaVersion())
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("read-only Open of a v1 file: %v", err)
	}
	s, err := Open(path, Options{})
	must(t, err)
	must(t, s.Close())
	ro, err := Open(path, Options{ReadOnly: true})
	must(t, err)
	defer ro.Close()
	if _, err := ro.Snapshot(3, 12); err != nil {
		t.Errorf("read-only Snapshot: %v", err)
	}
	if err := ro.SetCheckpoint(3, Checkpoint{}); err == nil {
		t.Error("read-only store accepted a write")
	}
}

func TestInvalidNumbers(t *testing.T) {
	s := openTest(t)
	if _, err := s.Snapshot(0, 1); err == nil || !strings.Contains(err.Error(), "démarche 0: expected a positive number") {
		t.Errorf("Snapshot(0, 1) = %v", err)
	}
	if _, err := s.Snapshot(1, -4); err == nil || !strings.Contains(err.Error(), "dossier -4: expected a positive number") {
		t.Errorf("Snapshot(1, -4) = %v", err)
	}
	if err := s.SetCheckpoint(-1, Checkpoint{}); err == nil {
		t.Error("SetCheckpoint(-1) accepted")
	}
}

// writeRaw creates a bbolt file by hand, as an older or foreign program would.
func writeRaw(t *testing.T, path string, fn func(tx *bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second})
	must(t, err)
	must(t, db.Update(fn))
	must(t, db.Close())
}

func fileVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second, ReadOnly: true})
	must(t, err)
	defer db.Close()
	var v int
	must(t, db.View(func(tx *bbolt.Tx) (err error) {
		v, err = readVersion(tx)
		return err
	}))
	return v
}

func TestGenerationChangesWithEveryWrite(t *testing.T) {
	s := openTest(t)
	g1, err := s.Generation()
	must(t, err)
	if g, _ := s.Generation(); g != g1 {
		t.Errorf("a read changed the generation: %d then %d", g1, g)
	}
	must(t, s.SetCheckpoint(1, Checkpoint{UpdatedSince: t0}))
	if g2, _ := s.Generation(); g2 == g1 {
		t.Errorf("a write left the generation at %d", g1)
	}
}
