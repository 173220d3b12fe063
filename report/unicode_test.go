package report_test

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/wat-dev/wat/report"
	"github.com/wat-dev/wat/report/fallbackfont"
	"github.com/wat-dev/wat/report/fontdir"
)

// Text in the scripts users type, as a workload's name, notes and lens
// notes. Right-to-left text is checked word by word: pdftotext gives each
// right-to-left word in logical order (it reverses runs of RTL glyphs
// itself, and wraps them in U+202B…U+202C), but a right-to-left line's
// words in visual order, left to right; Arabic comes back as presentation
// forms, which NFKC turns into the letters typed (and Thai's SARA AM into
// the two characters it stands for, so both sides are normalised). The
// binary has a font for each of them.
var scripts = []struct {
	name, text string
	byWord     bool // checked word by word
}{
	{"Cyrillic", "Платёжная система, резервное копирование", false},
	{"Greek", "Σύστημα πληρωμών και αντίγραφα", false},
	{"Hebrew", "מערכת התשלומים גיבוי יומי", true},
	{"Arabic", "نظام الدفع والنسخ الاحتياطي اليومي لا", true},
	{"Chinese", "支付平台的架构评审和每日备份", false},
	{"Japanese", "決済システムのバックアップ、ひらがなとカタカナ", false},
	{"Korean", "결제 시스템 일일 백업", false},
	{"Thai", "ระบบการชำระเงิน", false},
	{"symbols", "✓ ★ ☀ ✈ ✅", true}, // pdftotext drops the spaces between them
}

// plainText is extracted text made comparable: NFKC (Arabic presentation
// forms back to letters), without bidi embedding marks.
func plainText(s string) string {
	s = strings.NewReplacer("\u202B", " ", "\u202C", " ", "\u202A", " ").Replace(s)
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// wantScripts checks that every script's text came back from the PDF.
func wantScripts(t *testing.T, text string) {
	t.Helper()
	text = plainText(text)
	for _, s := range scripts {
		want := []string{s.text}
		if s.byWord {
			want = strings.Fields(s.text)
		}
		for _, w := range want {
			if !strings.Contains(text, plainText(w)) {
				t.Errorf("%s: the PDF's text lacks %q", s.name, w)
			}
		}
	}
}

// pdfFonts lists the names of the fonts pdffonts finds embedded.
func pdfFonts(t *testing.T, pdf []byte) map[string]bool {
	t.Helper()
	out, err := exec.Command(needTool(t, "pdffonts"), pdfFile(t, pdf)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	fonts := map[string]bool{}
	for _, l := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 5 {
			if f[len(f)-5] != "yes" { // emb
				t.Errorf("font %s is not embedded", f[0])
			}
			fonts[f[0]] = true
		}
	}
	return fonts
}

// unicodeReview is the full review with every script in the workload's
// name, its notes and the lens notes, and emoji beyond U+FFFF.
func unicodeReview(t *testing.T) *report.LensReview {
	var texts []string
	for _, s := range scripts {
		texts = append(texts, s.text)
	}
	r := fullReview(t, strings.Join(texts, "\n"))
	r.Workload.Name = "Платёжная система — מערכת — نظام — 支付平台 — 결제 — ระบบ"
	r.Notes += "\nemoji 🚀 👍🏽 end"
	return r
}

// TestUnicodeEmbeddedFonts: with the fonts in the binary alone, as on a
// machine with none installed, every script reads back as typed, the
// fonts that drew it are embedded, no character is missing, an emoji
// beyond U+FFFF is drawn (as an outline) and the pages render.
func TestUnicodeEmbeddedFonts(t *testing.T) {
	t.Parallel()
	logs := &records{}
	fonts, err := report.NewFonts(slog.New(logs)) // no font from disk
	if err != nil {
		t.Fatal(err)
	}
	r := unicodeReview(t)
	r.Fonts = fonts
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	wantScripts(t, text)
	if strings.Contains(text, "\uFFFD") {
		t.Errorf("a character was drawn as U+FFFD: missing %q", fonts.Missing())
	}
	if !strings.Contains(text, "emoji end") {
		t.Error("the emoji line is not in the text") // outlines are not text: the words around them are
	}
	got := pdfFonts(t, pdf)
	for _, f := range []string{"utf8go", "utf8goB", "utf8dejavusans", "utf8dejavusansB",
		"utf8fallbackhangul", "utf8droidsansfallbackfull", "utf8notosansthai", "utf8notoemoji"} {
		if !got[f] {
			t.Errorf("pdffonts lacks %s: %v", f, got)
		}
	}
	if n := logs.count(); n != 0 {
		t.Errorf("%d warnings logged, want none", n)
	}
	renderPages(t, pdf)
}

// TestUnicodeReportFontsFirst: a font of the operator's directory
// (--report-fonts) draws what it has before the fonts embedded for the
// same script: here Chinese and Japanese, with a copy of the embedded
// Droid Sans Fallback under another name, which the PDF then embeds
// instead.
func TestUnicodeReportFontsFirst(t *testing.T) {
	t.Parallel()
	var cjk []byte
	for _, f := range fallbackfont.All() {
		if f.Name == "droidsansfallbackfull" {
			var err error
			if cjk, err = f.TTF(); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Chosen-Regular.ttf"), cjk, 0o600); err != nil {
		t.Fatal(err)
	}
	fonts, err := fontdir.Load(nil, fontdir.Sources{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	r := fullReview(t, "支付平台的架构评审 決済システムのバックアップ 결제")
	r.Fonts = fonts
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "支付平台的架构评审 決済システムのバックアップ 결제") {
		t.Error("the CJK text does not read back")
	}
	got := pdfFonts(t, pdf)
	if !got["utf8chosen"] || got["utf8droidsansfallbackfull"] || !got["utf8fallbackhangul"] {
		t.Errorf("fonts %v: want the operator's (utf8chosen) for Han and kana, the embedded one for Hangul only", got)
	}
}

// TestUnicodeSystemFonts: a script the binary has no font for (Ethiopic)
// is drawn with the face Debian's fonts-noto-core installs, found where
// Debian puts it. Without the package the test is skipped, except in CI
// (CI set), where it fails: make test installs it.
func TestUnicodeSystemFonts(t *testing.T) {
	t.Parallel()
	const ethiopic = "noto/NotoSansEthiopic-Regular.ttf"
	if _, err := os.Stat(filepath.Join(fontdir.Debian, ethiopic)); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the report tests need Debian's fonts-noto-core in CI (make test installs it): %v", err)
		}
		t.Skip("fonts missing: apt-get install fonts-noto-core (or run make test)")
	}
	logs := &records{}
	fonts, err := fontdir.Load(slog.New(logs), fontdir.Sources{System: fontdir.Debian})
	if err != nil {
		t.Fatal(err)
	}
	r := fullReview(t, "ሰላም ለዓለም — 支付平台")
	r.Fonts = fonts
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "ሰላም ለዓለም — 支付平台") || strings.Contains(text, "\uFFFD") {
		t.Errorf("the Ethiopic and Chinese text does not read back whole: missing %q", fonts.Missing())
	}
	got := pdfFonts(t, pdf)
	if !got["utf8notosansethiopic"] || !got["utf8droidsansfallbackfull"] {
		t.Errorf("fonts %v: want Debian's Noto Sans Ethiopic and the embedded Droid Sans Fallback", got)
	}
	if n := logs.count(); n != 0 {
		t.Errorf("%d warnings logged, want none", n)
	}
}

// TestMissingCharacters: a character no font has is drawn as U+FFFD,
// counted, and logged once however often it appears.
func TestMissingCharacters(t *testing.T) {
	t.Parallel()
	logs := &records{}
	fonts, err := report.NewFonts(slog.New(logs))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		r := fullReview(t, "private use \uE000 and \uE000 again")
		r.Fonts = fonts
		pdf, err := r.PDF()
		if err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, pdf); !strings.Contains(text, "private use \uFFFD and \uFFFD again") {
			t.Error("the missing character is not drawn as U+FFFD")
		}
	}
	if m := fonts.Missing(); len(m) != 1 || m[0] != '\uE000' {
		t.Errorf("Missing() = %q, want [U+E000]", m)
	}
	if n := logs.count(); n != 1 {
		t.Errorf("%d warnings logged, want 1", n)
	}
}

// records counts the log records it is given.
type records struct {
	mu sync.Mutex
	n  int
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) Handle(context.Context, slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	return nil
}
func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }
func (r *records) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// BenchmarkLensReviewPDFUnicode renders the full review with every script
// in its notes (57 questions, each noted), with the fonts in the binary:
// the cost of the layout and of embedding the CJK, Korean and Thai fonts.
func BenchmarkLensReviewPDFUnicode(b *testing.B) {
	var texts []string
	for _, s := range scripts {
		texts = append(texts, s.text)
	}
	r := fullReview(b, strings.Join(texts, " "))
	fonts, err := fontdir.Load(nil, fontdir.Sources{})
	if err != nil {
		b.Fatal(err)
	}
	r.Fonts = fonts
	size := 0
	for b.Loop() {
		pdf, err := r.PDF()
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "KiB/op")
}
