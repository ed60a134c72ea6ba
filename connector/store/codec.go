package store

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Snapshots are most of a store: each holds a verdict with its French
// messages, the candidacy and the parsed files, 4 to 5 KB of JSON. They are
// stored as zstd frames compressed with a dictionary trained on snapshots,
// which makes them about 3.5 times smaller (1.3 KB instead of 4.7). The file is memory
// mapped, so its size is the daemon's resident memory as much as its heap
// is (docs/benchmarks.md). Other values stay plain JSON.
//
// A value says what it is by its first bytes: a zstd frame starts with a
// magic number that cannot start JSON. A snapshot written before schema v3
// is plain JSON and reads as such; the v3 migration compresses them.

// SnapshotDictID is the ID of the dictionary in snapshots.zdict; zstd
// writes it into every frame, so a frame names the dictionary it needs.
// (IDs below 32768 are reserved by the zstd format.)
const SnapshotDictID = 0x53500001

// snapshotDict was built once by connector's TestBuildSnapshotDictionary.
// Never edit or rebuild it: the snapshots in the field can only be read
// with it. A better dictionary gets a new file and a new ID, is added to
// the decoder beside this one, and the encoder switches to it.
//
//go:embed snapshots.zdict
var snapshotDict []byte

// maxSnapshotSize bounds a decompressed snapshot, so that a damaged value
// cannot make the decoder allocate without limit. The largest real ones
// (a central service with hundreds of local services) are under 100 KB.
const maxSnapshotSize = 16 << 20

var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

// codec compresses and decompresses snapshots. Its encoder and decoder are
// safe for concurrent use (EncodeAll, DecodeAll), so one serves the process.
type codec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

// snapshotCodec is built on first use; it cannot fail but for a broken
// embedded dictionary, which TestSnapshotDictionaryFrozen rules out.
var snapshotCodec = sync.OnceValues(func() (*codec, error) {
	// Fastest is within 2% of the default level's ratio on snapshots, at
	// a third of the time. A 128 KB window holds the dictionary and a
	// whole ordinary snapshot; the default (8 MB) costs the encoder 5 MB of
	// heap for nothing.
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderDict(snapshotDict), zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(128<<10))
	if err != nil {
		return nil, fmt.Errorf("snapshot compressor: %w", err)
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderDicts(snapshotDict), zstd.WithDecoderConcurrency(0),
		zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxMemory(maxSnapshotSize))
	if err != nil {
		return nil, fmt.Errorf("snapshot decompressor: %w", err)
	}
	return &codec{enc: enc, dec: dec}, nil
})

// compressJSON encodes v as JSON compressed with the snapshot dictionary.
func compressJSON(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	return compress(data)
}

// compress compresses a JSON value with the snapshot dictionary.
func compress(data []byte) ([]byte, error) {
	c, err := snapshotCodec()
	if err != nil {
		return nil, err
	}
	return c.enc.EncodeAll(data, make([]byte, 0, len(data)/3)), nil
}

// compressed reports whether a stored value is a zstd frame.
func compressed(data []byte) bool { return bytes.HasPrefix(data, zstdMagic) }

// decodeValue decodes a stored value into v, decompressing it first when
// it is a zstd frame.
func decodeValue(data []byte, v any) error {
	var buf []byte
	return decodeValueBuf(data, v, &buf)
}

// decodeValueBuf is decodeValue decompressing into *buf, which it grows
// and keeps for the next value: a walk over every snapshot reuses one.
// (json.Unmarshal copies what it keeps, so the buffer can be reused.)
func decodeValueBuf(data []byte, v any, buf *[]byte) error {
	if compressed(data) {
		c, err := snapshotCodec()
		if err != nil {
			return err
		}
		if *buf == nil {
			*buf = make([]byte, 0, 4*len(data))
		}
		plain, err := c.dec.DecodeAll(data, (*buf)[:0])
		if err != nil {
			return fmt.Errorf("decompress %T: %w", v, err)
		}
		*buf, data = plain, plain
	}
	return json.Unmarshal(data, v)
}
