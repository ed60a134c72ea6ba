package graphql

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
)

// Upload stores data as a file attachable to dossierID and returns its
// signed blob id, to pass as DecisionInput.Justificatif or
// SendMessageInput.Attachment (DS honours it for one hour).
//
// It asks createDirectUpload for a storage URL (with the checksum: base64
// of the raw MD5 of data) then PUTs the bytes there with every header the
// server listed. The storage host must be in Options.AllowedFileHosts, and
// never receives the token. Both steps are retried: a repeated
// createDirectUpload only leaves an unused blob, and a repeated PUT writes
// the same bytes again.
func (c *Client) Upload(ctx context.Context, dossierID, filename, contentType string, data []byte) (string, error) {
	if err := requireIDs(mutCreateUpload, "dossierId", dossierID, "filename", filename, "contentType", contentType); err != nil {
		return "", err
	}
	if len(data) > math.MaxInt32 {
		return "", fmt.Errorf("upload %q: %d bytes: expected at most %d (DS byteSize is a 32-bit Int)", filename, len(data), math.MaxInt32)
	}
	sum := md5.Sum(data)
	in := directUploadInput{DossierID: dossierID, Filename: filename, ByteSize: int64(len(data)),
		Checksum: base64.StdEncoding.EncodeToString(sum[:]), ContentType: contentType}
	var p directUploadPayload
	if err := c.mutate(ctx, mutCreateUpload, in, true, &p); err != nil {
		return "", fmt.Errorf("upload %q to dossier %s: %w", filename, dossierID, err)
	}
	du := p.DirectUpload
	if du == nil || du.SignedBlobID == "" || du.URL == "" {
		return "", fmt.Errorf("upload %q to dossier %s: %w", filename, dossierID,
			&DecodeError{Op: mutCreateUpload, Status: 200, Err: errors.New("directUpload without url or signedBlobId")})
	}
	headers, err := uploadHeaders(du.Headers)
	if err != nil {
		return "", fmt.Errorf("upload %q to dossier %s: %w", filename, dossierID, err)
	}
	if err := c.putWithRetry(ctx, du.URL, headers, data); err != nil {
		return "", fmt.Errorf("upload %q to dossier %s: %w", filename, dossierID, err)
	}
	return du.SignedBlobID, nil
}

// uploadHeaders decodes directUpload.headers, a JSON-encoded object.
func uploadHeaders(raw string) (map[string]string, error) {
	if raw == "" {
		return nil, nil
	}
	var h map[string]string
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		return nil, &DecodeError{Op: mutCreateUpload, Status: 200, Err: fmt.Errorf("directUpload.headers: expected a JSON object of strings: %w", err)}
	}
	return h, nil
}

// putWithRetry PUTs data, retrying retryable failures with backoff.
func (c *Client) putWithRetry(ctx context.Context, rawURL string, headers map[string]string, data []byte) error {
	u, err := c.checkFileURL(rawURL)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		err := c.put(ctx, u.String(), headers, data)
		if err == nil || ctx.Err() != nil || attempt >= c.opts.MaxAttempts || !IsRetryable(err) {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
		wait := c.backoff(attempt, err)
		c.logRetry("upload", attempt, wait, err)
		c.obs.Retry("upload", err)
		if err := c.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// put sends the bytes once, with every header the server asked for.
func (c *Client) put(ctx context.Context, target string, headers map[string]string, data []byte) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.FileTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, target, bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("build upload request: %w", err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	start := c.now()
	resp, err := c.files.Do(req)
	if err != nil {
		err = fileTransportError("upload", err)
		c.obs.Request("upload", ClassOf(err).String(), c.now().Sub(start))
		return err
	}
	_ = resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		err := &HTTPError{Op: "upload", Status: resp.StatusCode}
		c.obs.Request("upload", err.Class().String(), c.now().Sub(start))
		return err
	}
	c.obs.Request("upload", ClassOK.String(), c.now().Sub(start))
	return nil
}
