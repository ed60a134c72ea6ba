package gen

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"time"
)

// blobJSON is a stored attachment in the data file's top-level "blobs".
type blobJSON struct {
	Content     []byte `json:"content_base64"` // encoding/json writes []byte as standard base64
	ContentType string `json:"content_type"`
}

// blobRef points to stored bytes.
type blobRef struct {
	key         string
	checksum    string // base64 of the MD5 digest, as DS gives it
	size        int
	contentType string
}

// blobStore keeps each distinct content once, keyed by its MD5: dossiers
// that attach identical files share one blob.
type blobStore struct {
	blobs map[string]blobJSON
}

func newBlobStore() *blobStore { return &blobStore{blobs: map[string]blobJSON{}} }

// put stores data (once) and returns its reference.
func (s *blobStore) put(data []byte, contentType string) blobRef {
	sum := md5.Sum(data)
	key := hex.EncodeToString(sum[:8]) // 64 bits tell a few thousand blobs apart
	if b, ok := s.blobs[key]; ok && !bytes.Equal(b.Content, data) {
		key = hex.EncodeToString(sum[:]) // a collision on 64 bits: use the whole digest
	}
	if _, ok := s.blobs[key]; !ok {
		s.blobs[key] = blobJSON{Content: data, ContentType: contentType}
	}
	return blobRef{
		key:         key,
		checksum:    base64.StdEncoding.EncodeToString(sum[:]),
		size:        len(data),
		contentType: contentType,
	}
}

// fileJSON is a DS File as the API returns it; url points into the blobs.
type fileJSON struct {
	Typename        string `json:"__typename"`
	Filename        string `json:"filename"`
	ContentType     string `json:"contentType"`
	Checksum        string `json:"checksum"`
	ByteSize        int    `json:"byteSize"`
	ByteSizeBigInt  string `json:"byteSizeBigInt"`
	CreatedAt       string `json:"createdAt"`
	VirusScanResult string `json:"virusScanResult"`
	URL             string `json:"url"`
}

// file returns the File object of ref, named filename, uploaded at.
func (r blobRef) file(filename string, at time.Time, scan string) fileJSON {
	return fileJSON{
		Typename:        "File",
		Filename:        filename,
		ContentType:     r.contentType,
		Checksum:        r.checksum,
		ByteSize:        r.size,
		ByteSizeBigInt:  strconv.Itoa(r.size),
		CreatedAt:       dsTime(at),
		VirusScanResult: scan,
		URL:             "sandbox-blob:" + r.key,
	}
}

// dsTime formats t as DS does: seconds precision with the Paris offset
// (t must already be in Europe/Paris).
func dsTime(t time.Time) string { return t.Format("2006-01-02T15:04:05-07:00") }
