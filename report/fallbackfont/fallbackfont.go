// Package fallbackfont holds the fonts compiled into wat for the scripts
// the Go fonts and DejaVu Sans lack: Korean (Hangul from NanumGothic),
// Chinese and Japanese (Droid Sans Fallback), Thai (Noto Sans Thai) and
// emoji (Noto Emoji), so that a report draws them on a machine with no
// font installed. README.md says where each file comes from and under
// which licence; build.sh makes them again, byte for byte.
//
// The files are gzipped (3.1 MB in the binary instead of 6.3 MB) and each is
// decompressed once per process, the first time it is asked for: a report
// in Latin script never pays for them.
package fallbackfont

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"sync"
)

//go:embed *.ttf.gz
var files embed.FS

// Font is one of the package's TrueType fonts, regular style only: bold
// text in these scripts is drawn in the regular weight.
type Font struct {
	// Name names the font in a PDF.
	Name string
	// Covers says what the font is there for.
	Covers string
	// TTF returns the font file, decompressed on the first call. Every
	// caller shares the bytes: they must not be changed.
	TTF func() ([]byte, error)
}

// fonts are the package's files in the order a report should try them.
// Hangul comes before Droid Sans Fallback, which has a few Hangul syllables
// and jamo of its own: a Korean word is then drawn in one design. The
// Hangul subset holds nothing but Hangul and two brackets Droid lacks, so
// it takes no Han or kana away from Droid.
var fonts = []Font{
	{Name: "fallbackhangul", Covers: "Korean (Hangul)", TTF: unzip("FallbackHangul.ttf.gz")},
	{Name: "droidsansfallbackfull", Covers: "Chinese, Japanese (Han, kana)", TTF: unzip("DroidSansFallbackFull.ttf.gz")},
	{Name: "notosansthai", Covers: "Thai", TTF: unzip("NotoSansThai-Regular.ttf.gz")},
	{Name: "notoemoji", Covers: "emoji, drawn in outline", TTF: unzip("NotoEmoji-Regular.ttf.gz")},
}

// All returns the fonts, in the order a report should try them.
func All() []Font {
	return append([]Font(nil), fonts...)
}

// unzip returns a function decompressing the embedded file name once.
func unzip(name string) func() ([]byte, error) {
	return sync.OnceValues(func() ([]byte, error) {
		gz, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		r, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, fmt.Errorf("fallback font %s: %w", name, err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("fallback font %s: %w", name, err)
		}
		return data, nil
	})
}
