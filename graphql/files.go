package graphql

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// VirusScanError refuses a file whose virus scan is not "safe" (pending,
// infected, integrity_error): it must not be opened.
type VirusScanError struct {
	Filename string
	Result   string
}

// Error implements error.
func (e *VirusScanError) Error() string {
	return fmt.Sprintf("file %q: virus scan is %q, expected %q", e.Filename, e.Result, VirusScanSafe)
}

// Class returns ClassFile.
func (e *VirusScanError) Class() Class { return ClassFile }

// Is matches ErrFile.
func (e *VirusScanError) Is(target error) bool { return target == ErrFile }

// HostNotAllowedError refuses a file URL (or a redirect) outside
// Options.AllowedFileHosts.
type HostNotAllowedError struct {
	Host string
}

// Error implements error.
func (e *HostNotAllowedError) Error() string {
	return fmt.Sprintf("file host %q is not in the allowed file hosts", e.Host)
}

// Class returns ClassFile.
func (e *HostNotAllowedError) Class() Class { return ClassFile }

// Is matches ErrFile.
func (e *HostNotAllowedError) Is(target error) bool { return target == ErrFile }

// FileTooLargeError refuses a file above Options.MaxFileBytes.
type FileTooLargeError struct {
	Filename string
	Limit    int64
}

// Error implements error.
func (e *FileTooLargeError) Error() string {
	return fmt.Sprintf("file %q: larger than the %d-byte limit", e.Filename, e.Limit)
}

// Class returns ClassFile.
func (e *FileTooLargeError) Class() Class { return ClassFile }

// Is matches ErrFile.
func (e *FileTooLargeError) Is(target error) bool { return target == ErrFile }

// ChecksumError reports downloaded bytes whose MD5 differs from File.Checksum.
type ChecksumError struct {
	Filename string
	Want     string
	Got      string
}

// Error implements error.
func (e *ChecksumError) Error() string {
	return fmt.Sprintf("file %q: checksum %s, expected %s", e.Filename, e.Got, e.Want)
}

// Class returns ClassFile.
func (e *ChecksumError) Class() Class { return ClassFile }

// Is matches ErrFile.
func (e *ChecksumError) Is(target error) bool { return target == ErrFile }

// ExpiredURLError refuses a File read longer ago than Options.FileURLMaxAge:
// its signed URL has probably expired; re-read the dossier.
type ExpiredURLError struct {
	Filename string
	Age      time.Duration
}

// Error implements error.
func (e *ExpiredURLError) Error() string {
	return fmt.Sprintf("file %q: url read %v ago may have expired: re-read the dossier", e.Filename, e.Age.Round(time.Second))
}

// Class returns ClassFile.
func (e *ExpiredURLError) Class() Class { return ClassFile }

// Is matches ErrFile.
func (e *ExpiredURLError) Is(target error) bool { return target == ErrFile }

// checkFileURL parses a file URL and checks its scheme and host.
func (c *Client) checkFileURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("file url: %w", errors.New("not a URL"))
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("file url scheme %q: expected http or https", u.Scheme)
	}
	if !c.hostAllowed(u) {
		return nil, &HostNotAllowedError{Host: u.Host}
	}
	return u, nil
}

// hostAllowed matches u's host against the allow-list: an entry with a port
// must match host:port exactly, an entry without one matches any port.
func (c *Client) hostAllowed(u *url.URL) bool {
	host := strings.ToLower(u.Hostname())
	for _, a := range c.opts.AllowedFileHosts {
		a = strings.ToLower(strings.TrimSpace(a))
		if _, _, err := net.SplitHostPort(a); err == nil {
			if a == strings.ToLower(u.Host) {
				return true
			}
			continue
		}
		if a == host {
			return true
		}
	}
	return false
}

// checkFileRedirect keeps redirects of downloads and uploads on allowed hosts.
func (c *Client) checkFileRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("file download: more than 5 redirects")
	}
	if !c.hostAllowed(req.URL) {
		return &HostNotAllowedError{Host: req.URL.Host}
	}
	return nil
}
