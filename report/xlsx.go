package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// XLSX renders the lens review as an Excel workbook with the rows of the
// CSV export on a sheet "Answers" and the improvement plan, in its order,
// on a sheet "Improvement plan". Text cells are strings, never formulas, so
// they keep the user's text exactly as typed.
func (r *LensReview) XLSX() ([]byte, error) {
	return writeXLSX(r.GeneratedAt, []sheet{
		{name: "Answers", header: answerHeader, rows: r.answerRows(), numeric: map[int]bool{9: true},
			widths: []float64{24, 50, 50, 16, 14, 22, 40, 40, 40, 6, 18, 18, 22, 60, 60}},
		{name: "Improvement plan", header: planHeader, rows: r.planRows(), numeric: map[int]bool{0: true},
			widths: []float64{6, 24, 50, 14, 50, 40, 40, 18, 22, 60, 60, 60}},
	})
}

// The workbook is the least SpreadsheetML that Excel, LibreOffice and
// Google Sheets open without complaint: inline strings (no shared-string
// table), one style for the bold header row, a frozen header and an
// autofilter. Writing it takes less code than a dependency would bring.

// sheet is one worksheet: a header row and rows of text; the cells of the
// numeric columns that hold an integer are written as numbers.
type sheet struct {
	name    string
	header  []string
	rows    [][]string
	numeric map[int]bool
	widths  []float64
}

// maxCellText is the most characters an Excel cell holds.
const maxCellText = 32767

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg   = "http://schemas.openxmlformats.org/package/2006/relationships"
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

const xlsxStyles = xmlDecl + `<styleSheet xmlns="` + nsMain + `">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`

// writeXLSX writes a workbook of the sheets; every part is dated at (so the
// same report gives the same bytes).
func writeXLSX(at time.Time, sheets []sheet) ([]byte, error) {
	var types, wb, rels strings.Builder
	types.WriteString(xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	wb.WriteString(xmlDecl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>`)
	rels.WriteString(xmlDecl + `<Relationships xmlns="` + nsPkg + `">`)
	var filters strings.Builder
	for i, s := range sheets {
		n := strconv.Itoa(i + 1)
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%s.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%s" r:id="rId%s"/>`, attr(s.name), n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%s" Type="%s/worksheet" Target="worksheets/sheet%s.xml"/>`, n, nsRel, n)
		fmt.Fprintf(&filters, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s</definedName>`,
			i, attr("'"+strings.ReplaceAll(s.name, "'", "''")+"'!"+absRange(s.filterRange())))
	}
	types.WriteString(`</Types>`)
	wb.WriteString(`</sheets><definedNames>` + filters.String() + `</definedNames></workbook>`)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/></Relationships>`, len(sheets)+1, nsRel)

	var b bytes.Buffer
	z := zip.NewWriter(&b)
	add := func(name, content string) error {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: at})
		if err != nil {
			return err
		}
		_, err = w.Write([]byte(content))
		return err
	}
	parts := [][2]string{
		{"[Content_Types].xml", types.String()},
		{"_rels/.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", xlsxStyles},
	}
	for i, s := range sheets {
		parts = append(parts, [2]string{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.xml()})
	}
	for _, p := range parts {
		if err := add(p[0], p[1]); err != nil {
			return nil, fmt.Errorf("XLSX: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("XLSX: %w", err)
	}
	return b.Bytes(), nil
}

// filterRange is the range of the header and rows, as "A1:M58".
func (s *sheet) filterRange() string {
	return "A1:" + column(len(s.header)-1) + strconv.Itoa(len(s.rows)+1)
}

// absRange makes "A1:M58" the absolute "$A$1:$M$58".
func absRange(r string) string {
	parts := strings.Split(r, ":")
	for i, p := range parts {
		d := strings.IndexAny(p, "0123456789")
		parts[i] = "$" + p[:d] + "$" + p[d:]
	}
	return strings.Join(parts, ":")
}

// xml is the worksheet part.
func (s *sheet) xml() string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<worksheet xmlns="` + nsMain + `">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	if len(s.widths) > 0 {
		b.WriteString(`<cols>`)
		for i, w := range s.widths {
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, i+1, i+1, w)
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	s.row(&b, 1, s.header, true)
	for i, r := range s.rows {
		s.row(&b, i+2, r, false)
	}
	b.WriteString(`</sheetData><autoFilter ref="` + s.filterRange() + `"/></worksheet>`)
	return b.String()
}

func (s *sheet) row(b *strings.Builder, n int, cells []string, header bool) {
	fmt.Fprintf(b, `<row r="%d">`, n)
	for i, v := range cells {
		ref := column(i) + strconv.Itoa(n)
		switch _, err := strconv.ParseUint(v, 10, 31); {
		case header:
			fmt.Fprintf(b, `<c r="%s" s="1" t="inlineStr"><is><t>%s</t></is></c>`, ref, text(v))
		case v == "":
			// an empty cell is left out
		case s.numeric[i] && err == nil:
			fmt.Fprintf(b, `<c r="%s"><v>%s</v></c>`, ref, v)
		default:
			fmt.Fprintf(b, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, text(v))
		}
	}
	b.WriteString(`</row>`)
}

// column is the letters of the i-th column (0: A, 26: AA).
func column(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// text is v escaped for XML character data: control characters dropped (XML
// cannot hold them), cut to what a cell holds.
func text(v string) string {
	v = plain(v)
	if r := []rune(v); len(r) > maxCellText {
		v = string(r[:maxCellText-1]) + "…"
	}
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(v)) // a strings.Builder never fails
	return b.String()
}

// attr is v escaped for an XML attribute.
func attr(v string) string { return text(v) }
