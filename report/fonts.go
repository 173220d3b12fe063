package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A PDF draws each character with the first typeface of its Fonts that has
// a glyph for it: the Go fonts (Latin, Greek, Cyrillic) and DejaVu Sans
// (Hebrew, Arabic with its presentation forms, Armenian, Georgian, symbols),
// both embedded in the binary, then the faces the operator adds (CJK, Indic
// scripts, Thai, emoji…), found at run time. Only the faces a document uses
// are embedded in it, and only the glyphs it uses.

// Face is a typeface reports may draw with: TrueType (glyf) files, as fpdf
// embeds no other kind, by style. Bold and Italic may be nil: Regular
// stands in for them.
type Face struct {
	Name                  string // names the font in the PDF
	Regular, Bold, Italic []byte
	// Load, when set, gives the files instead, the first time a character
	// asks for the face, so that fonts found on disk are read only when a
	// report needs them. A face that fails to load or check is skipped,
	// and logged once.
	Load func() (regular, bold, italic []byte, err error)
}

// Fonts is the chain of faces a PDF draws with. It is safe for concurrent
// use; which face draws a character is worked out once per character.
type Fonts struct {
	faces []*face
	log   *slog.Logger

	mu      sync.Mutex
	glyphs  map[styled]glyph
	missing map[rune]bool
}

// styled is a character in a style (0 regular, 1 bold, 2 italic).
type styled struct {
	r     rune
	style int
}

// glyph says which face draws a character, and its advance in thousandths
// of the font size; face is -1 when none can. Characters beyond U+FFFF,
// which fpdf cannot write as text (its codes are 16-bit, cmap format 4),
// are drawn as the glyph's outline: outline is set.
type glyph struct {
	face    int
	w       float64
	outline bool
}

type face struct {
	family string // fpdf's name for it
	data   [3][]byte
	fonts  [3]*sfnt.Font
	load   func() (regular, bold, italic []byte, err error)
	once   sync.Once
	ok     bool // loaded and checked
}

// ready loads and checks the face if it has not been; false when it cannot
// be used.
func (fc *face) ready(log *slog.Logger) bool {
	fc.once.Do(func() {
		if fc.load != nil {
			r, b, i, err := fc.load()
			if err != nil {
				if log != nil {
					log.Warn("report: font skipped", "font", fc.family, "err", err)
				}
				return
			}
			fc.data = [3][]byte{r, b, i}
		}
		if err := fc.parse(); err != nil {
			if log != nil {
				log.Warn("report: font skipped", "font", fc.family, "err", err)
			}
			return
		}
		fc.ok = true
	})
	return fc.ok
}

// parse checks the face's files and reads their tables.
func (fc *face) parse() error {
	for s, data := range fc.data {
		if data == nil {
			continue
		}
		if err := CheckFont(data); err != nil {
			return fmt.Errorf("%s style: %w", []string{"regular", "bold", "italic"}[s], err)
		}
		var err error
		if fc.fonts[s], err = sfnt.Parse(data); err != nil {
			return err
		}
	}
	if fc.fonts[0] == nil {
		return errors.New("no regular style")
	}
	return nil
}

// styles are the fpdf style names by index.
var styles = [3]string{"", "B", "I"}

func styleIndex(s string) int {
	switch s {
	case "B":
		return 1
	case "I":
		return 2
	}
	return 0
}

// embeddedFaces are compiled in: the Go fonts first, then DejaVu Sans
// (regular and bold, 1.4 MB; italic text in its scripts is drawn upright).
var embeddedFaces = []Face{
	{Name: "go", Regular: goregular.TTF, Bold: gobold.TTF, Italic: goitalic.TTF},
	{Name: "dejavusans", Regular: dejavusans.TTF, Bold: dejavusansbold.TTF},
}

// embedded is the chain of the embedded faces alone, for reports made
// without Fonts.
var embedded = sync.OnceValue(func() *Fonts {
	f, err := NewFonts(nil)
	if err != nil {
		panic("report: the embedded fonts do not load: " + err.Error())
	}
	return f
})

// NewFonts returns the embedded faces followed by extra, in that order of
// preference. A character no face has is drawn as U+FFFD and logged once to
// log (when not nil) with the character's code.
func NewFonts(log *slog.Logger, extra ...Face) (*Fonts, error) {
	f := &Fonts{log: log, glyphs: map[styled]glyph{}, missing: map[rune]bool{}}
	seen := map[string]bool{}
	for i, fc := range append(append([]Face(nil), embeddedFaces...), extra...) {
		family := familyName(fc.Name, i)
		for seen[family] {
			family += "x"
		}
		seen[family] = true
		ff := &face{family: family, data: [3][]byte{fc.Regular, fc.Bold, fc.Italic}, load: fc.Load}
		if fc.Load == nil { // given now: checked now
			if err := ff.parse(); err != nil {
				return nil, fmt.Errorf("font %s: %w", fc.Name, err)
			}
			ff.once.Do(func() { ff.ok = true })
		}
		f.faces = append(f.faces, ff)
	}
	return f, nil
}

// familyName is a face's name as fpdf and the PDF's font list show it:
// lower-case letters and digits.
func familyName(name string, i int) string {
	n := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return unicode.ToLower(r)
		}
		return -1
	}, name)
	if n == "" {
		n = fmt.Sprint("face", i)
	}
	return n
}

// Names are the PDF names of the faces, in order of preference.
func (f *Fonts) Names() []string {
	out := make([]string, len(f.faces))
	for i, fc := range f.faces {
		out[i] = fc.family
	}
	return out
}

// Missing are the characters no face could draw so far.
func (f *Fonts) Missing() []rune {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]rune, 0, len(f.missing))
	for r := range f.missing {
		out = append(out, r)
	}
	return out
}

// glyph finds the face that draws r in style s.
func (f *Fonts) glyph(r rune, s int) glyph {
	k := styled{r, s}
	f.mu.Lock()
	g, ok := f.glyphs[k]
	f.mu.Unlock()
	if ok {
		return g
	}
	g = glyph{face: -1}
	var b sfnt.Buffer
	for i, fc := range f.faces {
		if !fc.ready(f.log) {
			continue
		}
		if w, ok := advance(&b, fc.font(s), r); ok {
			g = glyph{face: i, w: w, outline: r > 0xFFFF}
			break
		}
	}
	f.mu.Lock()
	f.glyphs[k] = g
	f.mu.Unlock()
	return g
}

// noteMissing records that r could not be drawn, logging it the first time.
func (f *Fonts) noteMissing(r rune) {
	f.mu.Lock()
	first := !f.missing[r]
	f.missing[r] = true
	f.mu.Unlock()
	if first && f.log != nil {
		f.log.Warn("report: no font has this character; it is drawn as U+FFFD (add a font with --report-fonts)",
			"char", fmt.Sprintf("U+%04X", r))
	}
}

// font is the face's font for style s, or its regular one.
func (fc *face) font(s int) *sfnt.Font {
	if fc.fonts[s] != nil {
		return fc.fonts[s]
	}
	return fc.fonts[0]
}

// outline is the outline of r in a face and style, in font units (26.6
// fixed point, y down), and the face's units per em.
func (f *Fonts) outline(face, s int, r rune) (sfnt.Segments, int) {
	sf := f.faces[face].font(s)
	var b sfnt.Buffer
	x, err := sf.GlyphIndex(&b, r)
	if err != nil || x == 0 {
		return nil, 0
	}
	upem := int(sf.UnitsPerEm())
	segs, err := sf.LoadGlyph(nil, x, fixed.Int26_6(upem<<6), nil)
	if err != nil {
		return nil, 0
	}
	return segs, upem
}

// advance is the advance width of r in f, in thousandths of an em, rounded
// as fpdf rounds the widths it writes; false when f has no glyph for r.
func advance(b *sfnt.Buffer, f *sfnt.Font, r rune) (float64, bool) {
	x, err := f.GlyphIndex(b, r)
	if err != nil || x == 0 {
		return 0, false
	}
	upem := f.UnitsPerEm()
	a, err := f.GlyphAdvance(b, x, fixed.Int26_6(upem)<<6, font.HintingNone)
	if err != nil {
		return 0, false
	}
	return math.Round(float64(a) / 64 * 1000 / float64(upem)), true
}

// CheckFont tells whether fpdf can embed a font file: TrueType outlines
// (glyf), not CFF (OpenType .otf) nor a collection (.ttc), with a Unicode
// character map of format 4, the only one fpdf reads.
func CheckFont(data []byte) error {
	if len(data) < 12 {
		return errors.New("not a font file")
	}
	switch tag := string(data[:4]); {
	case tag == "OTTO":
		return errors.New("CFF (PostScript) outlines, which fpdf cannot embed: use a TrueType (glyf) font")
	case tag == "ttcf":
		return errors.New("a font collection (.ttc), which fpdf cannot embed: use a single TrueType font")
	case tag != "\x00\x01\x00\x00" && tag != "true":
		return errors.New("not a TrueType font file")
	}
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return errors.New("truncated table directory")
		}
		off, size := binary.BigEndian.Uint32(data[rec+8:]), binary.BigEndian.Uint32(data[rec+12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return fmt.Errorf("table %q lies outside the file", data[rec:rec+4])
		}
		tables[string(data[rec:rec+4])] = data[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf", "post", "name"} {
		if _, ok := tables[t]; !ok {
			return fmt.Errorf("no %q table: fpdf embeds only TrueType (glyf) fonts", t)
		}
	}
	if name := tables["name"]; len(name) < 2 || name[0] != 0 || name[1] != 0 {
		return errors.New("a name table of a format other than 0, which fpdf does not read")
	}
	cmap := tables["cmap"]
	if len(cmap) < 4 {
		return errors.New("truncated cmap table")
	}
	for i := 0; i < int(binary.BigEndian.Uint16(cmap[2:])); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if (platform == 3 && encoding == 1 || platform == 0) && off+2 <= len(cmap) &&
			bytes.Equal(cmap[off:off+2], []byte{0, 4}) {
			return nil
		}
	}
	return errors.New("no Unicode character map of format 4, the only one fpdf reads")
}
