package report_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/report"
)

// TestLensReviewPDF checks that the PDF of a fully answered review shows
// every question, answer, note and count, and that its pages render.
func TestLensReviewPDF(t *testing.T) {
	t.Parallel()
	r := fullReview(t, "Reviewed with the payments team on site.")
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	want := []string{
		r.Workload.Name, r.Workload.Description, r.Workload.ReviewOwner, "eu-west-1, eu-central-1", "Financial Services",
		r.Lens.Name + ", version " + r.Lens.Version, "Generated 14 March 2026, 09:26 UTC",
		fmt.Sprintf("High risks: %d Medium risks: %d No improvements: %d Not applicable: %d Unanswered: %d",
			r.RiskCounts[wat.RiskHigh], r.RiskCounts[wat.RiskMedium], r.RiskCounts[wat.RiskNone], r.RiskCounts[wat.RiskNotApplicable], r.RiskCounts[wat.RiskUnanswered]),
		"Contents", "Risk summary", "Improvement plan", "Lens notes", "None of these.", "Question not applicable. Reason: out of scope",
		"(reason: business priorities)", "Decided in the 2025 review",
	}
	for _, p := range r.Pillars {
		want = append(want, p.Name, fmt.Sprintf("%d high", p.RiskCounts[wat.RiskHigh]), fmt.Sprintf("%d medium", p.RiskCounts[wat.RiskMedium]))
		for _, q := range p.Questions {
			want = append(want, q.Title)
			for _, c := range q.Selected {
				want = append(want, c.Title)
			}
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if n := strings.Count(text, r.Notes); n < 57 {
		t.Errorf("the notes appear %d times, want at least once per question (57)", n)
	}
	pages := renderPages(t, pdf)
	if pages < 10 {
		t.Errorf("pdftoppm rendered %d pages, want the whole report", pages)
	}
	if !strings.Contains(text, fmt.Sprintf("Page %d of %d", pages, pages)) {
		t.Errorf("the last page is not numbered %q", fmt.Sprintf("Page %d of %d", pages, pages))
	}
	// Every contents entry has a page number within the document.
	toc := regexp.MustCompile(`Contents (.*?) Page 1 of`).FindStringSubmatch(text)
	if toc == nil {
		t.Fatal("no table of contents on page 1")
	}
	for _, p := range r.Pillars {
		m := regexp.MustCompile(regexp.QuoteMeta(p.Name) + ` (\d+)`).FindStringSubmatch(toc[1])
		if m == nil {
			t.Errorf("contents %q lack a page number for pillar %s", toc[1], p.Name)
		}
	}
}

// hostile is user text meant to break a layout: CJK without spaces, a
// character no font has (private use), emoji with joiners, right-to-left text with bidi controls, markup,
// formulas, the PDF's own alias syntax and a 300-character word.
var longWord = strings.Repeat("abcdefghij", 30)

var hostile = "日本語のメモ 漢字 \uE000 👩\u200d👩\u200d👧\u200d👦 🚀 emoji, עברית \u200fשלום\u200e and العربية، " + longWord +
	" <script>alert(1)</script> =SUM(A1:A9) +1 @cmd {nb} \x01nb\x01 ) \\ ( tab\there\r\nnext line Ünïcödé e\u0301 Ωμέγα Кириллица"

// TestHostileText checks that no user text breaks the layout: every word
// stays inside the margins, long words wrap, a character no font has
// degrades to U+FFFD and the rest reads as typed, CJK included (the
// embedded fallback fonts draw it).
func TestHostileText(t *testing.T) {
	t.Parallel()
	notes := hostile + " " + strings.Repeat("x", 2084-len([]rune(hostile))-1)
	r := fullReview(t, notes)
	r.Workload.Name = "Payments " + longWord
	r.Pillars[0].Questions[0].Selected[0].Title = longWord
	// The guidance of a custom lens is user text too; its steps are drawn
	// as list items, right of their numbers.
	g := &r.Improvements[0].Practices[0]
	g.Description, g.Steps, g.Numbered = hostile, []string{hostile, longWord, "עברית שלום " + longWord}, true
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	const pageW, pageH, marginPt = 595.28, 841.89, 18 * 72 / 25.4
	words := pdfWords(t, pdf)
	if len(words) < 1000 {
		t.Fatalf("pdftotext -bbox found %d words, want the whole report", len(words))
	}
	for _, w := range words {
		if w.xMin < marginPt-1 || w.xMax > pageW-marginPt+1 || w.yMin < 0 || w.yMax > pageH {
			t.Errorf("word %.30q at x %.1f–%.1f, y %.1f–%.1f leaves the text area (x %.1f–%.1f)", w.text, w.xMin, w.xMax, w.yMin, w.yMax, marginPt, pageW-marginPt)
		}
	}
	text := pdfText(t, pdf)
	squashed := strings.Join(strings.Fields(text), "")
	for _, want := range []string{longWord, "<script>alert(1)</script>", "=SUM(A1:A9)", "{nb}", "nb)\\(tab", "Ünïcödé", "é", "Ωμέγα", "Кириллица", "\uFFFD", "日本語のメモ漢字"} {
		if !strings.Contains(squashed, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if strings.Contains(text, "\uE000") || strings.Contains(text, "\x01") {
		t.Error("a character no font has, or the alias sentinel, reached the PDF")
	}
	renderPages(t, pdf)
}

// TestConsolidatedPDF checks the consolidated report's conclusions and text.
func TestConsolidatedPDF(t *testing.T) {
	t.Parallel()
	c := &report.Consolidated{GeneratedAt: fullReview(t, "").GeneratedAt}
	for i, name := range []string{"Alpha", "Bravo", "Charlie"} {
		r := fullReview(t, "")
		w := report.WorkloadRisks{ID: fmt.Sprint(i), Name: name, RiskCounts: r.RiskCounts, Lenses: []report.LensRisks{{Lens: r.Lens, RiskCounts: r.RiskCounts, Pillars: r.Pillars}}}
		if i == 2 { // a workload without risks
			w.RiskCounts, w.Lenses = wat.NewRiskCounts(), nil
		}
		c.Workloads = append(c.Workloads, w)
	}
	s := c.Summary()
	if s.Workloads != 3 || s.WithHighRisks != 2 || s.WithMediumRisks != 2 || len(s.Riskiest) != 2 || s.MostMissing[0].Workloads != 2 {
		t.Errorf("summary: %d workloads, %d with high and %d with medium risks, %d riskiest, top missing in %d; want 3, 2, 2, 2, 2",
			s.Workloads, s.WithHighRisks, s.WithMediumRisks, len(s.Riskiest), s.MostMissing[0].Workloads)
	}
	pdf, err := c.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Consolidated report", "Workloads: 3", "Workloads with high risks: 2", "Workloads with medium risks: 2", "Riskiest workloads", "Alpha", "Bravo",
		"Best practices most often missing", s.MostMissing[0].Practice.Title, "Missing in 2 of 3 workloads", s.Pillars[0].Pillar} {
		if !strings.Contains(text, want) {
			t.Errorf("the consolidated PDF's text lacks %q", want)
		}
	}
	renderPages(t, pdf)
}

// BenchmarkLensReviewPDF renders the report of a framework review with all
// 57 questions answered and noted.
func BenchmarkLensReviewPDF(b *testing.B) {
	r := fullReview(b, "Reviewed with the payments team; the runbooks live in the wiki. "+strings.Repeat("Details. ", 20))
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

// BenchmarkLensReviewPDFGuidance renders the report of guidanceReview:
// every question of the framework at risk, every practice's guidance in
// the plan.
func BenchmarkLensReviewPDFGuidance(b *testing.B) {
	r := guidanceReview(b)
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
