package attestation

import (
	"fmt"
	"io"

	"github.com/go-pdf/fpdf"
)

// Page geometry, in millimetres (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 20.0
	marginTop    = 16.0
	marginBottom = 24.0 // room for the footer
	contentW     = pageW - 2*marginX
)

// color is an RGB colour of the layout, written 0xRRGGBB.
type color uint32

// The palette is sober: the French administration's navy for titles and
// rules, dark grey for text, a pale tint behind the level and table rows.
const (
	navy  color = 0x000091
	ink   color = 0x1e1e1e
	muted color = 0x5a5a5a
	tint  color = 0xeeeef8
	rule  color = 0xc8c8d7
)

func (c color) rgb() (r, g, b int) { return int(c >> 16 & 0xff), int(c >> 8 & 0xff), int(c & 0xff) }

// doc is one attestation being drawn.
type doc struct {
	pdf *fpdf.Fpdf
	a   Attestation
	ref string
}

// Render writes a as a PDF attestation (A4 portrait, French) to w. It
// validates a first and returns Validate's error unchanged. The output
// depends on a alone: the PDF's dates are the decision date and it carries
// no random identifier, so rendering the same attestation twice gives the
// same bytes.
func Render(a Attestation, w io.Writer) error {
	if err := a.Validate(); err != nil {
		return err
	}
	d := &doc{pdf: newPDF(a), a: a, ref: a.Ref()}
	d.pdf.SetHeaderFuncMode(d.header, false)
	d.pdf.SetFooterFunc(d.footer)
	d.pdf.AddPage()
	d.body()
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("render attestation %s of dossier %d: %w", d.ref, a.Dossier, err)
	}
	return nil
}

// newPDF sets up the document: page, margins, metadata, and the fixed
// dates that make the output reproducible.
func newPDF(a Attestation) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginX, marginTop, marginX)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.AliasNbPages("{nb}")
	pdf.SetCatalogSort(true)
	at := a.DecisionDate.Time()
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetTitle("Attestation de labellisation Services Publics + "+a.Ref(), true)
	pdf.SetSubject(clean(a.ServiceName), true)
	pdf.SetAuthor(clean(a.CertificationBody), true)
	pdf.SetCreator("spplus", true)
	pdf.SetProducer("spplus", true)
	pdf.SetLang("fr-FR")
	return pdf
}

// body draws the attestation's content after the page header.
func (d *doc) body() {
	d.title()
	d.statement()
	d.facts()
	if d.a.Central {
		d.locals()
	}
	d.closing()
}

// text sets the font (Helvetica, style "", "B" or "I") and the colour.
func (d *doc) text(style string, size float64, c color) {
	d.pdf.SetFont("Helvetica", style, size)
	d.pdf.SetTextColor(c.rgb())
}

// line draws a horizontal rule across the content width at y.
func (d *doc) line(y float64, c color, width float64) {
	d.pdf.SetDrawColor(c.rgb())
	d.pdf.SetLineWidth(width)
	d.pdf.Line(marginX, y, pageW-marginX, y)
}

// ensure starts a new page unless h millimetres are left above the footer.
func (d *doc) ensure(h float64) {
	if d.pdf.GetY()+h > pageH-marginBottom {
		d.pdf.AddPage()
	}
}
