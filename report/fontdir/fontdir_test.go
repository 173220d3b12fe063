package fontdir_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/wat-dev/wat/report/fontdir"
)

// writeFonts writes files (name: content) under dir.
func writeFonts(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLoad: the operator's directory's TrueType fonts come after the Go
// fonts and DejaVu Sans and before the embedded fallback fonts, bold files
// joined to their regular one by name; the Wellknown faces installed come
// last; fonts fpdf cannot embed are skipped; a directory that cannot be
// read is an error.
func TestLoad(t *testing.T) {
	t.Parallel()
	dir, system := t.TempDir(), t.TempDir()
	writeFonts(t, dir, map[string][]byte{
		"Custom-Regular.ttf": goregular.TTF,
		"Custom-Bold.ttf":    gobold.TTF,
		"Mono.ttf":           gomono.TTF,
		"Outlines.otf":       append([]byte("OTTO"), make([]byte, 64)...),
		"Collection.ttc":     append([]byte("ttcf"), make([]byte, 64)...),
		"README.txt":         []byte("not a font"),
	})
	writeFonts(t, system, map[string][]byte{"noto/NotoSansEthiopic-Regular.ttf": goregular.TTF})
	src := fontdir.Sources{Dirs: []string{dir}, System: system}
	fonts, err := fontdir.Load(nil, src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"go", "dejavusans", "custom", "mono",
		"fallbackhangul", "droidsansfallbackfull", "notosansthai", "notoemoji", "notosansethiopic"}
	if names := fonts.Names(); !slices.Equal(names, want) {
		t.Errorf("faces %v, want %v", names, want)
	}
	found, err := fontdir.Found(nil, src)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "Custom-Regular.ttf"), filepath.Join(dir, "Mono.ttf"),
		filepath.Join(system, "noto/NotoSansEthiopic-Regular.ttf")}; !slices.Equal(found, want) {
		t.Errorf("Found = %v, want %v", found, want)
	}
	if _, err := fontdir.Load(nil, fontdir.Sources{Dirs: []string{filepath.Join(dir, "missing")}}); err == nil {
		t.Error("Load of a missing directory did not fail")
	}
}

// TestLoadNoSystem: with no System directory, nothing beyond the embedded
// fonts and the operator's is looked for, whatever the machine has.
func TestLoadNoSystem(t *testing.T) {
	t.Parallel()
	fonts, err := fontdir.Load(nil, fontdir.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"go", "dejavusans", "fallbackhangul", "droidsansfallbackfull", "notosansthai", "notoemoji"}
	if names := fonts.Names(); !slices.Equal(names, want) {
		t.Errorf("faces %v, want %v", names, want)
	}
	if found, err := fontdir.Found(nil, fontdir.Sources{}); err != nil || len(found) != 0 {
		t.Errorf("Found = %v, %v; want nothing", found, err)
	}
}
