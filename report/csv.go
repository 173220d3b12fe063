package report

import (
	"bytes"
	"encoding/csv"
	"strings"
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

// cell makes v safe for a spreadsheet: text starting with "=", "+", "-",
// "@", a tab or a carriage return would be read as a formula (or DDE
// command) by Excel, LibreOffice and Google Sheets, so it gets a leading
// "'", which they show as text (OWASP's advice on CSV injection).
func cell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
