package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"go.etcd.io/bbolt"
)

// TestSnapshotDictionaryFrozen guards the embedded dictionary: every
// snapshot in the field was compressed with it, and none can be read
// without it. If this fails, put snapshots.zdict back as it was; a new
// dictionary is a new file with a new ID (see codec.go).
func TestSnapshotDictionaryFrozen(t *testing.T) {
	const want = "11192f9ad4c6f7a3b256cfa7ad3051483893e11ab256635264eb06cb7ee120d8"
	sum := sha256.Sum256(snapshotDict)
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("snapshots.zdict changed: sha256 %s, want %s", got, want)
	}
	// A zstd dictionary starts with its magic number, then its ID.
	if len(snapshotDict) < 8 || binary.LittleEndian.Uint32(snapshotDict) != 0xEC30A437 {
		t.Fatal("snapshots.zdict is not a zstd dictionary")
	}
	if id := binary.LittleEndian.Uint32(snapshotDict[4:]); id != SnapshotDictID {
		t.Fatalf("snapshots.zdict has ID %#x, want %#x", id, SnapshotDictID)
	}
	if _, err := snapshotCodec(); err != nil {
		t.Fatal(err)
	}
}

// rawSnapshot reads the stored bytes of a snapshot, bypassing the Store.
func rawSnapshot(t *testing.T, path string, demarche, number int) []byte {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	must(t, err)
	defer db.Close()
	var out []byte
	must(t, db.View(func(tx *bbolt.Tx) error {
		d, err := readDemarche(tx, demarche)
		if err != nil {
			return err
		}
		data, err := snapshotData(d.Bucket(bucketDossiers), d.Bucket(bucketSnapshots), u64(uint64(number)))
		out = bytes.Clone(data)
		return err
	}))
	return out
}

func TestSnapshotsAreStoredCompressed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	s, err := Open(path, Options{})
	must(t, err)
	verdict := `{"complete":false,"findings":[{"rule":"SELF_DIAG_12_MONTHS","severity":"blocking","section":"3.5.1",` +
		`"message":"L'autodiagnostic date de plus de 12 mois avant la date de l'audit."}],"level":null}`
	snap := Snapshot{Number: 42, State: "en_construction", Verdict: json.RawMessage(verdict), Findings: []string{"SELF_DIAG_12_MONTHS"},
		Deadlines: map[string]string{"deposit_due": "2026-09-05"}, Annotations: map[string]string{"status": "incomplet"}}
	_, err = s.SaveSnapshotsAndPlans(1, []Plan{{Snapshot: snap}})
	must(t, err)
	got, err := s.Snapshot(1, 42)
	must(t, err)
	must(t, s.Close())
	if !reflect.DeepEqual(got, snap) {
		t.Errorf("read back %+v\nwant %+v", got, snap)
	}

	raw := rawSnapshot(t, path, 1, 42)
	if !compressed(raw) {
		t.Fatalf("stored value is not a zstd frame: %q", raw)
	}
	var h zstd.Header
	must(t, h.Decode(raw))
	if h.DictionaryID != SnapshotDictID {
		t.Errorf("frame names dictionary %#x, want %#x", h.DictionaryID, SnapshotDictID)
	}
	plain, _ := json.Marshal(snap)
	if len(raw) >= len(plain) {
		t.Errorf("compressed %d bytes, plain JSON %d", len(raw), len(plain))
	}
}

// writeV2Fixture writes a snapshot the way a v2 binary did: plain JSON,
// here with a field this binary does not know.
func writeV2Fixture(t *testing.T, path string, plain []byte) {
	t.Helper()
	writeRaw(t, path, func(tx *bbolt.Tx) error {
		meta, _ := tx.CreateBucket(bucketMeta)
		must(t, meta.Put(keyVersion, u64(2)))
		root, _ := tx.CreateBucket(bucketDemarches)
		d, _ := root.CreateBucket(u64(3))
		for _, name := range demarcheBuckets {
			_, _ = d.CreateBucket(name)
		}
		return d.Bucket(bucketDossiers).Put(u64(12), plain)
	})
}

func TestMigrateV2ToV3CompressesSnapshots(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	plain := []byte(`{"number":12,"state":"en_instruction","level":"argent","complete":true,"from_the_future":{"x":1}}`)
	writeV2Fixture(t, path, plain)
	s, err := Open(path, Options{})
	must(t, err)
	if snap, err := s.Snapshot(3, 12); err != nil || snap.Level != "argent" || !snap.Complete {
		t.Errorf("Snapshot after migration = %+v, %v", snap, err)
	}
	must(t, s.Close())
	if v := fileVersion(t, path); v != SchemaVersion() {
		t.Errorf("version = %d, want %d", v, SchemaVersion())
	}
	raw := rawSnapshot(t, path, 3, 12)
	if !compressed(raw) {
		t.Fatalf("v2 snapshot left uncompressed: %q", raw)
	}
	c, err := snapshotCodec()
	must(t, err)
	back, err := c.dec.DecodeAll(raw, nil)
	must(t, err)
	if !bytes.Equal(back, plain) {
		t.Errorf("migration changed the JSON:\n%s\nwant\n%s", back, plain)
	}
}

// A plain JSON snapshot (a v2 file opened read-only, or a value written by
// hand) still reads.
func TestPlainSnapshotStillReads(t *testing.T) {
	var snap Snapshot
	if err := decodeValue([]byte(`{"number":5,"level":"or"}`), &snap); err != nil || snap.Number != 5 || snap.Level != "or" {
		t.Errorf("decodeValue(plain) = %+v, %v", snap, err)
	}
}

func TestDamagedSnapshotIsAClearError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spplus.db")
	s, err := Open(path, Options{})
	must(t, err)
	_, err = s.SaveSnapshotsAndPlans(1, []Plan{{Snapshot: Snapshot{Number: 7, Level: "bronze"}}})
	must(t, err)
	must(t, s.Close())
	// Truncate the frame, as a damaged disk would.
	raw := rawSnapshot(t, path, 1, 7)
	db, err := bbolt.Open(path, 0o600, nil)
	must(t, err)
	must(t, db.Update(func(tx *bbolt.Tx) error {
		d, err := writeDemarche(tx, 1)
		if err != nil {
			return err
		}
		at := bytes.Clone(d.Bucket(bucketDossiers).Get(u64(7)))
		return d.Bucket(bucketSnapshots).Put(at, raw[:len(raw)-3])
	}))
	must(t, db.Close())

	s, err = Open(path, Options{})
	must(t, err)
	defer s.Close()
	_, err = s.Snapshot(1, 7)
	if err == nil || !strings.Contains(err.Error(), "démarche 1 dossier 7") || !strings.Contains(err.Error(), "decompress") {
		t.Fatalf("Snapshot of a damaged value: %v", err)
	}
}

// FuzzDecodeValue feeds stored values of any shape to the decoder: it
// must answer an error, never panic nor allocate without bound.
func FuzzDecodeValue(f *testing.F) {
	f.Add([]byte(`{"number":1}`))
	z, err := compress([]byte(`{"number":1,"verdict":{"complete":true}}`))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(z)
	f.Add(append(bytes.Clone(zstdMagic), 0, 0, 0, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		var snap Snapshot
		_ = decodeValue(data, &snap)
	})
}
