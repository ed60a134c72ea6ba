package connector

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/dict"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql/sandbox/gen"
)

var writeSnapshotDict = flag.Bool("write-snapshot-dict", false,
	"build store/snapshots.zdict from passes over generated démarches (only to add a new dictionary: see store/codec.go)")

// TestBuildSnapshotDictionary builds the zstd dictionary the store
// compresses snapshots with, from the snapshots of first passes over
// generated démarches. It only runs with -write-snapshot-dict. The seeds
// differ from the benchmarks' (seed 1), so that the benchmarks measure data
// the dictionary has not seen.
func TestBuildSnapshotDictionary(t *testing.T) {
	if !*writeSnapshotDict {
		t.Skip("run with -write-snapshot-dict to build the dictionary")
	}
	var samples [][]byte
	for _, run := range []struct {
		seed      int64
		configure func(*config.Demarche)
	}{{7, noWrites}, {11, allAuto}} {
		opts := gen.DemoOptions()
		opts.N, opts.Seed = 1500, run.seed
		e := newEnv(t, envOptions{Data: generatedData(t, opts), Configure: run.configure})
		if r, err := e.syncer(func(*Options) {}).Sync(context.Background(), 1, "cli"); err != nil {
			t.Fatalf("seed %d: pass: %v (%d errors)", run.seed, err, len(r.Errors))
		}
		err := e.store.ForEachSnapshot(1, func(s store.Snapshot) bool {
			raw, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			samples = append(samples, raw)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	d, err := dict.BuildZstdDict(samples, dict.Options{MaxDictSize: 32 << 10, HashBytes: 6, ZstdDictID: store.SnapshotDictID})
	if err != nil {
		t.Fatalf("build dictionary from %d snapshots: %v", len(samples), err)
	}
	// Never over the frozen dictionary (see store/codec.go): a new one goes
	// to a new file, with a new ID in ZstdDictID above.
	path := filepath.Join("store", "snapshots.zdict")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		t.Fatalf("%v: a dictionary in use is never rebuilt; write a new one under a new name and ID", err)
	}
	if _, err := f.Write(d); err != nil {
		t.Fatal(errors.Join(err, f.Close()))
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d bytes from %d snapshots", path, len(d), len(samples))
}
