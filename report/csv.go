package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CSV renders every answer of the lens review and its improvement plan as
// CSV (RFC 4180, UTF-8 with a byte order mark so that spreadsheets read it
// as UTF-8): one row per question and practice, in lens order, with the
// columns of answerHeader. Cells that a spreadsheet would run as a formula
// are neutralised (see cell).
func (r *LensReview) CSV() ([]byte, error) {
	return writeCSV(answerHeader, r.answerRows())
}

// CSV renders the consolidated report as CSV: one row per workload, lens
// and pillar with its risk counts.
func (c *Consolidated) CSV() ([]byte, error) {
	return writeCSV(consolidatedHeader, c.consolidatedRows())
}

var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func writeCSV(header []string, rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.Write(header); err != nil {
		return nil, err
	}
	rec := make([]string, len(header))
	for _, row := range rows {
		for i, v := range row {
			// Guarded as typed, then with every line break as one CRLF (a lone
			// CR would be dropped by the writer).
			rec[i] = lineBreaks.Replace(cell(v))
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// cell makes v safe for a spreadsheet. Text that Excel, LibreOffice or
// Google Sheets would read as a formula (or a DDE command) gets a leading
// "'", which they show as text (OWASP's advice on CSV injection); the rest
// of v is kept as it is. Spreadsheets skip leading blanks before a formula
// and some read full-width signs as the ASCII ones, so the text is looked
// at past any leading white space, line breaks, control and invisible
// format characters, for =, +, -, @ in their ASCII, full-width and small
// forms (and the minus sign); a tab or carriage return first is guarded in
// itself. The numeric columns hold counts and plan positions, never
// negative, so no number of theirs starts with "-" and gets a quote.
func cell(v string) string {
	if v == "" {
		return v
	}
	if v[0] == '\t' || v[0] == '\r' {
		return "'" + v
	}
	rest := strings.TrimLeftFunc(v, blank)
	if r, _ := utf8.DecodeRuneInString(rest); strings.ContainsRune(formulaStarts, r) {
		return "'" + v
	}
	return v
}

// formulaStarts are the characters that make a cell a formula when it
// starts with one: = + - @, their full-width and small forms, and U+2212
// MINUS SIGN.
const formulaStarts = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212"

// blank tells whether a spreadsheet might pass over r before a formula:
// white space (Unicode's, and the line breaks), control characters, and
// invisible format characters such as a zero-width space or a byte order
// mark.
func blank(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}
