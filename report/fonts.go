package report

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A PDF draws each character with the first typeface of its Fonts that has
// a glyph for it, in this order:
//
//  1. the Go fonts (Latin, Greek, Cyrillic) and DejaVu Sans (Hebrew, Arabic
//     with its presentation forms, Armenian, Georgian, symbols), embedded;
//  2. the faces the operator chooses (wat's --report-fonts), which may draw
//     any script below in a design of their choosing;
//  3. the fallback fonts, embedded too (package fallbackfont: Korean,
//     Chinese, Japanese, Thai, emoji), so that a report on a machine with
//     no font installed loses none of the scripts people type;
//  4. the faces installed on the machine (Face.Installed: Debian's font
//     packages), for the scripts the binary has no font for (Indic,
//     Ethiopic, Khmer…). They come after the fallback fonts so that the
//     same binary draws the same PDF on every machine wherever it can.
//
// Only the faces a document uses are embedded in it, and only the glyphs
// it uses.

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
	// Installed marks a face found on the machine rather than chosen by
	// the operator: it is tried after the embedded fallback fonts.
	Installed bool
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

// NewFonts returns the chain of faces in the order of preference the
// comment atop this file gives: the Go fonts and DejaVu Sans, the faces of
// extra not Installed, the fallback fonts, then the Installed faces of
// extra (each group in the order given). A character no face has is drawn as
// U+FFFD and logged once to log (when not nil) with the character's code.
func NewFonts(log *slog.Logger, extra ...Face) (*Fonts, error) {
	chain := append([]Face(nil), embeddedFaces...)
	for _, fc := range extra {
		if !fc.Installed {
			chain = append(chain, fc)
		}
	}
	chain = append(chain, fallbackFaces()...)
	for _, fc := range extra {
		if fc.Installed {
			chain = append(chain, fc)
		}
	}
	f := &Fonts{log: log, glyphs: map[styled]glyph{}, missing: map[rune]bool{}}
	seen := map[string]bool{}
	for i, fc := range chain {
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
