package report

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// display is s as the layout draws it on one line: characters in visual
// order, left to right, mirrored where right-to-left, without the ones not
// drawn.
func display(s string) string {
	rs := []rune(s)
	cs := classes(rs)
	base := paragraphLevel(cs)
	lv := levels(cs, base)
	var b strings.Builder
	for _, i := range visualOrder(cs, append([]uint8(nil), lv...), base) {
		r := rs[i]
		if invisible(r) {
			continue
		}
		if lv[i]%2 == 1 {
			r = mirrored(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestBidi checks the visual order of mixed text, written here in logical
// order; the expected visual order was worked out by hand with UAX #9 and
// agrees with what a browser shows.
func TestBidi(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ logical, visual string }{
		{"abc def", "abc def"},
		{"שלום", "םולש"},
		{"abc שלום עולם def", "abc םלוע םולש def"}, // an RTL run keeps its words together, reversed
		{"שלום 123 עולם", "םלוע 123 םולש"},         // numbers inside RTL stay LTR (level 2)
		{"מספר 123", "123 רפסמ"},
		{"שלום abc עולם", "םלוע abc םולש"},   // English inside Hebrew
		{"abc (שלום) def", "abc (םולש) def"}, // brackets between runs of each direction
		{"(שלום)", "(םולש)"},                 // brackets in RTL text are mirrored
		{"שלום.", ".םולש"},                   // the full stop ends the RTL sentence, at its left
		{"abc 12.5% שלום", "abc 12.5% םולש"}, // European number with separator and terminator
		{"שלום 12.5%", "12.5% םולש"},         // the same in Hebrew
		{"a<b", "a<b"},                       // no mirroring in LTR text
		{"א<ב", "ב>א"},                       // mirrored in RTL: read right to left, still א < ב
		{"אב\u05B8", "ב\u05B8א"},             // a mark stays after its base (L3)
		{"abc\u200F def", "abc def"},         // RLM is not drawn
		{"السلام ١٢٣", "١٢٣ مالسلا"},         // Arabic-Indic digits keep their order
		{"abc שלום   ", "abc םולש   "},       // trailing spaces at the paragraph's level (L1)
		{"שלום   ", "   םולש"},               // which is right to left here
		{"abc שלום", "abc םולש"},
		{"", ""},
	} {
		if got := display(c.logical); got != c.visual {
			t.Errorf("display(%q) = %q, want %q", c.logical, got, c.visual)
		}
	}
}

// TestParagraphLevel checks P2/P3: the first strong character decides.
func TestParagraphLevel(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]uint8{"abc שלום": 0, "שלום abc": 1, "123 שלום": 1, "123": 0, "": 0, "«مرحبا»": 1} {
		if got := paragraphLevel(classes([]rune(s))); got != want {
			t.Errorf("paragraphLevel(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestShapeArabic checks contextual forms, the lam-alef ligature, marks,
// joiners and the letters Persian adds.
func TestShapeArabic(t *testing.T) {
	t.Parallel()
	all := func(rune) bool { return true }
	for _, c := range []struct {
		in   string
		want []rune
	}{
		{"بيت", []rune{0xFE91, 0xFEF4, 0xFE96}},            // initial, medial, final
		{"دار", []rune{0xFEA9, 0xFE8D, 0xFEAD}},            // letters that join only to the right: all isolated
		{"سلام", []rune{0xFEB3, 0xFEFC, absorbed, 0xFEE1}}, // lam-alef after a joining letter: final ligature
		{"لا", []rune{0xFEFB, absorbed}},                   // isolated ligature
		{"ب", []rune{0xFE8F}},
		{"بَت", []rune{0xFE91, 0x064E, 0xFE96}},          // a mark (fatha) is transparent
		{"ب\u200Cت", []rune{0xFE8F, 0x200C, 0xFE95}},     // ZWNJ breaks the join
		{"ب\u200D", []rune{0xFE91, 0x200D}},              // ZWJ joins
		{"ـب", []rune{0x0640, 0xFE90}},                   // tatweel joins
		{"پدر", []rune{0xFB58, 0xFEAA, 0xFEAD}},          // Persian peh (Forms-A)
		{"کتاب", []rune{0xFB90, 0xFE98, 0xFE8E, 0xFE8F}}, // keheh, teh, alef, beh
		{"abc بت", []rune{'a', 'b', 'c', ' ', 0xFE91, 0xFE96}},
		{"ب ت", []rune{0xFE8F, ' ', 0xFE95}}, // no join across a space
	} {
		rs := []rune(c.in)
		shapeArabic(rs, all)
		if diff := cmp.Diff(c.want, rs); diff != "" {
			t.Errorf("shapeArabic(%q) (-want +got):\n%s", c.in, diff)
		}
	}
	// A form the fonts lack leaves the letter as typed.
	rs := []rune("بت")
	shapeArabic(rs, func(r rune) bool { return r != 0xFE91 })
	if diff := cmp.Diff([]rune{0x0628, 0xFE96}, rs); diff != "" {
		t.Errorf("without the initial form (-want +got):\n%s", diff)
	}
}

// testDoc is a document drawn with the embedded fonts.
func testDoc() *doc {
	d := newDoc(nil, "t", "t", time.Unix(0, 0))
	d.pdf.AddPage()
	return d
}

// lineText is the text of a laid-out line, in visual order.
func lineText(l line) string {
	var b strings.Builder
	for _, s := range l.spans {
		b.WriteString(s.text)
	}
	return b.String()
}

// TestWrap checks that lines break at spaces, between CJK characters (not
// before closing punctuation), never lose a character, stay within the
// width, and that right-to-left paragraphs wrap in logical order: the first
// line holds the first words typed.
func TestWrap(t *testing.T) {
	t.Parallel()
	d := testDoc()
	const width = 40.0
	check := func(name, s string, wantLines int) []line {
		t.Helper()
		ls := d.lines(s, "", 10, width)
		if wantLines > 0 && len(ls) != wantLines {
			t.Errorf("%s: %d lines, want %d", name, len(ls), wantLines)
		}
		for i, l := range ls {
			if l.w > width+0.01 {
				t.Errorf("%s: line %d is %.1f mm wide, more than %.0f", name, i, l.w, width)
			}
		}
		return ls
	}
	// Latin: at spaces.
	ls := check("latin", "The quick brown fox jumps over the lazy dog and keeps running far", 0)
	var words []string
	for _, l := range ls {
		words = append(words, strings.Fields(lineText(l))...)
	}
	if got := strings.Join(words, " "); got != "The quick brown fox jumps over the lazy dog and keeps running far" {
		t.Errorf("latin lines lose or reorder words: %q", got)
	}
	// CJK has no spaces: lines break between characters, and 。 never starts one.
	cjk := strings.Repeat("日本語の文章。", 12)
	ls = check("cjk", cjk, 0)
	if len(ls) < 2 {
		t.Fatalf("cjk: %d lines, want it wrapped", len(ls))
	}
	var all strings.Builder
	for _, l := range ls {
		text := lineText(l)
		if strings.HasPrefix(text, "。") {
			t.Errorf("cjk line starts with closing punctuation: %q", text)
		}
		all.WriteString(text)
	}
	// Wrapping neither drops nor repeats a character.
	if n := len([]rune(all.String())); n != len([]rune(cjk)) {
		t.Errorf("cjk: %d characters drawn, want %d", n, len([]rune(cjk)))
	}
	// Hebrew: the first line holds the first words, reversed for display.
	heb := "אחד שניים שלושה ארבעה חמישה שישה שבעה שמונה תשעה עשרה"
	ls = check("hebrew", heb, 0)
	if len(ls) < 2 {
		t.Fatalf("hebrew: %d lines, want it wrapped", len(ls))
	}
	first := []rune(lineText(ls[0]))
	for i, j := 0, len(first)-1; i < j; i, j = i+1, j-1 {
		first[i], first[j] = first[j], first[i]
	}
	if !strings.HasPrefix(heb, string(first)) || !ls[0].rtl {
		t.Errorf("hebrew first line, read right to left, is %q (rtl %v): want the start of %q", string(first), ls[0].rtl, heb)
	}
	// A word longer than the line is broken.
	ls = check("long word", strings.Repeat("x", 100), 0)
	if len(ls) < 3 {
		t.Errorf("a 100-character word took %d lines", len(ls))
	}
}

// TestFitLine checks that text cut to fit ends with an ellipsis, fits, and
// that cut Arabic ends with a final form.
func TestFitLine(t *testing.T) {
	t.Parallel()
	d := testDoc()
	l := d.fitLine(strings.Repeat("مرحبا بالعالم ", 10), "", 9, 30)
	if l.w > 30 || !l.rtl {
		t.Errorf("fitted Arabic is %.1f mm (rtl %v), want at most 30, right to left", l.w, l.rtl)
	}
	if text := lineText(l); !strings.HasPrefix(text, "…") { // the ellipsis ends the RTL line: at its left
		t.Errorf("fitted Arabic %q does not start (visually) with an ellipsis", text)
	}
	if l := d.fitLine("short", "", 9, 30); lineText(l) != "short" {
		t.Errorf("short text changed: %q", lineText(l))
	}
}
