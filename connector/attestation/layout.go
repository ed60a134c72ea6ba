package attestation

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/spplus/spplus/rules"
)

// labelW is the width of the left column of the facts.
const labelW = 52.0

// header draws the band at the top of every page.
func (d *doc) header() {
	d.pdf.SetXY(marginX, 10)
	d.text("B", 9, navy)
	label := cp1252("Label « Services Publics + »")
	left := d.pdf.GetStringWidth(label) + 2*d.pdf.GetCellMargin() + 4
	d.pdf.CellFormat(left, 5, label, "", 0, "L", false, 0, "")
	ref := outside("Réf. " + d.ref)
	d.text("", 9, muted)
	d.pdf.SetFontSize(d.fit(ref, 9, contentW-left))
	d.pdf.CellFormat(contentW-left, 5, ref, "", 1, "R", false, 0, "")
	d.line(16, navy, 0.6)
	d.pdf.SetY(20)
	if d.pdf.PageNo() > 1 {
		d.text("I", 9, muted)
		d.pdf.CellFormat(contentW, 5, cp1252("Attestation de labellisation Services Publics + (suite)"), "", 1, "L", false, 0, "")
		d.pdf.Ln(2)
	}
}

// fit is the font size, at most size, at which s fits in a cell width
// millimetres wide with the current font family and style.
func (d *doc) fit(s string, size, width float64) float64 {
	d.pdf.SetFontSize(size)
	w := d.pdf.GetStringWidth(s) + 2*d.pdf.GetCellMargin()
	if w <= width {
		return size
	}
	return size * width / w
}

// footer draws the reference and the page number at the bottom of every page.
func (d *doc) footer() {
	d.line(pageH-17, rule, 0.3)
	d.pdf.SetXY(marginX, pageH-15)
	d.text("", 8, muted)
	d.pdf.CellFormat(contentW-25, 4, d.footerText(contentW-25), "", 0, "L", false, 0, "")
	d.pdf.CellFormat(25, 4, fmt.Sprintf("Page %d / {nb}", d.pdf.PageNo()), "", 0, "R", false, 0, "")
}

// footerText names the attestation and its dossier in at most width
// millimetres: a long reference gets the short form.
func (d *doc) footerText(width float64) string {
	long := outside(fmt.Sprintf("Attestation %s — dossier n° %d de la démarche n° %d sur Démarche Numérique", d.ref, d.a.Dossier, d.a.Demarche))
	if d.pdf.GetStringWidth(long) <= width-2*d.pdf.GetCellMargin() {
		return long
	}
	return outside(fmt.Sprintf("%s — dossier n° %d", d.ref, d.a.Dossier))
}

// title draws the document's title and the kind of service.
func (d *doc) title() {
	d.pdf.Ln(4)
	d.text("B", 18, navy)
	d.pdf.CellFormat(contentW, 10, cp1252("Attestation de labellisation Services Publics +"), "", 1, "C", false, 0, "")
	d.text("", 11, muted)
	d.pdf.CellFormat(contentW, 6, cp1252(serviceKind(d.a.Central)), "", 1, "C", false, 0, "")
	d.pdf.Ln(6)
}

// statement draws the attesting sentence, the service and its level.
func (d *doc) statement() {
	d.text("", 11, ink)
	d.pdf.Write(6, cp1252("L'organisme de certification "))
	d.text("B", 11, ink)
	d.pdf.Write(6, outside(d.a.CertificationBody))
	d.text("", 11, ink)
	d.pdf.Write(6, cp1252(", habilité par la commission nationale du label présidée par la DITP, atteste que le "+
		strings.ToLower(serviceKind(d.a.Central))+" :"))
	d.pdf.Ln(10)
	name := clean(d.a.ServiceName)
	d.text("B", nameSize(name), navy)
	d.pdf.MultiCell(contentW, nameSize(name)*0.5, cp1252(name), "", "C", false)
	d.pdf.Ln(6)
	d.text("", 11, ink)
	d.pdf.CellFormat(contentW, 6, cp1252("a obtenu le label « Services Publics + » au palier"), "", 1, "C", false, 0, "")
	d.pdf.Ln(3)
	d.levelBadge()
	d.pdf.Ln(6)
}

// levelBadge draws the level in words in a tinted box, with a strip of the
// level's colour.
func (d *doc) levelBadge() {
	const w, h = 80.0, 14.0
	d.ensure(h)
	x, y := (pageW-w)/2, d.pdf.GetY()
	d.pdf.SetFillColor(tint.rgb())
	d.pdf.Rect(x, y, w, h, "F")
	d.pdf.SetFillColor(levelColor(d.a.Level).rgb())
	d.pdf.Rect(x, y, 3, h, "F")
	d.pdf.SetXY(x, y)
	d.text("B", 22, navy)
	d.pdf.CellFormat(w, h, cp1252(d.a.Level.French()), "", 1, "C", false, 0, "")
}

// facts draws the table of what the attestation states.
func (d *doc) facts() {
	a := d.a
	from, until := a.DecisionDate.French(), ValidUntil(a.DecisionDate).French()
	d.fact("Palier", cp1252(a.Level.French()))
	d.fact("Date de la décision", cp1252(from))
	d.fact("Validité", cp1252(fmt.Sprintf("du %s au %s inclus (trois ans, § 2.3 du guide)", from, until)))
	d.fact("Organisme de certification", outside(a.CertificationBody))
	d.fact(sitesLabel(a.Sites, a.Central), d.sites())
	if !a.Central && !blank(a.CentralService) {
		d.fact("Démarche portée par", outside(a.CentralService)+cp1252(" (service public central)"))
	}
	d.fact("Dossier", cp1252(fmt.Sprintf("n° %d de la démarche n° %d sur Démarche Numérique", a.Dossier, a.Demarche)))
	d.fact("Référence", outside(d.ref))
}

// fact draws one row of the facts: a label and a value already converted
// by cp1252 or outside, which may wrap over several lines.
func (d *doc) fact(label, value string) {
	d.ensure(7)
	y := d.pdf.GetY()
	d.line(y, rule, 0.2)
	d.pdf.SetXY(marginX, y+1)
	d.text("B", 10, ink)
	d.pdf.CellFormat(labelW, 6, cp1252(label), "", 0, "L", false, 0, "")
	d.text("", 10, ink)
	d.pdf.MultiCell(contentW-labelW, 6, value, "", "L", false)
	d.pdf.Ln(1)
}

// sites is the value of the sites row: one site a line, or what the label
// covers when no site was given.
func (d *doc) sites() string {
	var lines []string
	for _, s := range d.a.Sites {
		if s = clean(s); s != "" {
			lines = append(lines, cp1252("• "+s))
		}
	}
	switch {
	case len(lines) > 0:
		return strings.Join(lines, "\n")
	case d.a.Central:
		return cp1252("le service central et ses services locaux labellisés listés ci-dessous")
	default:
		return cp1252("le site du service public désigné ci-dessus")
	}
}

// closing draws the conditions of use and the place for the decision, kept
// together on one page.
func (d *doc) closing() {
	const note = "Le service public labellisé peut utiliser la marque LABEL « SERVICES PUBLICS + » " +
		"dans les conditions définies par son règlement d'usage. Il est inscrit sur la liste des services publics " +
		"labellisés publiée par la DITP et le programme Services Publics +. Le label est valable trois ans à compter " +
		"de la date de la décision ; son maintien est subordonné aux audits de suivi (§ 3.9 du guide)."
	sign := cp1252("pour l'organisme de certification ") + outside(d.a.CertificationBody)
	d.ensure(d.closingHeight(cp1252(note), sign))
	d.pdf.Ln(8)
	d.text("", 9, muted)
	d.pdf.MultiCell(contentW, 4.5, cp1252(note), "", "J", false)
	d.pdf.Ln(8)
	d.text("", 10, ink)
	d.pdf.MultiCell(contentW, 5, cp1252("Fait le "+d.a.DecisionDate.French()+","), "", "R", false)
	d.text("B", 10, ink)
	d.pdf.MultiCell(contentW, 5, sign, "", "R", false)
}

// closingHeight measures the closing drawn with note and sign.
func (d *doc) closingHeight(note, sign string) float64 {
	d.text("", 9, muted)
	n := float64(len(d.pdf.SplitLines([]byte(note), contentW)))
	d.text("B", 10, ink)
	m := float64(len(d.pdf.SplitLines([]byte(sign), contentW)))
	return 8 + n*4.5 + 8 + 5 + m*5
}

// serviceKind names the kind of service, as the guide does (§1.4).
func serviceKind(central bool) string {
	if central {
		return "Service public central"
	}
	return "Service public local"
}

// sitesLabel is the label of the sites row, singular for one site.
func sitesLabel(sites []string, central bool) string {
	n := 0
	for _, s := range sites {
		if clean(s) != "" {
			n++
		}
	}
	if n > 1 || (n == 0 && central) {
		return "Sites couverts"
	}
	return "Site couvert"
}

// nameSize is the font size of the service's name: smaller for a long name,
// so that it keeps to a few lines.
func nameSize(name string) float64 {
	switch n := utf8.RuneCountInString(name); {
	case n > 200:
		return 11
	case n > 90:
		return 13
	}
	return 16
}

// levelColor is the colour of the strip beside the level.
func levelColor(l rules.Level) color {
	switch l {
	case rules.LevelOr:
		return 0xc9a227
	case rules.LevelArgent:
		return 0x9a9ca6
	}
	return 0xa86b32
}
