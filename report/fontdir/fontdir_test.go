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

// TestLoad: a directory's TrueType fonts come after the embedded ones, bold
// files joined to their regular one by name; fonts fpdf cannot embed are
// skipped; a directory that cannot be read is an error.
func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"Custom-Regular.ttf": goregular.TTF,
		"Custom-Bold.ttf":    gobold.TTF,
		"Mono.ttf":           gomono.TTF,
		"Outlines.otf":       append([]byte("OTTO"), make([]byte, 64)...),
		"Collection.ttc":     append([]byte("ttcf"), make([]byte, 64)...),
		"README.txt":         []byte("not a font"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	fonts, err := fontdir.Load(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	names := fonts.Names()
	if len(names) < 4 || !slices.Equal(names[:4], []string{"go", "dejavusans", "custom", "mono"}) {
		t.Errorf("faces %v, want go, dejavusans, custom, mono first", names)
	}
	found, err := fontdir.Found(nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) < 2 || filepath.Base(found[0]) != "Custom-Regular.ttf" || filepath.Base(found[1]) != "Mono.ttf" {
		t.Errorf("Found = %v, want Custom-Regular.ttf and Mono.ttf first", found)
	}
	if _, err := fontdir.Load(nil, filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing directory did not fail")
	}
}
