package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"
)

// Bucket and key names; the tree is drawn in the package doc.
var (
	bucketMeta             = []byte("meta")
	keyVersion             = []byte("version")
	bucketDemarches        = []byte("demarches")
	keyCheckpoint          = []byte("checkpoint")
	bucketDossiers         = []byte("dossiers")
	bucketSnapshots        = []byte("snapshots")
	bucketOutbox           = []byte("outbox")
	bucketJournal          = []byte("journal")
	bucketJournalByDossier = []byte("journal_by_dossier")
	bucketPasses           = []byte("passes")
	bucketOutboxOpen       = []byte("outbox_open")
)

// demarcheBuckets are the sub-buckets of a démarche at the current schema.
var demarcheBuckets = [][]byte{bucketDossiers, bucketSnapshots, bucketOutbox, bucketOutboxOpen, bucketJournal, bucketJournalByDossier, bucketPasses}

// u64 encodes n big-endian, so that keys sort in numeric order.
func u64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// numberKey encodes a démarche or dossier number, which must be positive.
func numberKey(what string, n int) ([]byte, error) {
	if n < 1 {
		return nil, fmt.Errorf("%s %d: expected a positive number", what, n)
	}
	return u64(uint64(n)), nil
}

// readDemarche returns the bucket of démarche n, or nil when it has none yet.
func readDemarche(tx *bbolt.Tx, n int) (*bbolt.Bucket, error) {
	key, err := numberKey("démarche", n)
	if err != nil {
		return nil, err
	}
	root := tx.Bucket(bucketDemarches)
	if root == nil {
		return nil, nil
	}
	return root.Bucket(key), nil
}

// readSub returns sub-bucket name of démarche n, or nil.
func readSub(tx *bbolt.Tx, n int, name []byte) (*bbolt.Bucket, error) {
	d, err := readDemarche(tx, n)
	if d == nil || err != nil {
		return nil, err
	}
	return d.Bucket(name), nil
}

// writeDemarche returns the bucket of démarche n, creating it and its
// sub-buckets on first use.
func writeDemarche(tx *bbolt.Tx, n int) (*bbolt.Bucket, error) {
	key, err := numberKey("démarche", n)
	if err != nil {
		return nil, err
	}
	root, err := tx.CreateBucketIfNotExists(bucketDemarches)
	if err != nil {
		return nil, fmt.Errorf("create demarches bucket: %w", err)
	}
	d, err := root.CreateBucketIfNotExists(key)
	if err != nil {
		return nil, fmt.Errorf("create bucket of démarche %d: %w", n, err)
	}
	for _, name := range demarcheBuckets {
		if _, err := d.CreateBucketIfNotExists(name); err != nil {
			return nil, fmt.Errorf("create %s bucket of démarche %d: %w", name, n, err)
		}
	}
	return d, nil
}

// writeSub returns sub-bucket name of démarche n, creating what is missing.
func writeSub(tx *bbolt.Tx, n int, name []byte) (*bbolt.Bucket, error) {
	d, err := writeDemarche(tx, n)
	if err != nil {
		return nil, err
	}
	return d.Bucket(name), nil
}

// getJSON decodes the value at key into v; it reports false when absent.
// Decoding copies the bytes, so v stays valid after the transaction.
func getJSON(b *bbolt.Bucket, key []byte, v any) (bool, error) {
	if b == nil {
		return false, nil
	}
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := decodeValue(data, v); err != nil {
		return true, fmt.Errorf("decode %T: %w", v, err)
	}
	return true, nil
}

// putJSON stores v as JSON at key.
func putJSON(b *bbolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %T: %w", v, err)
	}
	return b.Put(key, data)
}

// forEachJSON decodes every value of b in key order (reverse: last
// first) and calls fn until it returns false.
func forEachJSON[T any](b *bbolt.Bucket, reverse bool, fn func(k []byte, v T) bool) error {
	if b == nil {
		return nil
	}
	c := b.Cursor()
	first, next := c.First, c.Next
	if reverse {
		first, next = c.Last, c.Prev
	}
	for k, data := first(); k != nil; k, data = next() {
		var v T
		if err := decodeValue(data, &v); err != nil {
			return fmt.Errorf("decode %T at key %s: %w", v, keyNumber(k), err)
		}
		if !fn(k, v) {
			return nil
		}
	}
	return nil
}

// collect returns the values of b in key order (reverse: last first) that
// keep accepts, at most limit of them when limit > 0.
func collect[T any](b *bbolt.Bucket, reverse bool, limit int, keep func(T) bool) ([]T, error) {
	var out []T
	err := forEachJSON(b, reverse, func(_ []byte, v T) bool {
		if keep == nil || keep(v) {
			out = append(out, v)
		}
		return limit <= 0 || len(out) < limit
	})
	return out, err
}
