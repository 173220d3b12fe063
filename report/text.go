package report

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// replacement stands for a character no font can draw.
const replacement = '\uFFFD'

// clean makes user text safe to lay out: normalised (NFC), tabs as spaces,
// line breaks as "\n", other control characters dropped, and the format
// characters that would only confuse the layout — bidi embeddings,
// overrides and isolates (see bidi.go), variation selectors, the alias
// sentinel — dropped too. Kept are the marks LRM, RLM and ALM, which the
// bidi algorithm reads, and ZWJ and ZWNJ, which Arabic joining reads;
// neither is drawn.
func clean(s string) string {
	if s == "" {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case kept(r):
			b.WriteRune(r)
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Variation_Selector):
			// nothing to draw
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// kept are the format characters clean keeps: bidi marks and joiners.
func kept(r rune) bool {
	return r == '\u200E' || r == '\u200F' || r == '\u061C' || r == zwj || r == zwnj
}

// invisible tells whether r is not drawn: kept by clean for the layout,
// absorbed by a ligature, or an emoji skin-tone modifier (which, without
// colour emoji, would only draw a swatch after the emoji).
func invisible(r rune) bool {
	return kept(r) || r == absorbed || r >= 0x1F3FB && r <= 0x1F3FF
}

// oneLine is clean text on one line, cut to at most n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(clean(s)), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
