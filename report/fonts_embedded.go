package report

import (
	"sync"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/wat-dev/wat/report/fallbackfont"
)

// embeddedFaces are compiled in and come first: the Go fonts, then DejaVu
// Sans (regular and bold, 1.4 MB; italic text in its scripts is drawn
// upright).
var embeddedFaces = []Face{
	{Name: "go", Regular: goregular.TTF, Bold: gobold.TTF, Italic: goitalic.TTF},
	{Name: "dejavusans", Regular: dejavusans.TTF, Bold: dejavusansbold.TTF},
}

// fallbackFaces are the fallback fonts compiled in, after the operator's:
// each is decompressed the first time a character asks for it, so a report
// without those scripts costs nothing more.
func fallbackFaces() []Face {
	var out []Face
	for _, f := range fallbackfont.All() {
		out = append(out, Face{Name: f.Name, Load: func() (r, b, i []byte, err error) {
			r, err = f.TTF()
			return r, nil, nil, err
		}})
	}
	return out
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
