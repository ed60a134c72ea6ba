package connector

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/spplus/spplus/graphql"
)

// loadFiles returns the parsed data files of a dossier, by field key:
// reused from the previous snapshot (or the in-memory cache) while the
// checksum is the same, downloaded and parsed otherwise. A file whose virus
// scan is not "safe" is never downloaded (FILE_NOT_SAFE). The dossier is
// read again when its file URLs are too old; the fresher copy is returned.
func (p *pass) loadFiles(ctx context.Context, d *graphql.Dossier, prev map[string]parsedFile) (*graphql.Dossier, map[string]parsedFile, error) {
	out := map[string]parsedFile{}
	for _, df := range dataFields() {
		f, ok := p.dataFile(d, df)
		if !ok {
			continue
		}
		pf, ok := p.reuse(df, f, prev)
		if !ok {
			var err error
			if d, pf, ok, err = p.fetchFile(ctx, d, df, f); err != nil {
				return d, nil, err
			}
			if !ok {
				continue
			}
		}
		out[df.Key] = pf
	}
	return d, out, nil
}

// dataFile picks the file of field df on the dossier. A champ of the wrong
// type is left to the mapping, which reports it.
func (p *pass) dataFile(d *graphql.Dossier, df dataField) (graphql.File, bool) {
	r := &champReader{champs: d.Champs, fields: p.run.cfg.Fields}
	return pickDataFile(r.files(df.Key), df.Strict)
}

// reuse returns a file already parsed, or the not-safe placeholder.
func (p *pass) reuse(df dataField, f graphql.File, prev map[string]parsedFile) (parsedFile, bool) {
	if f.VirusScanResult != graphql.VirusScanSafe {
		return parsedFile{Name: f.Filename, Checksum: f.Checksum, Scan: f.VirusScanResult, NotSafe: orPending(f.VirusScanResult)}, true
	}
	if old, ok := prev[df.Key]; ok && old.Checksum == f.Checksum && old.Scan == graphql.VirusScanSafe {
		if old, ok = withLayout(old, df.Kind, p.s.opts.Settings.Questionnaires); ok {
			return old, true
		}
	}
	if c, ok := p.s.cache.get(p.cacheKey(df, f)); ok {
		c.Name = f.Filename
		return c, true
	}
	return parsedFile{}, false
}

func orPending(scan string) string {
	if scan == "" {
		return graphql.VirusScanPending
	}
	return scan
}

// cacheKey identifies a parse: the same bytes parsed as the same kind with
// the same settings give the same result.
func (p *pass) cacheKey(df dataField, f graphql.File) string {
	return fmt.Sprintf("%d|%s|%d|%s", df.Kind, f.Checksum, f.ByteSize, p.run.configHash)
}

// fetchFile downloads and parses f, reading the dossier again first when
// its URLs are too old (DS signs them for an hour), or once when the
// download says the URL expired. ok is false when the file is gone from the
// fresher copy. A file at fault (too large, corrupt) becomes Unreadable;
// other download errors are the dossier's failure.
func (p *pass) fetchFile(ctx context.Context, d *graphql.Dossier, df dataField, f graphql.File) (*graphql.Dossier, parsedFile, bool, error) {
	refreshed := false
	for {
		if !refreshed && p.now().Sub(f.FetchedAt) > p.s.opts.FileURLMaxAge {
			var ok bool
			var err error
			if d, f, ok, err = p.refresh(ctx, d, df); err != nil || !ok {
				return d, parsedFile{}, ok, err
			}
			refreshed = true
		}
		var buf bytes.Buffer
		_, err := p.ds().Download(ctx, f, &buf)
		var expired *graphql.ExpiredURLError
		if errors.As(err, &expired) && !refreshed {
			f.FetchedAt = p.now().Add(-2 * p.s.opts.FileURLMaxAge)
			continue
		}
		pf, err := p.parsed(df, f, buf.Bytes(), err)
		return d, pf, err == nil, err
	}
}

// refresh reads the dossier again and finds the field's file in it.
func (p *pass) refresh(ctx context.Context, d *graphql.Dossier, df dataField) (*graphql.Dossier, graphql.File, bool, error) {
	fresh, err := p.ds().Dossier(ctx, d.Number)
	if err != nil {
		return d, graphql.File{}, false, fmt.Errorf("read dossier %d again for fresh file urls: %w", d.Number, err)
	}
	f, ok := p.dataFile(fresh, df)
	return fresh, f, ok, nil
}

// parsed turns a download's outcome into a parsed file, cached.
func (p *pass) parsed(df dataField, f graphql.File, content []byte, err error) (parsedFile, error) {
	pf := parsedFile{Name: f.Filename}
	var scan *graphql.VirusScanError
	switch reason, unreadable := unreadableDownload(err); {
	case unreadable:
		pf.Unreadable = reason
	case errors.As(err, &scan):
		pf.NotSafe = orPending(scan.Result)
	case err != nil:
		return parsedFile{}, fmt.Errorf("download %q: %w", f.Filename, err)
	default:
		pf = parse(df.Kind, f.Filename, content, p.s.opts.Settings.Questionnaires)
	}
	pf.Checksum, pf.Scan = f.Checksum, f.VirusScanResult
	if pf.NotSafe == "" {
		p.s.cache.put(p.cacheKey(df, f), pf)
	}
	return pf, nil
}
