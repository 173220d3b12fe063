package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/report"
)

// markup is user text that tries to become markup, a script, a formula.
const markup = `<script>alert("x")</script> Tom & Jerry's "quoted" <b>bold</b> [link](javascript:alert(1)) *em* | pipe`

// markupReview is fullReview with markup text in names, notes and
// links.
func markupReview(t *testing.T) *report.LensReview {
	t.Helper()
	r := fullReview(t, markup+"\n# not a heading\n- not a list\n1. not a list\n=not a heading")
	r.Workload.Name = `<img src=x onerror=alert(1)> & "Payments"`
	r.Workload.ArchitecturalDesign = "javascript:alert(document.cookie)"
	r.Lens.Name = "Lens </title><script>x()</script>"
	r.Improvements[0].Practices[0].URL = `javascript:alert("plan")`
	// The lens's guidance is user text too: a custom lens's author writes it.
	im := &r.Improvements[0]
	im.QuestionDescription = markup + "\n# not a heading"
	im.Practices[0].Description = markup + "\n- not a list"
	im.Practices[0].Steps, im.Practices[0].Numbered = []string{markup, "1. not a list", "<!-- comment"}, true
	im.Practices[1].Steps, im.Practices[1].Numbered = []string{markup, "> not a quote"}, false
	return r
}

func TestHTMLEscapesUserText(t *testing.T) {
	t.Parallel()
	b, err := markupReview(t).HTML()
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, bad := range []string{"<script", "<img", "<b>", `"quoted"`, "Tom & Jerry"} {
		if strings.Contains(html, bad) {
			t.Errorf("the HTML holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "Tom &amp; Jerry&#39;s &#34;quoted&#34;", "&lt;img src=x onerror=alert(1)&gt; &amp; &#34;Payments&#34;"} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks the escaped %q", want)
		}
	}
	// Every tag is the report's own: no script, nothing to fetch, no event
	// handler, and links only to the lens's web pages or the page's sections.
	allowed := map[string]bool{}
	for _, e := range strings.Fields("!doctype html head meta title style body p h1 h2 h3 table tr th td nav ol ul li a strong em br span div") {
		allowed[e] = true
	}
	tagRE := regexp.MustCompile(`<(/?)([!a-zA-Z0-9]+)([^>]*)>`)
	attrRE := regexp.MustCompile(`([a-zA-Z-]+)="([^"]*)"`)
	for _, m := range tagRE.FindAllStringSubmatch(html, -1) {
		if !allowed[strings.ToLower(m[2])] {
			t.Errorf("unexpected element %q", m[0])
		}
		for _, a := range attrRE.FindAllStringSubmatch(m[3], -1) {
			switch name, v := strings.ToLower(a[1]), a[2]; {
			case strings.HasPrefix(name, "on"), name == "src", name == "srcset", name == "action":
				t.Errorf("unexpected attribute in %q", m[0])
			case name == "href" && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "https://docs.aws.amazon.com/"):
				t.Errorf("unexpected link %q", v)
			case name == "style" && strings.Contains(v, "url("):
				t.Errorf("a style fetches something: %q", m[0])
			}
		}
	}
	for _, re := range []string{`(?i)@import`, `(?i)url\(`} {
		if regexp.MustCompile(re).MatchString(html) {
			t.Errorf("the HTML matches %s: it is not self-contained", re)
		}
	}
}

func TestMarkdownEscapesUserText(t *testing.T) {
	t.Parallel()
	md := string(markupReview(t).Markdown())
	// Remove the links the report makes itself: [title](<https://...>).
	own := regexp.MustCompile(`\]\(<https://[^>\s]+>\)`)
	text := own.ReplaceAllString(md, "]")
	for i, line := range strings.Split(text, "\n") {
		for j, c := range line {
			if strings.ContainsRune("<>&`[]*_|", c) && (j == 0 || line[j-1] != '\\') && !ownMarkup(line, j) {
				t.Fatalf("line %d: unescaped %q in %q", i+1, c, line)
			}
		}
	}
	for _, want := range []string{`> \# not a heading\`, `> \- not a list\`, `> 1\. not a list\`, `> \=not a heading`,
		`\<script\>alert("x")\</script\> Tom \& Jerry's`, `\[link\](javascript:alert(1))`,
		"\n   \\# not a heading\n", "\n     \\- not a list\n", "\n     2. 1\\. not a list\n", "\n     3. \\<!-- comment\n", "\n     \\> not a quote\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "(<javascript") || regexp.MustCompile(`[^\\]\]\(javascript`).MatchString(md) {
		t.Error("the Markdown links to javascript:")
	}
}

// ownMarkup tells whether the character at j of a Markdown line is the
// report's own: table pipes, bold, italics, blockquote and list markers.
func ownMarkup(line string, j int) bool {
	switch {
	case strings.HasPrefix(line, "|") && line[j] == '|' && (j == 0 || line[j-1] == ' '):
		return true
	case line[j] == '*' && (strings.Contains(line, "**") || strings.HasPrefix(strings.TrimSpace(line), "*")):
		return true
	case line[j] == '>' && strings.TrimLeft(line[:j], " ") == "":
		return true
	case line[j] == '[' && strings.HasPrefix(strings.TrimSpace(line), "- ["):
		return true
	case line[j] == ']' && strings.Contains(line, "- ["):
		return true
	case strings.TrimSpace(line) == "[Learn more]":
		return true
	}
	return false
}

// csvRecords parses a CSV export, without its byte order mark.
func csvRecords(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Error("the CSV does not start with a UTF-8 byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return recs
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	r := fullReview(t, "=HYPERLINK(\"http://evil\",\"x\")")
	q := &r.Pillars[0].Questions[0]
	q.Title = "+1+2"
	q.Practices[0].Title, q.Practices[0].Notes = "-2+3", "@SUM(A1:A9)"
	q.Practices[1].Title, q.Practices[1].Notes = "\tcmd", "\r=cmd|' /C calc'!A0"
	q.Practices[2].Title = "a = b, not a formula"
	b, err := r.CSV()
	if err != nil {
		t.Fatal(err)
	}
	recs := csvRecords(t, b)
	for i, rec := range recs {
		for j, v := range rec {
			if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
				t.Errorf("row %d column %d is %q: a spreadsheet would run it", i+1, j+1, v)
			}
		}
	}
	want := [][]string{ // pillar, question, practice, practice notes
		{"Operational Excellence", "'+1+2", "'-2+3", "'@SUM(A1:A9)"},
		{"Operational Excellence", "'+1+2", "'\tcmd", "'\n=cmd|' /C calc'!A0"}, // line breaks as CRLF, read back as \n
		{"Operational Excellence", "'+1+2", "a = b, not a formula", q.Practices[2].Notes},
	}
	for i, w := range want {
		got := []string{recs[i+1][0], recs[i+1][1], recs[i+1][2], recs[i+1][6]}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("row %d (-want +got):\n%s", i+2, diff)
		}
	}
	if got := recs[1][7]; got != `'=HYPERLINK("http://evil","x")` {
		t.Errorf("question notes cell = %q", got)
	}
}

func TestCSVRows(t *testing.T) {
	t.Parallel()
	r := fullReview(t, "")
	recs := csvRecords(t, mustBytes(r.CSV()))
	n := 0
	for _, p := range r.Pillars {
		for _, q := range p.Questions {
			n += len(q.Practices)
		}
	}
	if len(recs) != n+1 {
		t.Fatalf("%d rows, want a header and one per question and practice (%d)", len(recs), n)
	}
	// The rows marked with a plan position are the improvement plan.
	var plan []string
	for _, rec := range recs[1:] {
		if rec[9] != "" {
			plan = append(plan, rec[9]+" "+rec[11]+" "+rec[12])
		}
	}
	var want []string
	for i, im := range r.Improvements {
		for _, p := range im.Practices {
			want = append(want, strconv.Itoa(i+1)+" "+im.QuestionID+" "+p.ID)
		}
	}
	less := func(a, b string) bool { return a < b }
	if diff := cmp.Diff(want, plan, cmpopts.SortSlices(less)); diff != "" {
		t.Errorf("plan rows (-want +got):\n%s", diff)
	}
	statuses := map[string]int{}
	for _, rec := range recs[1:] {
		statuses[rec[4]]++
	}
	for _, s := range []string{"selected", "not selected", "not applicable"} {
		if statuses[s] == 0 {
			t.Errorf("no row has status %q: %v", s, statuses)
		}
	}
}

func mustBytes(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// xlsxCell is a cell of a worksheet as the file holds it.
type xlsxCell struct {
	Ref    string `xml:"r,attr"`
	Type   string `xml:"t,attr"`
	Style  string `xml:"s,attr"`
	Value  string `xml:"v"`
	Inline string `xml:"is>t"`
}

// readXLSX opens a workbook and returns each sheet's cells by reference
// ("B7"), checking that every part is well-formed XML.
func readXLSX(t *testing.T, b []byte) (names []string, sheets []map[string]xlsxCell) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the XLSX is not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = data
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"} {
		if parts[p] == nil {
			t.Fatalf("the XLSX lacks %s", p)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	for i, s := range wb.Sheets {
		names = append(names, s.Name)
		var ws struct {
			Cells []xlsxCell `xml:"sheetData>row>c"`
		}
		if err := xml.Unmarshal(parts["xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"], &ws); err != nil {
			t.Fatalf("sheet %d: %v", i+1, err)
		}
		cells := map[string]xlsxCell{}
		for _, c := range ws.Cells {
			cells[c.Ref] = c
		}
		sheets = append(sheets, cells)
	}
	return names, sheets
}

// text is what a cell shows.
func (c xlsxCell) text() string {
	if c.Type == "inlineStr" {
		return c.Inline
	}
	return c.Value
}

func TestXLSX(t *testing.T) {
	t.Parallel()
	r := fullReview(t, "Line one & <two>\n\"three\"\x00\x07")
	q := &r.Pillars[0].Questions[0]
	q.Practices[0].Notes = "=1+2"
	b, err := r.XLSX()
	if err != nil {
		t.Fatal(err)
	}
	names, sheets := readXLSX(t, b)
	if diff := cmp.Diff([]string{"Answers", "Improvement plan"}, names); diff != "" {
		t.Fatalf("sheets (-want +got):\n%s", diff)
	}
	answers, plan := sheets[0], sheets[1]

	// Cell by cell, the Answers sheet holds what the CSV holds (the CSV's
	// formula guard aside: a string cell is never a formula).
	recs := csvRecords(t, mustBytes(r.CSV()))
	cols := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for i, rec := range recs {
		for j, v := range rec {
			ref := string(cols[j]) + strconv.Itoa(i+1)
			got := answers[ref].text()
			if v = strings.TrimPrefix(v, "'"); got != strings.ReplaceAll(strings.ReplaceAll(v, "\x00", ""), "\x07", "") {
				t.Fatalf("Answers!%s = %q, the CSV has %q", ref, got, v)
			}
		}
	}
	if len(answers) > len(recs)*len(recs[0]) {
		t.Errorf("Answers has %d cells, more than the CSV's %d", len(answers), len(recs)*len(recs[0]))
	}
	for ref, want := range map[string]string{
		"A1": "Pillar", "M1": "Practice ID",
		"A2": "Operational Excellence", "B2": q.Title, "C2": q.Practices[0].Title, "D2": "High risk", "E2": "selected",
		"G2": "=1+2", "H2": "Line one & <two>\n\"three\"", "I2": q.Practices[0].URL, "L2": q.ID, "M2": q.Practices[0].ID,
	} {
		if got := answers[ref].text(); got != want {
			t.Errorf("Answers!%s = %q, want %q", ref, got, want)
		}
	}
	if c := answers["A1"]; c.Style != "1" {
		t.Errorf("the header is not bold (style %q)", c.Style)
	}
	if c := answers["G2"]; c.Type != "inlineStr" {
		t.Errorf("a note starting with = is a %q cell, not a string", c.Type)
	}

	// The improvement plan in its order, its position a number.
	row := 2
	for i, im := range r.Improvements {
		for _, p := range im.Practices {
			n := strconv.Itoa(row)
			if c := plan["A"+n]; c.Type != "" || c.Value != strconv.Itoa(i+1) {
				t.Fatalf("Improvement plan!A%s = %+v, want the number %d", n, c, i+1)
			}
			for col, want := range map[string]string{"B": im.PillarName, "C": im.QuestionTitle, "E": p.Title, "F": p.URL, "I": p.ID,
				"J": im.QuestionDescription, "K": p.Description, "L": numberedSteps(p.Steps)} {
				if got := plan[col+n].text(); got != want {
					t.Errorf("Improvement plan!%s%s = %q, want %q", col, n, got, want)
				}
			}
			row++
		}
	}
	if _, ok := plan["A"+strconv.Itoa(row)]; ok {
		t.Errorf("the plan sheet has rows after the plan")
	}
}
