package sheets

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spplus/spplus/rules"
)

// OpenAndParseSurvey is ParseSurvey for a file on disk; path names the file
// in errors. A file larger than the byte limit is refused before reading.
func OpenAndParseSurvey(path string, kind rules.SurveyKind, opt Options) (*rules.SurveyTally, error) {
	var t *rules.SurveyTally
	err := withFile(path, opt, func(r io.Reader) (err error) {
		t, err = ParseSurvey(path, r, kind, opt)
		return err
	})
	return t, err
}

// OpenAndParseAuditGrid is ParseAuditGrid for a file on disk.
func OpenAndParseAuditGrid(path string, opt Options) (rules.AuditGrid, error) {
	var g rules.AuditGrid
	err := withFile(path, opt, func(r io.Reader) (err error) {
		g, err = ParseAuditGrid(path, r, opt)
		return err
	})
	return g, err
}

// OpenAndParseCentralGrid is ParseCentralGrid for a file on disk.
func OpenAndParseCentralGrid(path string, opt Options) (rules.CentralGrid, error) {
	var g rules.CentralGrid
	err := withFile(path, opt, func(r io.Reader) (err error) {
		g, err = ParseCentralGrid(path, r, opt)
		return err
	})
	return g, err
}

// withFile opens path, checks its size against the limit and calls parse.
func withFile(path string, opt Options, parse func(io.Reader) error) (err error) {
	f, err := os.Open(path)
	if err != nil {
		return err // an *os.PathError already names the operation and the path
	}
	defer func() {
		if cerr := f.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close %s: %w", path, cerr))
		}
	}()
	limit := opt.withDefaults().MaxBytes
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > limit {
		return &ParseError{File: path, Msg: fmt.Sprintf("file larger than the %d-byte limit", limit), Err: ErrLimit}
	}
	return parse(f)
}
