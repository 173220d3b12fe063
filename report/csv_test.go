package report_test

import (
	"strings"
	"testing"
)

// dangerous are notes a spreadsheet would read as a formula, once past
// their leading blanks or in full-width form.
var dangerous = []string{
	" =HYPERLINK(\"http://evil\",\"x\")", "\n=1+2", "\u3000+1", "\uff1dSUM(1)", "\uff20SUM(1)", "\u200b-1+2",
}

// TestCSVNeutralisesHiddenFormulas exports notes that hide a formula
// behind white space or a full-width sign: each is a cell starting with
// "'" and otherwise as typed; the plan positions stay plain numbers.
func TestCSVNeutralisesHiddenFormulas(t *testing.T) {
	t.Parallel()
	for _, notes := range dangerous {
		r := fullReview(t, notes)
		recs := csvRecords(t, mustBytes(r.CSV()))
		want := "'" + strings.ReplaceAll(notes, "\r\n", "\n")
		if got := recs[1][7]; got != want {
			t.Errorf("notes %q: cell %q, want %q", notes, got, want)
		}
		plans := 0
		for _, rec := range recs[1:] {
			if p := rec[9]; p != "" {
				plans++
				if strings.Trim(p, "0123456789") != "" {
					t.Errorf("plan column %q, want a number", p)
				}
			}
		}
		if plans == 0 {
			t.Error("no row has a plan position")
		}
	}
}

// TestXLSXCellsAreNeverFormulas checks that XLSX needs no guard: the same
// notes are written as inline strings, shown exactly as typed, never as a
// formula's text.
func TestXLSXCellsAreNeverFormulas(t *testing.T) {
	t.Parallel()
	for _, notes := range dangerous {
		r := fullReview(t, notes)
		b := mustBytes(r.XLSX())
		if strings.Contains(string(b), "<f>") {
			t.Fatal("the workbook holds a formula")
		}
		_, sheets := readXLSX(t, b)
		c := sheets[0]["H2"]
		if c.Type != "inlineStr" || c.text() != notes {
			t.Errorf("notes %q: Answers!H2 is %+v, want the inline string as typed", notes, c)
		}
	}
}
