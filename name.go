package wat

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Names that users choose (workloads, milestones, profiles, review
// templates, custom lenses) are unique by NameKey, not byte for byte: two
// names a reader cannot tell apart must not both be accepted. AWS already
// compares them ignoring case and spaces; NameKey goes on to ignore what
// Unicode lets differ without a visible difference:
//
//   - the encoding of the same text: "Café" typed precomposed (NFC) or as
//     "e" and a combining accent (NFD);
//   - compatibility variants: fullwidth "ＡＢＣ", ligatures, superscripts
//     (NFKC);
//   - characters that render as nothing: zero-width spaces and joiners,
//     the byte-order mark, bidi controls, variation selectors, Hangul
//     fillers, control characters;
//   - case, by Unicode case folding rather than lowering, so that "STRASSE"
//     and "Straße" or "ΣΑΣ" and "σας" are one name as they are one word.
//
// The stored name stays what the user typed: only the key is normalised.
// Stored keys were computed by the NameKey of their day, so a change here
// needs a migration that computes them again (sqlstore's 0012 did, for
// this definition).

// NameKey is the form of a name that uniqueness (and list order) is judged
// on; see above. It is idempotent: NameKey(NameKey(s)) == NameKey(s).
func NameKey(name string) string {
	if isPlainASCII(name) {
		// The common case, and what AWS itself documents: no need for
		// the Unicode tables.
		return strings.ToLower(strings.Join(strings.Fields(name), ""))
	}
	// Invisible characters go first, so that one between a letter and
	// its combining accent does not keep NFKC from composing them.
	s := strings.Map(dropUnseen, name)
	s = norm.NFKC.String(s)
	// A Caser keeps state: one per call, as cases documents.
	s = strings.Map(cherokeeUpper, cases.Fold().String(s))
	// Folding can undo normalisation, and NFKC can produce spaces (its
	// form of U+00A8 is a space and a combining diaeresis): once more,
	// then NFC for what dropping those spaces brought together.
	s = strings.Map(dropUnseen, norm.NFKC.String(s))
	return norm.NFC.String(s)
}

// VisibleLen counts the characters of a name that a reader sees: those of
// its NFC form other than white space and invisible characters. The
// minimum length of a name is checked on it, so that a name of three
// zero-width spaces is as empty as it looks.
func VisibleLen(name string) int {
	n := 0
	for _, r := range norm.NFC.String(name) {
		if !unicode.IsSpace(r) && !Invisible(r) {
			n++
		}
	}
	return n
}

// Invisible reports whether r renders as nothing (or as a blank that is
// not white space): control and format characters (zero-width space,
// joiners, the byte-order mark, bidi controls, soft hyphen), the other
// default-ignorable code points (Hangul fillers, the combining grapheme
// joiner), variation selectors and the blank Braille pattern.
func Invisible(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) ||
		r == '\u2800'
}

// dropUnseen is a strings.Map function removing white space and invisible
// characters.
func dropUnseen(r rune) rune {
	if unicode.IsSpace(r) || Invisible(r) {
		return -1
	}
	return r
}

// cherokeeUpper maps Cherokee small letters to their capitals. Unicode
// folds Cherokee to capitals (the small letters came later), but cases.Fold
// swaps capitals and small letters instead, so that a name and its key
// would have different keys.
func cherokeeUpper(r rune) rune {
	if (r >= '\uab70' && r <= '\uabbf') || (r >= '\u13f8' && r <= '\u13fd') {
		return unicode.ToUpper(r)
	}
	return r
}

// isPlainASCII reports whether s is printable ASCII and spaces only, for
// which NameKey's Unicode steps change nothing.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < ' ' && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') || c == 0x7f {
			return false
		}
	}
	return true
}
