package sheets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
)

// endless yields a zip signature and then zeros for ever, counting what
// it gave: a 2 GB (or endless) upload posing as XLSX.
type endless struct {
	prefix string
	n      int64
}

func (e *endless) Read(p []byte) (int, error) {
	k := 0
	for ; k < len(p) && e.n < int64(len(e.prefix)); k++ {
		p[k] = e.prefix[e.n]
		e.n++
	}
	clear(p[k:])
	e.n += int64(len(p) - k)
	return len(p), nil
}

// TestEndlessInput fails fast on MaxBytes without reading the whole file.
func TestEndlessInput(t *testing.T) {
	tests := []struct {
		name, file, prefix string
		max                int64
		want               string
	}{
		{"xlsx, default limit", "users.xlsx", "PK\x03\x04", 0, "users.xlsx: file larger than the 67108864-byte limit"},
		{"csv", "users.csv", usersHeader(",") + "\n", 1 << 20, "users.csv: file larger than the 1048576-byte limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &endless{prefix: tt.prefix}
			opt := Options{MaxBytes: tt.max, MaxLineBytes: 4 << 20}
			_, err := ParseSurvey(tt.file, src, rules.UsersSurvey, opt)
			mustParseError(t, err, tt.want)
			if !errors.Is(err, ErrLimit) {
				t.Errorf("%v does not wrap ErrLimit", err)
			}
			limit := opt.withDefaults().MaxBytes
			if src.n > limit+sniffSize {
				t.Errorf("read %d bytes for a limit of %d", src.n, limit)
			}
		})
	}
}

// zipWith rewrites a workbook, replacing the part named part by content.
// With lie, the part's header declares 100 bytes whatever its real size.
func zipWith(t *testing.T, workbook []byte, part string, content []byte, lie bool) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(workbook), int64(len(workbook)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == part {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	var raw bytes.Buffer
	fw, err := flate.NewWriter(&raw, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, writeAll(fw, content))
	mustDo(t, fw.Close())
	h := &zip.FileHeader{Name: part, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: uint64(len(content))}
	if lie {
		h.UncompressedSize64 = 100
	}
	w, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, writeAll(w, raw.Bytes()))
	mustDo(t, zw.Close())
	return out.Bytes()
}

func writeAll(w io.Writer, b []byte) error {
	_, err := w.Write(b)
	return err
}

// TestZipBomb refuses a workbook whose sheet inflates past the limit, and
// one whose part headers lie about their size (ARCHITECTURE.md: never an
// OOM; excelize UnzipSizeLimit).
func TestZipBomb(t *testing.T) {
	good := buildXLSX(t, "Sheet1", [][]any{{"point", "validated"}, {"A", "oui"}})
	sheet := []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		strings.Repeat(" ", 8<<20) + `</sheetData></worksheet>`)
	bomb := zipWith(t, good, "xl/worksheets/sheet1.xml", sheet, false)
	if len(bomb) > 64<<10 {
		t.Fatalf("bomb is %d bytes, want a small file", len(bomb))
	}
	opt := Options{MaxUnzipBytes: 1 << 20}
	_, err := ParseCentralGrid("bomb.xlsx", bytes.NewReader(bomb), opt)
	mustParseError(t, err, "bomb.xlsx: XLSX content larger than the 1048576-byte uncompressed limit")
	if !errors.Is(err, ErrLimit) {
		t.Errorf("%v does not wrap ErrLimit", err)
	}

	liar := zipWith(t, good, "xl/worksheets/sheet1.xml", sheet, true)
	_, err = ParseCentralGrid("liar.xlsx", bytes.NewReader(liar), opt)
	mustParseError(t, err, `liar.xlsx: corrupt XLSX file: part "xl/worksheets/sheet1.xml": zip: not a valid zip file`)

	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)/3] ^= 0xFF // somewhere in a compressed part
	_, err = ParseCentralGrid("corrupt.xlsx", bytes.NewReader(corrupt), opt)
	if pe, ok := errors.AsType[*ParseError](err); !ok || !strings.Contains(pe.Msg, "XLSX file") {
		t.Errorf("corrupt: got %v", err)
	}
}

// TestBrokenZip refuses a file with a zip signature that is not a zip.
func TestBrokenZip(t *testing.T) {
	_, err := ParseCentralGrid("c.xlsx", strings.NewReader("PK\x03\x04 not really"), Options{})
	mustParseError(t, err, "c.xlsx: not a valid XLSX file (broken zip archive): zip: not a valid zip file")
}

// wideRows returns a workbook whose n rows each hold a blank cell in the
// last column, XFD: excelize returns each as 16,384 cells.
func wideRows(t *testing.T, n int) []byte {
	good := buildXLSX(t, "Sheet1", [][]any{{"point", "validated"}, {"A", "oui"}})
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>point</t></is></c><c r="B1" t="inlineStr"><is><t>validated</t></is></c></row>`)
	for i := 2; i <= n+1; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>`, i, i)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return zipWith(t, good, "xl/worksheets/sheet1.xml", []byte(b.String()), false)
}

// TestRowAndCellLimits checks the row, line and cell limits.
func TestRowAndCellLimits(t *testing.T) {
	h := usersHeader(",") + "\n"
	bigXLSX := buildXLSX(t, "Sheet1", [][]any{{"point", "validated"}, {strings.Repeat("x", 100), "oui"}})
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"rows", func() error {
			_, err := ParseSurvey("u.csv", strings.NewReader(h+strings.Repeat(row(",", "1")+"\n", 5)), rules.UsersSurvey, Options{MaxRows: 3})
			return err
		}, "u.csv line 4: more than 3 rows (the row limit)"},
		{"line", func() error {
			_, err := ParseSurvey("u.csv", strings.NewReader(h+row(",", "1")+"\n"+strings.Repeat(" ", 200)+"\n"), rules.UsersSurvey, Options{MaxLineBytes: 100})
			return err
		}, "u.csv line 3: line longer than the 100-byte limit"},
		{"line without a break", func() error {
			_, err := ParseSurvey("u.csv", strings.NewReader(strings.Repeat("E1_1", 1000)), rules.UsersSurvey, Options{MaxLineBytes: 100})
			return err
		}, "u.csv line 1: line longer than the 100-byte limit"},
		{"cell", func() error {
			_, err := ParseSurvey("u.csv", strings.NewReader(h+row(",", "1", `"`+strings.Repeat("\n", 50)+`"`)+"\n"), rules.UsersSurvey, Options{MaxCellBytes: 20})
			return err
		}, `u.csv line 2: cell longer than the 20-byte limit`},
		{"xlsx cell", func() error {
			_, err := ParseCentralGrid("c.xlsx", bytes.NewReader(bigXLSX), Options{MaxCellBytes: 20})
			return err
		}, `c.xlsx sheet "Sheet1" cell A2: cell longer than the 20-byte limit`},
		{"cells of wide rows", func() error {
			_, err := ParseCentralGrid("w.xlsx", bytes.NewReader(wideRows(t, 20)), Options{MaxCells: 100_000})
			return err
		}, `w.xlsx sheet "Sheet1" row 8: more than 100000 cells (the cell limit)`},
		{"bytes", func() error {
			_, err := ParseCentralGrid("c.csv", strings.NewReader("point,validated\n"+strings.Repeat("A,oui\n", 100)), Options{MaxBytes: 100})
			return err
		}, "c.csv: file larger than the 100-byte limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			mustParseError(t, err, tt.want)
			if !errors.Is(err, ErrLimit) {
				t.Errorf("%v does not wrap ErrLimit", err)
			}
		})
	}
}
