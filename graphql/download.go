package graphql

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Download streams f's content to w and returns the number of bytes
// written. It refuses, before any request, a file whose virus scan is not
// safe (*VirusScanError), read longer ago than Options.FileURLMaxAge
// (*ExpiredURLError), announced above Options.MaxFileBytes
// (*FileTooLargeError), or hosted outside Options.AllowedFileHosts
// (*HostNotAllowedError). While streaming it stops past MaxFileBytes and,
// at the end, checks the MD5 against f.Checksum (*ChecksumError).
//
// On any error, bytes may already have been written to w: write to a
// temporary buffer or file and discard it unless Download returns nil. The
// token is never sent to the file host. Downloads are not retried: after a
// failure, re-read the dossier for a fresh URL and try again.
func (c *Client) Download(ctx context.Context, f File, w io.Writer) (int64, error) {
	u, err := c.checkDownload(f)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.FileTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return 0, fmt.Errorf("download %q: build request: %w", f.Filename, err)
	}
	resp, err := c.files.Do(req)
	if err != nil {
		return 0, fmt.Errorf("download %q: %w", f.Filename, fileTransportError("download", err))
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("download %q: %w", f.Filename, &HTTPError{Op: "download", Status: resp.StatusCode})
	}
	if resp.ContentLength > c.opts.MaxFileBytes {
		return 0, &FileTooLargeError{Filename: f.Filename, Limit: c.opts.MaxFileBytes}
	}
	return c.copyVerified(f, resp.Body, w)
}

// checkDownload applies the refusals that need no request.
func (c *Client) checkDownload(f File) (*url.URL, error) {
	if f.VirusScanResult != VirusScanSafe {
		return nil, &VirusScanError{Filename: f.Filename, Result: f.VirusScanResult}
	}
	if !f.FetchedAt.IsZero() {
		if age := c.now().Sub(f.FetchedAt); age > c.opts.FileURLMaxAge {
			return nil, &ExpiredURLError{Filename: f.Filename, Age: age}
		}
	}
	if f.ByteSize > c.opts.MaxFileBytes {
		return nil, &FileTooLargeError{Filename: f.Filename, Limit: c.opts.MaxFileBytes}
	}
	if f.Checksum == "" {
		return nil, &ChecksumError{Filename: f.Filename, Want: "", Got: "(not computed: ds gave no checksum to verify)"}
	}
	u, err := c.checkFileURL(f.URL)
	if err != nil {
		return nil, fmt.Errorf("download %q: %w", f.Filename, err)
	}
	return u, nil
}

// copyVerified streams body to w, capped, hashing on the way.
func (c *Client) copyVerified(f File, body io.Reader, w io.Writer) (int64, error) {
	h := md5.New()
	limit := c.opts.MaxFileBytes
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(body, limit+1))
	if n > limit {
		return n, &FileTooLargeError{Filename: f.Filename, Limit: limit}
	}
	if err != nil {
		return n, fmt.Errorf("download %q: %w", f.Filename, fileTransportError("download", err))
	}
	if got := base64.StdEncoding.EncodeToString(h.Sum(nil)); got != f.Checksum {
		return n, &ChecksumError{Filename: f.Filename, Want: f.Checksum, Got: got}
	}
	return n, nil
}

// fileTransportError wraps a file transfer failure, dropping the signed
// query string that *url.Error would print.
func fileTransportError(op string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		clean := *ue
		if u, perr := url.Parse(ue.URL); perr == nil {
			clean.URL = redactURL(u)
		} else {
			clean.URL = ""
		}
		err = &clean
	}
	var hostErr *HostNotAllowedError
	if errors.As(err, &hostErr) {
		return hostErr
	}
	timeout := errors.Is(err, context.DeadlineExceeded)
	return &TransportError{Op: op, Err: err, Sent: true, Timeout: timeout}
}
