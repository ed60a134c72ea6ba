package attestation

import (
	"fmt"
	"strconv"
)

// Columns of the table of local services.
const (
	colLevel = 28.0
	colYear  = 20.0
	colName  = contentW - colLevel - colYear
	rowLine  = 5.0 // height of one line of text in a row
	rowPad   = 1.5 // space above and below the text of a row
)

// locals draws the labelled local services of a central service (§3.8.2):
// name, level and year, over as many pages as needed, the column heads
// repeated at the top of each page.
func (d *doc) locals() {
	d.ensure(32)
	d.pdf.Ln(6)
	d.text("B", 12, navy)
	d.pdf.CellFormat(contentW, 7, cp1252(fmt.Sprintf("Services publics locaux labellisés (%d)", len(d.a.Locals))), "", 1, "L", false, 0, "")
	d.text("", 9, muted)
	d.pdf.MultiCell(contentW, 4.5, cp1252("Chacun avec le palier qu'il a obtenu et l'année de sa labellisation (§ 3.8.2 du guide)."), "", "L", false)
	d.pdf.Ln(2)
	d.tableHead()
	for i, l := range d.a.Locals {
		d.localRow(i, l)
	}
}

// tableHead draws the column heads of the table of local services.
func (d *doc) tableHead() {
	d.text("B", 9, 0xffffff)
	d.pdf.SetFillColor(navy.rgb())
	d.pdf.SetX(marginX)
	d.pdf.CellFormat(colName, 7, cp1252("Service public local"), "", 0, "L", true, 0, "")
	d.pdf.CellFormat(colLevel, 7, cp1252("Palier"), "", 0, "C", true, 0, "")
	d.pdf.CellFormat(colYear, 7, cp1252("Année"), "", 1, "C", true, 0, "")
}

// localRow draws one local service; a row that does not fit goes, whole,
// to the next page, under repeated column heads.
func (d *doc) localRow(i int, l Local) {
	d.text("", 10, ink)
	lines := d.pdf.SplitLines([]byte(outside(l.Name)), colName)
	h := float64(max(len(lines), 1))*rowLine + 2*rowPad
	if d.pdf.GetY()+h > pageH-marginBottom {
		d.pdf.AddPage()
		d.tableHead()
		d.text("", 10, ink)
	}
	y := d.pdf.GetY()
	if i%2 == 1 {
		d.pdf.SetFillColor(tint.rgb())
		d.pdf.Rect(marginX, y, contentW, h, "F")
	}
	for j, line := range lines {
		d.pdf.SetXY(marginX, y+rowPad+float64(j)*rowLine)
		d.pdf.CellFormat(colName, rowLine, string(line), "", 0, "L", false, 0, "")
	}
	d.pdf.SetXY(marginX+colName, y+rowPad)
	d.text("B", 10, ink)
	d.pdf.CellFormat(colLevel, rowLine, cp1252(l.Level.French()), "", 0, "C", false, 0, "")
	d.text("", 10, ink)
	d.pdf.CellFormat(colYear, rowLine, yearText(l.Year), "", 0, "C", false, 0, "")
	d.line(y+h, rule, 0.2)
	d.pdf.SetXY(marginX, y+h)
}

// yearText prints a year, or a dash when it is unknown.
func yearText(y int) string {
	if y == 0 {
		return cp1252("—")
	}
	return strconv.Itoa(y)
}
