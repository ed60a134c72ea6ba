package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// maxZipEntries bounds the parts of an XLSX archive; a real workbook has a
// few dozen.
const maxZipEntries = 10_000

// xlsxRows streams the rows of the first sheet of a workbook.
type xlsxRows struct {
	f     *excelize.File
	rows  *excelize.Rows
	file  string
	sheet string
	row   int // row last returned, 1-based
}

// openXLSX reads the workbook (at most MaxBytes, already enforced by the
// reader), checks the archive against MaxUnzipBytes before excelize
// inflates anything, and opens the first sheet's row stream.
func openXLSX(name string, r io.Reader, opt Options) (src rowSource, err error) {
	defer recoverAs(&err, name, "")
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, readError(name, err)
	}
	if err := checkZip(name, data, opt.MaxUnzipBytes); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    opt.MaxUnzipBytes,
		UnzipXMLSizeLimit: min(xlsxInMemoryPart, opt.MaxUnzipBytes),
	})
	if err != nil {
		return nil, &ParseError{File: name, Msg: "unreadable XLSX workbook: " + err.Error(), Err: err}
	}
	x := &xlsxRows{f: f, file: name}
	if err := x.openFirstSheet(); err != nil {
		_ = f.Close() // the open error says more than a cleanup error
		return nil, err
	}
	return x, nil
}

// checkZip refuses archives that are not zip files, hold too many parts,
// declare more uncompressed bytes than allowed, or have a part that does
// not inflate to its declared size and checksum. excelize ignores the
// errors of reading a part, so without this a corrupt or lying archive
// would be read as a truncated sheet, silently dropping rows. Inflating
// each part once more costs little next to parsing it.
func checkZip(name string, data []byte, maxUnzip int64) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &ParseError{File: name, Msg: "not a valid XLSX file (broken zip archive): " + err.Error(), Err: err}
	}
	if len(zr.File) > maxZipEntries {
		return &ParseError{File: name, Msg: fmt.Sprintf("XLSX archive with more than %d parts", maxZipEntries), Err: ErrLimit}
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(maxUnzip) {
			return &ParseError{File: name, Msg: fmt.Sprintf("XLSX content larger than the %d-byte uncompressed limit", maxUnzip), Err: ErrLimit}
		}
	}
	for _, f := range zr.File {
		if err := checkPart(f); err != nil {
			return &ParseError{File: name, Msg: fmt.Sprintf("corrupt XLSX file: part %s: %v", quote(f.Name), err), Err: err}
		}
	}
	return nil
}

// checkPart inflates one part, which archive/zip stops at its declared
// size and checks against its CRC-32.
func checkPart(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, rc)
	return errors.Join(err, rc.Close())
}

func (x *xlsxRows) openFirstSheet() error {
	sheets := x.f.GetSheetList()
	if len(sheets) == 0 {
		return &ParseError{File: x.file, Msg: "workbook without a sheet"}
	}
	x.sheet = sheets[0]
	rows, err := x.f.Rows(x.sheet)
	if err != nil {
		return &ParseError{File: x.file, Sheet: x.sheet, Msg: "unreadable sheet: " + err.Error(), Err: err}
	}
	x.rows = rows
	return nil
}

func (x *xlsxRows) next() (cells []string, err error) {
	defer recoverAs(&err, x.file, x.sheet)
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, x.rowError(err)
		}
		return nil, io.EOF
	}
	x.row++
	cells, err = x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, x.rowError(err)
	}
	return cells, nil
}

func (x *xlsxRows) rowError(err error) error {
	return &ParseError{File: x.file, Sheet: x.sheet, Line: x.row + 1, Msg: "unreadable row: " + err.Error(), Err: err}
}

func (x *xlsxRows) at(col int) ParseError {
	e := ParseError{File: x.file, Sheet: x.sheet, Line: x.row}
	if col >= 0 && x.row > 0 {
		e.Cell, _ = excelize.CoordinatesToCellName(col+1, x.row)
	}
	return e
}

func (x *xlsxRows) close() error {
	var rowsErr error
	if x.rows != nil {
		// Close repeats the stream's error, already reported by next.
		if err := x.rows.Close(); err != nil && err != x.rows.Error() {
			rowsErr = err
		}
	}
	if err := x.f.Close(); err != nil {
		return fmt.Errorf("close workbook %s: %w", x.file, err)
	}
	if rowsErr != nil {
		return fmt.Errorf("close sheet %q of %s: %w", x.sheet, x.file, rowsErr)
	}
	return nil
}

func (x *xlsxRows) separator() rune { return 0 }

// recoverAs turns a panic inside excelize into an error. excelize parses
// hostile bytes and has panicked on malformed archives before; a bad upload
// must give a message, never take the daemon down.
func recoverAs(err *error, file, sheet string) {
	if r := recover(); r != nil {
		*err = &ParseError{File: file, Sheet: sheet, Msg: fmt.Sprintf("unreadable XLSX content (%v)", r)}
	}
}
