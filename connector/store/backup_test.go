package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestBackupRestores(t *testing.T) {
	s := openTest(t)
	snap, actions, journal := planFixture()
	_, err := s.SaveSnapshotAndPlan(3, snap, actions, journal)
	must(t, err)
	var buf bytes.Buffer
	n, err := s.Backup(&buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup = %d, %v (wrote %d bytes)", n, err, buf.Len())
	}
	restored := filepath.Join(t.TempDir(), "restored.db")
	must(t, os.WriteFile(restored, buf.Bytes(), 0o600))
	assertRestored(t, restored)
}

func TestBackupFile(t *testing.T) {
	s := openTest(t)
	snap, actions, journal := planFixture()
	_, err := s.SaveSnapshotAndPlan(3, snap, actions, journal)
	must(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	must(t, os.WriteFile(path, []byte("previous backup"), 0o644))
	n, err := s.BackupFile(path)
	if err != nil || n == 0 {
		t.Fatalf("BackupFile = %d, %v", n, err)
	}
	info, err := os.Stat(path)
	must(t, err)
	if info.Mode().Perm() != 0o600 || info.Size() != n {
		t.Errorf("backup mode %v size %d, want 0600 and %d bytes", info.Mode().Perm(), info.Size(), n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("backup left temporary files: %v", entries)
	}
	assertRestored(t, path)
	if _, err := s.BackupFile(filepath.Join(dir, "missing", "backup.db")); err == nil {
		t.Error("BackupFile into a missing directory succeeded")
	}
}

func assertRestored(t *testing.T, path string) {
	t.Helper()
	r, err := Open(path, Options{})
	must(t, err)
	defer r.Close()
	got, err := r.Snapshot(3, 12)
	if err != nil || got.Level != "bronze" {
		t.Errorf("restored snapshot = %+v, %v", got, err)
	}
	if pending, _ := r.PendingActions(3); len(pending) != 2 {
		t.Errorf("restored outbox holds %d actions, want 2", len(pending))
	}
}

// TestConcurrentReadersAndWriter runs readers, a writer and a backup at
// once; run with -race.
func TestConcurrentReadersAndWriter(t *testing.T) {
	s := openTest(t)
	const dossiers = 50
	var wg sync.WaitGroup
	wg.Go(func() {
		for n := 1; n <= dossiers; n++ {
			if _, err := s.SaveSnapshotAndPlan(3, Snapshot{Number: n},
				[]Action{{Key: keyFor(n), CreatedAt: t0}}, []JournalEntry{{At: t0, Kind: "evaluated"}}); err != nil {
				t.Error(err)
			}
		}
	})
	for range 4 {
		wg.Go(func() {
			for range dossiers {
				if _, err := s.Snapshots(3); err != nil {
					t.Error(err)
				}
				if _, err := s.PendingActions(3); err != nil {
					t.Error(err)
				}
				if _, err := s.Journal(3, 7, 5); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Go(func() {
		if _, err := s.Backup(new(bytes.Buffer)); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	snaps, err := s.Snapshots(3)
	must(t, err)
	if len(snaps) != dossiers {
		t.Errorf("%d snapshots, want %d", len(snaps), dossiers)
	}
}

func keyFor(n int) string { return fmt.Sprintf("%d/message/%04x", n, n) }
