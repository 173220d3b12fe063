package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
)

// The PDF's text is laid out here rather than by fpdf's MultiCell, which
// knows one font, breaks lines at spaces only and draws characters in the
// order they were typed. A paragraph is shaped (Arabic), given bidi levels,
// and each character a face and a width; it is wrapped in logical order, at
// spaces and between CJK characters, and each line is then reordered for
// display and drawn as spans, one per run of characters of one face.

// para is a paragraph ready to be wrapped: its characters (shaped, in
// logical order), their bidi classes, levels (nil when all is left to
// right) and the paragraph's level, and per character the index of the
// face that draws it (-1 for characters not drawn) and its width in
// millimetres.
type para struct {
	rs      []rune
	cs      []bidi.Class
	lv      []uint8
	base    uint8
	face    []int
	w       []float64
	outline []bool // drawn as an outline (see glyph)
}

// span is text drawn in one face, in visual order, or one character drawn
// as its outline.
type span struct {
	face    int
	text    string
	w       float64
	outline bool
}

// line is a line laid out: its spans left to right, their width, and
// whether it belongs to a right-to-left paragraph (and so aligns right).
type line struct {
	spans []span
	w     float64
	rtl   bool
}

// glyph is Fonts.glyph, remembered for the document.
func (d *doc) glyph(r rune, style int) glyph {
	k := styled{r, style}
	g, ok := d.glyphs[k]
	if !ok {
		g = d.fonts.glyph(r, style)
		d.glyphs[k] = g
	}
	return g
}

// prepare makes a paragraph of one line of clean text (no "\n").
func (d *doc) prepare(s, style string, size float64) *para {
	rs := []rune(s)
	p := &para{rs: rs, cs: classes(rs), face: make([]int, len(rs)), w: make([]float64, len(rs)), outline: make([]bool, len(rs))}
	p.base = paragraphLevel(p.cs)
	if p.base == 1 || hasRTL(p.cs) {
		p.lv = levels(p.cs, p.base)
	}
	si := styleIndex(style)
	shapeArabic(rs, func(r rune) bool { return d.glyph(r, si).face >= 0 })
	scale := size / 1000 / d.pdf.GetConversionRatio()
	for i, r := range rs {
		if invisible(r) {
			p.face[i] = -1
			continue
		}
		g := d.glyph(r, si)
		if g.face < 0 {
			if unicode.Is(unicode.Mn, r) { // a mark no font has: leave it out
				p.face[i] = -1
				continue
			}
			d.fonts.noteMissing(r)
			rs[i] = replacement
			g = d.glyph(replacement, si)
		}
		p.face[i], p.w[i], p.outline[i] = g.face, g.w*scale, g.outline
	}
	return p
}

// wrap breaks p into lines at most width wide: the ranges [start, end) of
// p's characters, without the spaces at either end of a line. A word wider
// than a line is broken where it must.
func wrap(p *para, width float64) [][2]int {
	var out [][2]int
	n := len(p.rs)
	start := 0
	for start < n && isSpace(p.rs[start]) {
		start++
	}
	for start < n {
		x, i, last := 0.0, start, -1
		for ; i < n; i++ {
			if i > start && canBreak(p.rs, i) {
				last = i
			}
			if x+p.w[i] > width && !isSpace(p.rs[i]) {
				break
			}
			x += p.w[i]
		}
		end := i
		switch {
		case i == n:
		case last > start:
			end = last
		case i == start:
			end = start + 1 // not even one character fits: draw it anyway
		}
		e := end
		for e > start && isSpace(p.rs[e-1]) {
			e--
		}
		out = append(out, [2]int{start, e})
		start = end
		for start < n && isSpace(p.rs[start]) {
			start++
		}
	}
	return out
}

// isSpace tells whether a line may break after r, which is then dropped at
// the end of the line. No-break spaces are not.
func isSpace(r rune) bool {
	return r == ' ' || r != '\u00A0' && r != '\u202F' && r != '\u2007' && unicode.Is(unicode.Zs, r)
}

// canBreak tells whether a line may start at rs[i]: after a space, or
// between characters of scripts written without spaces (CJK), but not
// before closing nor after opening punctuation.
func canBreak(rs []rune, i int) bool {
	a, b := rs[i-1], rs[i]
	if isSpace(b) {
		return false
	}
	if isSpace(a) {
		return true
	}
	return (wide(a) || wide(b)) && !strings.ContainsRune("、。，．：；！？）」』】〉》〕｝ー…・,.:;!?)]}", b) &&
		!strings.ContainsRune("（「『【〈《〔｛([{", a)
}

// wide tells whether r belongs to a script written without spaces, which
// lines may break anywhere in: Chinese and Japanese. (Korean puts spaces
// between words, and breaks there.)
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// visual lays out the characters [a, b) of p as one line, in display order.
func (d *doc) visual(p *para, a, b int) line {
	l := line{rtl: p.base == 1}
	order := make([]int, 0, b-a)
	if p.lv == nil {
		for i := a; i < b; i++ {
			order = append(order, i)
		}
	} else {
		lv := append([]uint8(nil), p.lv[a:b]...)
		for _, i := range visualOrder(p.cs[a:b], lv, p.base) {
			order = append(order, a+i)
		}
	}
	var (
		text strings.Builder
		cur  = -1
		w    float64
	)
	flush := func() {
		if cur >= 0 && text.Len() > 0 {
			l.spans = append(l.spans, span{face: cur, text: text.String(), w: w})
			l.w += w
		}
		text.Reset()
		w = 0
	}
	for _, i := range order {
		f := p.face[i]
		if f < 0 {
			continue
		}
		if p.outline[i] {
			flush()
			l.spans = append(l.spans, span{face: f, text: string(p.rs[i]), w: p.w[i], outline: true})
			l.w += p.w[i]
			cur = -1
			continue
		}
		if f != cur {
			flush()
			cur = f
		}
		r := p.rs[i]
		if p.lv != nil && p.lv[i]%2 == 1 {
			r = mirrored(r)
		}
		text.WriteRune(r)
		w += p.w[i]
	}
	flush()
	return l
}

// lines lays out clean text (paragraphs separated by "\n") in lines at most
// width wide; an empty paragraph is an empty line.
func (d *doc) lines(s, style string, size, width float64) []line {
	var out []line
	for _, part := range strings.Split(s, "\n") {
		p := d.prepare(part, style, size)
		ranges := wrap(p, width)
		if len(ranges) == 0 {
			out = append(out, line{})
		}
		for _, r := range ranges {
			out = append(out, d.visual(p, r[0], r[1]))
		}
	}
	return out
}

// fitLine is user text laid out on one line of at most width millimetres,
// cut with an ellipsis when it is wider.
func (d *doc) fitLine(s, style string, size, width float64) line {
	s = oneLine(s, 200)
	p := d.prepare(s, style, size)
	total := 0.0
	for _, w := range p.w {
		total += w
	}
	if total <= width {
		return d.visual(p, 0, len(p.rs))
	}
	ellipsis := d.glyph('…', styleIndex(style)).w * size / 1000 / d.pdf.GetConversionRatio()
	n, x := 0, 0.0
	for n < len(p.w) && x+p.w[n]+ellipsis <= width {
		x += p.w[n]
		n++
	}
	// Cut before shaping, so that the last letter takes its final form;
	// that form may be wider than the medial one measured.
	for ; ; n-- {
		p = d.prepare(strings.TrimRight(string([]rune(s)[:n]), " ")+"…", style, size)
		l := d.visual(p, 0, len(p.rs))
		if l.w <= width || n == 0 {
			return l
		}
	}
}

// useFace selects face in style (or the face's regular style, when it has
// no such style) at size points, adding it to the document first if needed.
func (d *doc) useFace(face int, style string, size float64) {
	fc := d.fonts.faces[face]
	s := styleIndex(style)
	if fc.data[s] == nil {
		s = 0
	}
	if key := fc.family + styles[s]; !d.added[key] {
		d.pdf.AddUTF8FontFromBytes(fc.family, styles[s], fc.data[s])
		d.added[key] = true
	}
	d.pdf.SetFont(fc.family, styles[s], size)
}

// drawLine draws l in the box of width w and height h at (x, y), aligned
// as fpdf aligns a cell's text ("L", "C", "R"); a right-to-left line
// aligns right unless centred.
func (d *doc) drawLine(l line, x, y, w, h float64, align, style string, size float64) {
	m := d.pdf.GetCellMargin()
	tx := x + m
	switch {
	case align == "C":
		tx = x + (w-l.w)/2
	case align == "R" || l.rtl:
		tx = x + w - m - l.w
	}
	baseline := y + 0.5*h + 0.3*size/d.pdf.GetConversionRatio()
	for _, s := range l.spans {
		if s.outline {
			d.drawOutline(s, style, tx, baseline, size)
		} else {
			d.useFace(s.face, style, size)
			d.pdf.Text(tx, baseline, s.text)
		}
		tx += s.w
	}
	d.pdf.SetFont(family, style, size)
}

// drawOutline fills the outline of a character fpdf cannot write as text
// (beyond U+FFFF: most emoji) in the text's colour, at x on the baseline.
// It shows, but text extraction does not find it.
func (d *doc) drawOutline(s span, style string, x, baseline, size float64) {
	r, _ := utf8.DecodeRuneInString(s.text)
	segs, upem := d.fonts.outline(s.face, styleIndex(style), r)
	if len(segs) == 0 {
		return
	}
	scale := size / d.pdf.GetConversionRatio() / float64(upem) / 64 // mm per font unit
	pt := func(p fixed.Point26_6) (float64, float64) {
		return x + float64(p.X)*scale, baseline + float64(p.Y)*scale
	}
	fr, fg, fb := d.pdf.GetFillColor()
	d.pdf.SetFillColor(d.pdf.GetTextColor())
	for i, sg := range segs {
		switch sg.Op {
		case sfnt.SegmentOpMoveTo:
			if i > 0 {
				d.pdf.ClosePath()
			}
			d.pdf.MoveTo(pt(sg.Args[0]))
		case sfnt.SegmentOpLineTo:
			d.pdf.LineTo(pt(sg.Args[0]))
		case sfnt.SegmentOpQuadTo:
			cx, cy := pt(sg.Args[0])
			ex, ey := pt(sg.Args[1])
			d.pdf.CurveTo(cx, cy, ex, ey)
		case sfnt.SegmentOpCubeTo:
			c0x, c0y := pt(sg.Args[0])
			c1x, c1y := pt(sg.Args[1])
			ex, ey := pt(sg.Args[2])
			d.pdf.CurveBezierCubicTo(c0x, c0y, c1x, c1y, ex, ey)
		}
	}
	d.pdf.ClosePath()
	d.pdf.DrawPath("F")
	d.pdf.SetFillColor(fr, fg, fb)
}

// paragraphs draws user text wrapped to w millimetres at x, from the
// current position down, in lines of height h, starting new pages as
// needed, and returns the number of lines. The position is left at the
// margin, under the last line.
func (d *doc) paragraphs(s, style string, size, x, w, h float64) int {
	ls := d.lines(s, style, size, w-2*d.pdf.GetCellMargin())
	for _, l := range ls {
		y := d.pdf.GetY()
		if y+h > pageHeight-margin {
			d.pdf.AddPage()
			y = d.pdf.GetY()
		}
		d.drawLine(l, x, y, w, h, "L", style, size)
		d.pdf.SetY(y + h)
	}
	return len(ls)
}

// cell draws user text on one line in a cell as fpdf's CellFormat does
// (border, ln, align, fill, link), cut with an ellipsis to fit.
func (d *doc) cell(w, h float64, s, border string, ln int, align string, fill bool, link int, style string, size float64) {
	x, y := d.pdf.GetXY()
	if w == 0 {
		pw, _ := d.pdf.GetPageSize()
		w = pw - margin - x
	}
	page := d.pdf.PageNo()
	d.pdf.CellFormat(w, h, "", border, ln, align, fill, link, "")
	if d.pdf.PageNo() != page { // the cell went on a new page
		y = margin
	}
	l := d.fitLine(s, style, size, w-2*d.pdf.GetCellMargin())
	d.drawLine(l, x, y, w, h, align, style, size)
}
