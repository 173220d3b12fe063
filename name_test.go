package wat_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// TestNameKeySame: names a reader cannot tell apart have one key.
func TestNameKeySame(t *testing.T) {
	for _, tc := range [][2]string{
		{"My Workload", "myworkload"},                 // what AWS documents: case and spaces
		{"Café", "Cafe\u0301"},                        // NFC and NFD
		{"ＡＢＣ", "ABC"},                                // fullwidth
		{"a\u200bbc", "abc"},                          // zero-width space
		{"\ufeffabc\u2060", "abc"},                    // byte-order mark, word joiner
		{"ab\u200dc\u200c", "abc"},                    // joiners
		{"\u202eabc\u202c", "abc"},                    // bidi override
		{"abc\ufe0f", "abc"},                          // variation selector
		{"a\u3164bc", "abc"},                          // Hangul filler
		{"ab\u00adc", "abc"},                          // soft hyphen
		{"e\u200b\u0301tude", "étude"},                // an invisible between letter and accent
		{"Straße", "STRASSE"},                         // case folding, not lowering
		{"ΣΑΣ", "σας"},                                // final sigma
		{"ﬁle", "file"},                               // ligature
		{"x\u00a0y\u3000z", "xyz"},                    // no-break and ideographic spaces
		{"Ｃａｆｅ\u0301 ２", "café2"},                     // all at once
		{"\u0041\u030a", "\u00e5"},                    // A + ring = å
		{"\u212bngstr\u00f6m", "\u00c5ngstro\u0308m"}, // the angstrom sign
		{"x\x01y", "xy"},                              // a control character
		{"\u1100\u1161\u11a8", "\uac01"},              // Hangul jamo and syllable
		{"\u2800abc", "abc"},                          // blank Braille pattern
		{"Ａ\u200b\u200bＢ\u00a0Ｃ", "abc"},              // fullwidth and invisible together
		{"\u0130stanbul", "i\u0307stanbul"},           // dotted capital I folds to i + dot
		{"ｶﾞ", "ガ"},                                   // halfwidth katakana and voicing mark
		{"\U0001d400\U0001d401\U0001d402", "abc"},
		{"\u13cf\u13a0\u13f0", "\uab9f\uab70\u13f8"}, // Cherokee capitals and small letters     // mathematical bold
	} {
		if a, b := wat.NameKey(tc[0]), wat.NameKey(tc[1]); a != b {
			t.Errorf("NameKey(%+q) = %+q, NameKey(%+q) = %+q; want the same", tc[0], a, tc[1], b)
		}
	}
}

// TestNameKeyDifferent: names that look different keep different keys.
func TestNameKeyDifferent(t *testing.T) {
	for _, tc := range [][2]string{
		{"Café", "Cafe"},
		{"東京", "京都"},
		{"abc", "abd"},
		{"ab-c", "abc"},
		{"résumé", "resume"},
		{"Ürün", "Urun"},
		{"データ", "テータ"},
	} {
		if a, b := wat.NameKey(tc[0]), wat.NameKey(tc[1]); a == b {
			t.Errorf("NameKey(%+q) = NameKey(%+q) = %+q; want different keys", tc[0], tc[1], a)
		}
	}
}

// TestNameKeyASCII: the fast path for plain ASCII gives what AWS
// documents.
func TestNameKeyASCII(t *testing.T) {
	for in, want := range map[string]string{
		"  My   Workload\t": "myworkload",
		"ABC-def_1":         "abc-def_1",
		"":                  "",
	} {
		if got := wat.NameKey(in); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVisibleLen(t *testing.T) {
	for in, want := range map[string]int{
		"\u200b\u200b\u200b":  0,
		"  ab ":               2,
		"a\u200bb":            2,
		"\ufeff\u2060\u00ad":  0,
		"\u3164\u3164\u3164":  0,
		"Cafe\u0301":          4, // NFC: é is one character
		"東京都":                 3,
		"ab\ufe0f":            2,
		"\u2800\u2800\u2800x": 1,
	} {
		if got := wat.VisibleLen(in); got != want {
			t.Errorf("VisibleLen(%+q) = %d, want %d", in, got, want)
		}
	}
}

// FuzzNameKey: the key is idempotent, valid UTF-8 for valid input, and
// blind to invisible characters and spaces inserted anywhere.
func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"Café", "Cafe\u0301", "ＡＢＣ", "a\u200bbc", "Straße", "ΣΑΣ", "\u0345", "ﬀ", "\u1e9e", "ǅ", "\u0130"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		k := wat.NameKey(s)
		if !utf8.ValidString(k) {
			t.Fatalf("NameKey(%+q) = %+q, not valid UTF-8", s, k)
		}
		if kk := wat.NameKey(k); kk != k {
			t.Fatalf("NameKey(%+q) = %+q, but NameKey of that is %+q", s, k, kk)
		}
		if strings.ContainsAny(k, " \t\u200b\ufeff") {
			t.Fatalf("NameKey(%+q) = %+q keeps a space or an invisible character", s, k)
		}
		// Inserted between runes, a zero-width space changes nothing.
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			b.WriteString("\u200b")
		}
		if k2 := wat.NameKey(b.String()); k2 != k {
			t.Fatalf("NameKey(%+q) = %+q, with zero-width spaces inserted %+q", s, k, k2)
		}
	})
}
