// Package fontdir finds the report fonts on disk: in the directories the
// operator names (wat's --report-fonts, WAT_REPORT_FONTS), whose faces come
// before the fonts embedded in the binary, and where Debian's font packages
// install them, whose faces come after (report/fonts.go says why). Files
// are only looked at here; a face is read the first time a report needs
// one of its characters.
package fontdir

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wat-dev/wat/report"
)

// Known is a face of a Debian font package, looked for where the package
// installs it.
type Known struct {
	Package string // the Debian package
	Regular string
	Bold    string // "" when the package has none
	Covers  string // what it is there for
}

// Debian is where Debian installs TrueType fonts: the directory
// Wellknown's paths are in.
const Debian = "/usr/share/fonts/truetype"

// Wellknown are the faces searched after the fonts embedded in the binary,
// in this order: a character is drawn with the first that has it. Chinese,
// Japanese, Korean and Thai are not looked for: the binary has them.
var Wellknown = []Known{
	noto("Devanagari", "Hindi, Marathi, Nepali"), noto("Bengali", "Bengali"), noto("Gurmukhi", "Punjabi"),
	noto("Gujarati", "Gujarati"), noto("Oriya", "Odia"), noto("Tamil", "Tamil"), noto("Telugu", "Telugu"),
	noto("Kannada", "Kannada"), noto("Malayalam", "Malayalam"), noto("Sinhala", "Sinhala"),
	noto("Lao", "Lao"), noto("Khmer", "Khmer"), noto("Myanmar", "Burmese"),
	noto("Ethiopic", "Amharic, Tigrinya"), noto("", "Latin, Greek, Cyrillic extensions"),
	{Package: "fonts-noto-core", Regular: "noto/NotoSansSymbols-Regular.ttf", Bold: "noto/NotoSansSymbols-Bold.ttf", Covers: "symbols"},
	{Package: "fonts-noto-core", Regular: "noto/NotoSansSymbols2-Regular.ttf", Covers: "symbols"},
	{Package: "fonts-symbola", Regular: "ancient-scripts/Symbola_hint.ttf", Covers: "symbols and emoji the embedded fonts lack"},
}

// Sources say where Load and Found look for fonts.
type Sources struct {
	// Dirs are the operator's directories, searched in order. Their faces
	// come before the fallback fonts embedded in the binary, so that the
	// operator decides how Chinese, Japanese, Korean or Thai look.
	Dirs []string
	// System is the directory the Wellknown faces are looked for in
	// (Debian), or "" to look for none: the PDF then depends on the binary
	// and Dirs alone.
	System string
}

func noto(script, covers string) Known {
	name := "NotoSans" + script
	return Known{Package: "fonts-noto-core", Regular: "noto/" + name + "-Regular.ttf", Bold: "noto/" + name + "-Bold.ttf", Covers: covers}
}

// Load returns the report fonts: the Go fonts and DejaVu Sans, every
// TrueType font in src.Dirs (in name order, bold and italic files joined to
// their regular one by name), the fallback fonts embedded, then the
// Wellknown faces installed in src.System (report.NewFonts keeps that
// order). A directory that cannot be read is an error; a file that is no
// TrueType font is skipped and logged. Missing characters are logged to log.
func Load(log *slog.Logger, src Sources) (*report.Fonts, error) {
	var faces []report.Face
	seen := map[string]bool{}
	for _, dir := range src.Dirs {
		fs, err := inDir(log, dir)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			seen[f.files[0]] = true
			faces = append(faces, f.face())
		}
	}
	for _, k := range installed(src.System) {
		r, b := filepath.Join(src.System, k.Regular), ""
		if seen[r] {
			continue
		}
		if k.Bold != "" && exists(filepath.Join(src.System, k.Bold)) {
			b = filepath.Join(src.System, k.Bold)
		}
		seen[r] = true
		f := found{name: strings.TrimSuffix(strings.TrimSuffix(filepath.Base(r), ".ttf"), "-Regular"), files: [3]string{r, b, ""}}.face()
		f.Installed = true
		faces = append(faces, f)
	}
	return report.NewFonts(log, faces...)
}

// installed are the Wellknown faces whose regular file is in dir.
func installed(dir string) []Known {
	if dir == "" {
		return nil
	}
	var out []Known
	for _, k := range Wellknown {
		if exists(filepath.Join(dir, k.Regular)) {
			out = append(out, k)
		}
	}
	return out
}

// Found lists the files Load would use beyond the embedded fonts, for
// wat's start-up log.
func Found(log *slog.Logger, src Sources) ([]string, error) {
	var out []string
	for _, dir := range src.Dirs {
		fs, err := inDir(log, dir)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			out = append(out, f.files[0])
		}
	}
	for _, k := range installed(src.System) {
		out = append(out, filepath.Join(src.System, k.Regular))
	}
	return out, nil
}

// found is a face on disk: its regular, bold and italic files.
type found struct {
	name  string
	files [3]string
}

func (f found) face() report.Face {
	return report.Face{Name: f.name, Load: func() (r, b, i []byte, err error) {
		var data [3][]byte
		for s, path := range f.files {
			if path == "" {
				continue
			}
			if data[s], err = os.ReadFile(path); err != nil {
				return nil, nil, nil, err
			}
		}
		return data[0], data[1], data[2], nil
	}}
}

// styleSuffixes name a file's style after its face's name.
var styleSuffixes = []struct {
	suffix string
	style  int
}{
	{"-bolditalic", -1}, {"-boldoblique", -1}, {"bolditalic", -1},
	{"-regular", 0}, {"-bold", 1}, {"bold", 1}, {"-italic", 2}, {"-oblique", 2}, {"italic", 2},
}

// inDir groups the TrueType fonts of dir into faces, in name order.
func inDir(log *slog.Logger, dir string) ([]found, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("report fonts: %w", err)
	}
	byName := map[string]*found{}
	var names []string
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".ttf" && ext != ".otf" && ext != ".ttc") {
			continue
		}
		if err := header(path); err != nil {
			if log != nil {
				log.Warn("report fonts: file skipped", "file", path, "err", err)
			}
			continue
		}
		base := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		name, style := base, 0
		for _, s := range styleSuffixes {
			if strings.HasSuffix(strings.ToLower(base), s.suffix) {
				name, style = base[:len(base)-len(s.suffix)], s.style
				break
			}
		}
		if style < 0 {
			continue // bold italic: reports use none
		}
		f := byName[name]
		if f == nil {
			f = &found{name: name}
			byName[name] = f
			names = append(names, name)
		}
		f.files[style] = path
	}
	sort.Strings(names)
	var out []found
	for _, n := range names {
		f := byName[n]
		if f.files[0] == "" { // only bold or italic files: the first stands in as regular
			for _, p := range f.files {
				if p != "" {
					f.files = [3]string{p}
					break
				}
			}
		}
		out = append(out, *f)
	}
	return out, nil
}

// header refuses, from a file's first bytes, the fonts fpdf cannot embed
// (OpenType CFF, collections); the whole file is checked when first used.
func header(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	b := make([]byte, 12)
	if _, err := io.ReadFull(f, b); err != nil {
		return fmt.Errorf("not a font file")
	}
	switch string(b[:4]) {
	case "OTTO":
		return fmt.Errorf("CFF (PostScript) outlines, which fpdf cannot embed: use a TrueType (glyf) font")
	case "ttcf":
		return fmt.Errorf("a font collection (.ttc), which fpdf cannot embed: use a single TrueType font")
	case "\x00\x01\x00\x00", "true":
		return nil
	}
	return fmt.Errorf("not a TrueType font file")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
