package report_test

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/wat-dev/wat/report"
	"github.com/wat-dev/wat/report/fontdir"
)

// Text in the scripts users type, as a workload's name, notes and lens
// notes. Right-to-left text is checked word by word: pdftotext gives each
// right-to-left word in logical order (it reverses runs of RTL glyphs
// itself, and wraps them in U+202B…U+202C), but a right-to-left line's
// words in visual order, left to right; Arabic comes back as presentation
// forms, which NFKC turns into the letters typed (and Thai's SARA AM into
// the two characters it stands for, so both sides are normalised).
var scripts = []struct {
	name, text string
	byWord     bool // checked word by word
	system     bool // needs a font from Debian's packages
}{
	{"Cyrillic", "Платёжная система, резервное копирование", false, false},
	{"Greek", "Σύστημα πληρωμών και αντίγραφα", false, false},
	{"Hebrew", "מערכת התשלומים גיבוי יומי", true, false},
	{"Arabic", "نظام الدفع والنسخ الاحتياطي اليومي لا", true, false},
	{"Chinese", "支付平台的架构评审和每日备份", false, true},
	{"Japanese", "決済システムのバックアップ、ひらがなとカタカナ", false, true},
	{"Korean", "결제 시스템 일일 백업", false, true},
	{"Thai", "ระบบการชำระเงิน", false, true},
	{"symbols", "✓ ★ ☀ ✈ ✅", true, true}, // pdftotext drops the spaces between them
}

// plainText is extracted text made comparable: NFKC (Arabic presentation
// forms back to letters), without bidi embedding marks.
func plainText(s string) string {
	s = strings.NewReplacer("\u202B", " ", "\u202C", " ", "\u202A", " ").Replace(s)
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// wantScripts checks that every script's text came back from the PDF.
func wantScripts(t *testing.T, text string, system bool) {
	t.Helper()
	text = plainText(text)
	for _, s := range scripts {
		if s.system && !system {
			continue
		}
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
// name, its notes and the lens notes.
func unicodeReview(t *testing.T, system bool) *report.LensReview {
	var texts []string
	for _, s := range scripts {
		if !s.system || system {
			texts = append(texts, s.text)
		}
	}
	r := fullReview(t, strings.Join(texts, "\n"))
	r.Workload.Name = "Платёжная система — מערכת — نظام"
	if system {
		r.Workload.Name += " — 支付平台 — 결제"
	}
	return r
}

// TestUnicodeEmbeddedFonts: with the embedded fonts alone, Cyrillic, Greek,
// Hebrew and Arabic read back as typed, DejaVu Sans is embedded for the
// last two, and CJK shows as U+FFFD.
func TestUnicodeEmbeddedFonts(t *testing.T) {
	t.Parallel()
	r := unicodeReview(t, false)
	r.Notes += "\n日本語"
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	wantScripts(t, text, false)
	if !strings.Contains(text, "\uFFFD") || strings.Contains(text, "日") {
		t.Error("CJK without a font does not show as U+FFFD")
	}
	fonts := pdfFonts(t, pdf)
	for _, f := range []string{"utf8go", "utf8goB", "utf8dejavusans", "utf8dejavusansB"} {
		if !fonts[f] {
			t.Errorf("pdffonts lacks %s: %v", f, fonts)
		}
	}
	renderPages(t, pdf)
}

// systemFonts loads the report fonts Debian's packages install; without
// them the test is skipped, except in CI (CI set), where it fails: make
// test installs them.
func systemFonts(t *testing.T, log *slog.Logger) *report.Fonts {
	t.Helper()
	var missing []string
	for _, k := range fontdir.Wellknown {
		switch k.Package {
		case "fonts-droid-fallback", "fonts-nanum", "fonts-symbola":
		default:
			if !strings.Contains(k.Regular, "Thai") {
				continue
			}
		}
		if _, err := os.Stat("/usr/share/fonts/truetype/" + k.Regular); err != nil {
			missing = append(missing, k.Package)
		}
	}
	if len(missing) > 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("fonts missing: the report tests need Debian's %s in CI (make test installs them)", strings.Join(missing, " "))
		}
		t.Skipf("fonts missing: apt-get install %s (or run make test)", strings.Join(missing, " "))
	}
	fonts, err := fontdir.Load(log)
	if err != nil {
		t.Fatal(err)
	}
	return fonts
}

// TestUnicodeSystemFonts: with Debian's fonts, every script reads back
// from the PDF, the fonts that drew it are embedded, no character is
// missing, an emoji beyond U+FFFF is drawn (as an outline) and the pages
// render.
func TestUnicodeSystemFonts(t *testing.T) {
	t.Parallel()
	logs := &records{}
	r := unicodeReview(t, true)
	r.Fonts = systemFonts(t, slog.New(logs))
	r.Notes += "\nemoji 🚀 👍🏽 end"
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	wantScripts(t, text, true)
	if strings.Contains(text, "\uFFFD") {
		t.Errorf("a character was drawn as U+FFFD: missing %q", r.Fonts.Missing())
	}
	if !strings.Contains(text, "emoji end") {
		t.Error("the emoji line is not in the text") // outlines are not text: the words around them are
	}
	fonts := pdfFonts(t, pdf)
	for _, f := range []string{"utf8go", "utf8dejavusans", "utf8droidsansfallbackfull", "utf8nanumgothic", "utf8notosansthai", "utf8symbolahint"} {
		if !fonts[f] {
			t.Errorf("pdffonts lacks %s: %v", f, fonts)
		}
	}
	if n := logs.count(); n != 0 {
		t.Errorf("%d warnings logged, want none", n)
	}
	renderPages(t, pdf)
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
// in its notes (57 questions, each noted), with Debian's fonts: the cost
// of the layout and of embedding the CJK, Korean and Thai fonts.
func BenchmarkLensReviewPDFUnicode(b *testing.B) {
	var texts []string
	for _, s := range scripts {
		texts = append(texts, s.text)
	}
	r := fullReview(b, strings.Join(texts, " "))
	fonts, err := fontdir.Load(nil)
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
