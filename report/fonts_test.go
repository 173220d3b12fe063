package report_test

import (
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/wat-dev/wat/report"
)

// TestCheckFont: only what fpdf can embed passes — TrueType outlines with a
// format 4 Unicode character map — and each refusal says why.
func TestCheckFont(t *testing.T) {
	t.Parallel()
	if err := report.CheckFont(goregular.TTF); err != nil {
		t.Errorf("the Go font: %v", err)
	}
	noCmap4 := append([]byte(nil), goregular.TTF...)
	for i := 0; i+4 <= len(noCmap4); i++ { // rename the cmap table
		if string(noCmap4[i:i+4]) == "cmap" {
			copy(noCmap4[i:], "xmap")
			break
		}
	}
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"CFF":        {append([]byte("OTTO"), make([]byte, 64)...), "CFF"},
		"collection": {append([]byte("ttcf"), make([]byte, 64)...), "collection"},
		"not a font": {[]byte("%PDF-1.4 something else"), "not a TrueType font"},
		"empty":      {nil, "not a font file"},
		"truncated":  {goregular.TTF[:200], "outside the file"},
		"no cmap":    {noCmap4, `no "cmap" table`},
	} {
		err := report.CheckFont(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: CheckFont = %v, want an error saying %q", name, err, c.want)
		}
	}
	if _, err := report.NewFonts(nil, report.Face{Name: "bad", Regular: []byte("OTTO0000000000")}); err == nil {
		t.Error("NewFonts took a CFF font")
	}
}
