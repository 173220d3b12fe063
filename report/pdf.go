package report

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/wat-dev/wat"
)

// Page geometry, in millimetres (A4 portrait).
const (
	margin     = 18.0
	pageHeight = 297.0
	lineHeight = 5.0
	family     = "go"
)

// doc is a PDF being written: the fpdf document, the table of contents and
// the outline, the fonts it draws with and which of them it has embedded.
// Text from users goes through clean and is laid out by layout.go.
type doc struct {
	pdf    *fpdf.Fpdf
	toc    []tocEntry
	width  float64 // of the text area
	fonts  *Fonts
	added  map[string]bool // family + style added to pdf
	glyphs map[styled]glyph
}

// tocEntry is a line of the table of contents. Its page number is written
// at (page, x, y) with the document, once known; not as an fpdf alias,
// which fpdf looks for in every page, twice, copying the page each time.
type tocEntry struct {
	title     string
	level     int
	link      int
	page, num int // where the line is; the section's page
	x, y      float64
}

// sentinel marks aliases; clean removes it from user text, so no text a
// user types can be mistaken for an alias.
const sentinel = "\x01"

// newDoc starts a PDF drawn with fonts (the embedded ones when nil).
func newDoc(fonts *Fonts, title, footer string, created time.Time) *doc {
	if fonts == nil {
		fonts = embedded()
	}
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	d := &doc{pdf: p, fonts: fonts, added: map[string]bool{}, glyphs: map[styled]glyph{}}
	for s, style := range styles { // the Go fonts, which every report uses
		p.AddUTF8FontFromBytes(family, style, fonts.faces[0].data[s])
		d.added[family+style] = true
	}
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetCatalogSort(true)
	p.SetTitle(oneLine(title, 200), true)
	p.SetCreator("wat", true)
	p.AliasNbPages(sentinel + "nb" + sentinel)
	w, _ := p.GetPageSize()
	d.width = w - 2*margin
	p.SetFooterFunc(func() {
		p.SetY(-12)
		p.SetFont(family, "", 8)
		p.SetTextColor(110, 110, 110)
		d.cell(d.width-35, 5, footer, "", 0, "L", false, 0, "", 8)
		p.SetX(margin)
		p.CellFormat(0, 5, fmt.Sprintf("Page %d of %snb%s", p.PageNo(), sentinel, sentinel), "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	return d
}

// bytes writes the document out.
func (d *doc) bytes() ([]byte, error) {
	d.tocNumbers()
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		return nil, wat.Errorf(wat.EInternal, "rendering the PDF: %v", err)
	}
	return b.Bytes(), nil
}

// contents writes the table of contents, whose page numbers are filled in
// as section is called with each entry's index.
func (d *doc) contents(titles []string, levels []int) {
	d.heading("Contents", 14)
	for i, t := range titles {
		e := tocEntry{title: oneLine(t, 80), level: levels[i], link: d.pdf.AddLink()}
		indent := 6.0 * float64(e.level)
		d.pdf.SetFont(family, "", 10)
		d.pdf.SetX(margin + indent)
		d.cell(d.width-indent-15, 6, e.title, "", 0, "L", false, e.link, "", 10)
		e.page = d.pdf.PageNo()
		e.x, e.y = d.pdf.GetXY()
		d.toc = append(d.toc, e)
		d.pdf.Ln(6)
	}
	d.pdf.Ln(4)
}

// tocNumbers writes the contents' page numbers where their lines left room,
// then goes back to the last page, whose footer fpdf writes on closing. The
// font and the text colour are set again on the page first.
func (d *doc) tocNumbers() {
	if len(d.toc) == 0 {
		return
	}
	p := d.pdf
	last, page := p.PageNo(), 0
	r, g, b := p.GetFillColor()
	for _, e := range d.toc {
		if e.page != page {
			page = e.page
			p.SetPage(page)
			p.SetFont(family, "", 1) // a change, so that the font is written on this page
			p.SetFont(family, "", 10)
			p.SetFillColor(0, 0, 0)
		}
		p.SetXY(e.x, e.y)
		p.CellFormat(15, 6, fmt.Sprint(e.num), "", 0, "L", false, e.link, "")
	}
	p.SetPage(last)
	p.SetFillColor(r, g, b)
}

// section starts table-of-contents entry i on a new page (level 0) or
// where the page is (deeper levels), with its heading and outline entry.
func (d *doc) section(i int) {
	e := d.toc[i]
	if e.level == 0 {
		d.pdf.AddPage()
	} else {
		d.needs(30)
	}
	d.pdf.SetLink(e.link, d.pdf.GetY(), -1)
	d.toc[i].num = d.pdf.PageNo()
	d.pdf.Bookmark(e.title, e.level, -1)
	size := 16.0
	if e.level > 0 {
		size = 13
	}
	d.heading(e.title, size)
}

// needs starts a new page unless h millimetres are left on this one.
func (d *doc) needs(h float64) {
	if d.pdf.GetY()+h > pageHeight-margin {
		d.pdf.AddPage()
	}
}

func (d *doc) heading(text string, size float64) {
	d.pdf.SetFont(family, "B", size)
	d.paragraphs(clean(text), "B", size, d.pdf.GetX(), margin+d.width-d.pdf.GetX(), size*0.5)
	d.pdf.Ln(2)
}

// text writes a paragraph of user text, wrapped (words longer than a line
// are broken) at indent millimetres from the margin.
func (d *doc) text(s, style string, size, indent float64) {
	s = strings.TrimSpace(clean(s))
	if s == "" {
		return
	}
	d.pdf.SetFont(family, style, size)
	d.paragraphs(s, style, size, margin+indent, d.width-indent, size*0.45+0.6)
}

// item writes a list item of user text at indent millimetres from the
// margin: its marker ("1.") in a column of its own, the text wrapped right
// of it, so that every line of a long item starts under its first word.
func (d *doc) item(marker, s, style string, size, indent float64) {
	s = strings.TrimSpace(clean(s))
	if s == "" {
		return
	}
	const markerW = 6.0 // "10." and the cell margin at 9 points
	h := size*0.45 + 0.6
	d.needs(h) // the marker goes on the page of the text's first line
	d.pdf.SetFont(family, style, size)
	y := d.pdf.GetY()
	d.drawLine(d.fitLine(marker, style, size, markerW), margin+indent, y, markerW, h, "L", style, size)
	d.paragraphs(s, style, size, margin+indent+markerW, d.width-indent-markerW, h)
}

// field writes a label and its value on one or more lines.
func (d *doc) field(label, value string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	d.needs(lineHeight)
	d.pdf.SetFont(family, "B", 9.5)
	d.pdf.CellFormat(45, lineHeight, label, "", 0, "L", false, 0, "")
	d.pdf.SetFont(family, "", 9.5)
	d.paragraphs(clean(value), "", 9.5, margin+45, d.width-45, lineHeight)
}

// link writes text that links to url when url is a web address.
func (d *doc) link(text, url string, indent float64) {
	d.pdf.SetFont(family, "", 8.5)
	d.pdf.SetTextColor(20, 70, 160)
	page, x, y := d.pdf.PageNo(), margin+indent, d.pdf.GetY()
	d.paragraphs(clean(text), "", 8.5, x, d.width-indent, 4.2)
	d.pdf.SetTextColor(0, 0, 0)
	if d.pdf.PageNo() == page && (strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) {
		d.pdf.LinkString(x, y, d.width-indent, d.pdf.GetY()-y, url)
	}
}

// riskColors are the fill colours of risk badges and bars.
var riskColors = map[wat.Risk][3]int{
	wat.RiskHigh:          {200, 40, 40},
	wat.RiskMedium:        {235, 140, 20},
	wat.RiskNone:          {60, 150, 80},
	wat.RiskNotApplicable: {130, 130, 130},
	wat.RiskUnanswered:    {170, 170, 190},
}

// riskLabels are how reports name risks.
var riskLabels = map[wat.Risk]string{
	wat.RiskHigh:          "High risk",
	wat.RiskMedium:        "Medium risk",
	wat.RiskNone:          "No improvements",
	wat.RiskNotApplicable: "Not applicable",
	wat.RiskUnanswered:    "Unanswered",
}

// badge draws a risk as a coloured label at the current position.
func (d *doc) badge(r wat.Risk) {
	c := riskColors[r]
	d.pdf.SetFillColor(c[0], c[1], c[2])
	d.pdf.SetTextColor(255, 255, 255)
	d.pdf.SetFont(family, "B", 8)
	d.pdf.CellFormat(28, 5, riskLabels[r], "", 1, "C", true, 0, "")
	d.pdf.SetTextColor(0, 0, 0)
}

// riskBars draws, per row, a bar of high and one of medium risks with
// their counts, scaled to the largest count.
func (d *doc) riskBars(labels []string, counts []wat.RiskCounts) {
	most := 1
	for _, c := range counts {
		most = max(most, c[wat.RiskHigh], c[wat.RiskMedium])
	}
	const labelW, countW = 62.0, 22.0
	scale := (d.width - labelW - countW) / float64(most)
	for i, c := range counts {
		d.needs(11)
		y := d.pdf.GetY()
		d.pdf.SetFont(family, "", 9)
		d.cell(labelW, 10, labels[i], "", 0, "L", false, 0, "", 9)
		for j, r := range []wat.Risk{wat.RiskHigh, wat.RiskMedium} {
			col, n := riskColors[r], c[r]
			by := y + 0.8 + float64(j)*4.4
			if n > 0 {
				d.pdf.SetFillColor(col[0], col[1], col[2])
				d.pdf.Rect(margin+labelW, by, float64(n)*scale, 3.8, "F")
			}
			d.pdf.SetXY(margin+labelW+float64(n)*scale+1.5, by-0.2)
			d.pdf.SetFont(family, "", 7.5)
			d.pdf.CellFormat(countW, 4.2, fmt.Sprintf("%d %s", n, strings.ToLower(string(r))), "", 0, "L", false, 0, "")
		}
		d.pdf.SetXY(margin, y+11)
	}
	d.pdf.Ln(2)
}

// countsTable writes a table of risk counts per row.
func (d *doc) countsTable(first string, labels []string, counts []wat.RiskCounts) {
	cols := []wat.Risk{wat.RiskHigh, wat.RiskMedium, wat.RiskNone, wat.RiskNotApplicable, wat.RiskUnanswered}
	heads := []string{"High", "Medium", "None", "Not applicable", "Unanswered"}
	labelW := d.width - float64(len(cols))*22
	d.pdf.SetFont(family, "B", 8.5)
	d.pdf.SetFillColor(235, 235, 240)
	d.pdf.CellFormat(labelW, 6, first, "B", 0, "L", true, 0, "")
	for _, h := range heads {
		d.pdf.CellFormat(22, 6, h, "B", 0, "R", true, 0, "")
	}
	d.pdf.Ln(-1)
	for i, c := range counts {
		d.needs(6)
		d.pdf.SetFont(family, "", 8.5)
		d.cell(labelW, 5.5, labels[i], "", 0, "L", false, 0, "", 8.5)
		for _, r := range cols {
			d.pdf.CellFormat(22, 5.5, fmt.Sprint(c[r]), "", 0, "R", false, 0, "")
		}
		d.pdf.Ln(-1)
	}
	d.pdf.Ln(3)
}
