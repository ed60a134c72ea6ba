package sheets

import (
	"fmt"
	"io"
)

// capReader reads at most max bytes of a file and fails on the byte after,
// so a 2 GB upload is refused after max+1 bytes, not read to the end.
type capReader struct {
	r    io.Reader
	n    int64 // bytes read so far
	max  int64
	file string
}

// Read implements io.Reader.
func (c *capReader) Read(p []byte) (int, error) {
	if c.n > c.max {
		return 0, c.tooLarge()
	}
	if room := c.max + 1 - c.n; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		return n - int(c.n-c.max), c.tooLarge()
	}
	return n, err
}

func (c *capReader) tooLarge() error {
	return &ParseError{File: c.file, Msg: fmt.Sprintf("file larger than the %d-byte limit", c.max), Err: ErrLimit}
}
