package fallbackfont_test

import (
	"slices"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/rangetable"

	"github.com/wat-dev/wat/report"
	"github.com/wat-dev/wat/report/fallbackfont"
)

// block is a range of characters a font must draw whole: every character
// Unicode 15 assigns in it, bar the few listed.
type block struct {
	name   string
	lo, hi rune
	except []rune
}

// TestCoverage: each font is one fpdf can embed and draws whole blocks, not
// the most frequent characters only, so that a rebuilt subset that lost
// characters (build.sh's ranges, a newer package) is caught.
func TestCoverage(t *testing.T) {
	t.Parallel()
	want := map[string][]block{
		"fallbackhangul": {
			{"Hangul syllables", 0xAC00, 0xD7A3, nil},
			{"Hangul compatibility jamo", 0x3131, 0x318E, nil},
			{"CJK angle brackets", 0x3008, 0x3009, nil},
		},
		"droidsansfallbackfull": {
			// The ideographs of Unicode 1.1 (U+4E00–U+9FA5); those added to
			// the block since are rare and lacking.
			{"CJK unified ideographs", 0x4E00, 0x9FA5, nil},
			{"CJK extension A", 0x3400, 0x4DB5, nil},
			{"Hiragana", 0x3041, 0x309E, []rune{0x3095, 0x3096}},
			{"Katakana", 0x30A0, 0x30FE, []rune{0x30F7, 0x30F8, 0x30F9, 0x30FA}},
			{"CJK punctuation", 0x3000, 0x3003, nil},
			{"CJK brackets", 0x300A, 0x3011, nil},
			{"full-width forms", 0xFF01, 0xFF5E, nil},
		},
		"notosansthai": {{"Thai", 0x0E00, 0x0E7F, nil}},
		"notoemoji": {
			{"emoticons", 0x1F600, 0x1F64F, nil},
			{"transport and map symbols", 0x1F680, 0x1F6C5, nil},
			{"skin tones", 0x1F3FB, 0x1F3FF, nil},
			{"check mark", 0x2705, 0x2705, nil},
		},
	}
	assigned := rangetable.Assigned("15.0.0")
	var names []string
	for _, f := range fallbackfont.All() {
		names = append(names, f.Name)
		data, err := f.TTF()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := report.CheckFont(data); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		sf, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		var b sfnt.Buffer
		for _, bl := range want[f.Name] {
			var missing []rune
			for r := bl.lo; r <= bl.hi; r++ {
				if !unicode.Is(assigned, r) || slices.Contains(bl.except, r) {
					continue
				}
				if x, err := sf.GlyphIndex(&b, r); err != nil || x == 0 {
					missing = append(missing, r)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s lacks %d characters of %s: %U…", f.Name, len(missing), bl.name, missing[:min(len(missing), 5)])
			}
		}
	}
	if !slices.Equal(names, []string{"fallbackhangul", "droidsansfallbackfull", "notosansthai", "notoemoji"}) {
		t.Errorf("fonts %v, want Hangul before Droid Sans Fallback, then Thai and emoji", names)
	}
}

// TestHangulAlone: the Hangul subset has no Latin, kana or Han, which the
// faces before and after it draw: it stands first among the fallback fonts
// and would otherwise take them.
func TestHangulAlone(t *testing.T) {
	t.Parallel()
	data, err := fallbackfont.All()[0].TTF()
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for _, r := range "Aa1あア日本。" {
		if x, err := sf.GlyphIndex(&b, r); err == nil && x != 0 {
			t.Errorf("the Hangul font has %q", r)
		}
	}
}
