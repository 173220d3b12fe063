package report

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// replacement stands for a character the report's font cannot draw.
const replacement = '\uFFFD'

// glyphs is the set of characters the embedded Go fonts draw (their regular,
// bold and italic faces cover the same characters: WGL4, Latin, Greek and
// Cyrillic).
var glyphs = sync.OnceValue(func() map[rune]bool {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		panic("report: the embedded Go font does not parse: " + err.Error())
	}
	var b sfnt.Buffer
	set := make(map[rune]bool, 1024)
	for r := rune(0x20); r <= 0xFFFF; r++ {
		if g, err := f.GlyphIndex(&b, r); err == nil && g != 0 {
			set[r] = true
		}
	}
	return set
})

// printable makes user text safe to lay out: normalised (NFC), tabs as
// spaces, line breaks as "\n", other control and format characters
// (zero-width joiners, variation selectors, bidi controls) dropped, and any
// character the font lacks — CJK, emoji, right-to-left scripts — drawn as
// U+FFFD, so that the text keeps its length and the reader sees that
// something was there.
func printable(s string) string {
	if s == "" {
		return s
	}
	s = norm.NFC.String(s)
	set := glyphs()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Mn) && !set[r]:
			// nothing to draw: formatting, or a mark on a missing letter
		case set[r]:
			b.WriteRune(r)
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// oneLine is printable text on one line, cut to at most n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(printable(s)), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
