package gen

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// minimalPDF returns a valid one-page PDF showing title and a note. The
// pieces of a candidacy (organigram, plans, reports) are opaque to spplus:
// it only checks they are there, so a few hundred bytes per kind suffice,
// and they are shared between dossiers.
func minimalPDF(title string) []byte {
	text := fmt.Sprintf("BT /F1 16 Tf 72 770 Td (%s) Tj 0 -28 Td /F1 10 Tf (%s) Tj ET",
		pdfString(title), pdfString("Document de démonstration généré par spplus (données fictives)."))
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfString encodes s in WinAnsi (the font's encoding) and escapes it for a
// PDF literal string. Characters outside Windows-1252 become the encoding's
// replacement byte: the text is decoration, never read back.
func pdfString(s string) string {
	enc, err := encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder()).String(s)
	if err != nil {
		enc = "?"
	}
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(enc)
}
