package report_test

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/report"
	"github.com/wat-dev/wat/service"
)

// fullReview is the report of a framework lens review with every question
// answered: most practices selected, some not applicable, some questions
// "None of these" or not applicable, notes everywhere (notes, when set, on
// every question).
func fullReview(tb testing.TB, notes string) *report.LensReview {
	tb.Helper()
	fw := service.NewCatalog().Framework()
	at := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	r := &report.LensReview{
		GeneratedAt: at,
		Workload: report.NewWorkload(&wat.Workload{
			ID: "0123456789abcdef0123456789abcdef", ARN: "arn:aws:wellarchitected:us-east-1:111122223333:workload/0123456789abcdef0123456789abcdef",
			Name: "Payments platform", Description: "Card payments for the web shop", AccountID: "111122223333",
			Environment: wat.EnvironmentProduction, AWSRegions: []string{"eu-west-1", "eu-central-1"}, NonAWSRegions: []string{"on-premises DC1"},
			AccountIDs: []string{"444455556666"}, ReviewOwner: "alice@example.com", ArchitecturalDesign: "https://example.com/design",
			IndustryType: "Financial Services", Industry: "Payments", Notes: notes, UpdatedAt: at,
		}),
		Lens:       report.Lens{Alias: fw.Alias, ARN: fw.ARN, Name: fw.Name, Version: fw.Version},
		UpdatedAt:  at,
		RiskCounts: wat.NewRiskCounts(),
		Notes:      notes,
	}
	n := 0
	for _, p := range fw.Lens.Pillars {
		rp := report.Pillar{ID: p.ID, Name: p.Name, Notes: notes, RiskCounts: wat.NewRiskCounts()}
		for _, q := range p.Questions {
			n++
			a, missing := answer(q, n)
			a.Notes = notes
			risk := q.Risk(a.SelectedChoices, a.NotApplicableChoices(), a.IsApplicable)
			if risk != wat.RiskHigh && risk != wat.RiskMedium {
				missing = nil
			} else {
				r.Improvements = append(r.Improvements, report.NewImprovement(p, q, risk, "", missing))
			}
			rp.RiskCounts[risk]++
			r.RiskCounts[risk]++
			rp.Questions = append(rp.Questions, report.NewQuestion(q, a, risk, missing))
		}
		r.Pillars = append(r.Pillars, rp)
	}
	return r
}

// guidanceReview is the report of a framework review where every question
// is answered "None of these", so that every practice of the lens (307) is
// in the improvement plan with its guidance: the largest plan a framework
// review has.
func guidanceReview(tb testing.TB) *report.LensReview {
	tb.Helper()
	fw := service.NewCatalog().Framework()
	at := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	r := &report.LensReview{
		GeneratedAt: at, UpdatedAt: at, RiskCounts: wat.NewRiskCounts(),
		Workload: report.NewWorkload(&wat.Workload{ID: "0123456789abcdef0123456789abcdef", Name: "Payments platform", AccountID: "111122223333", UpdatedAt: at}),
		Lens:     report.Lens{Alias: fw.Alias, ARN: fw.ARN, Name: fw.Name, Version: fw.Version},
	}
	for _, p := range fw.Lens.Pillars {
		rp := report.Pillar{ID: p.ID, Name: p.Name, RiskCounts: wat.NewRiskCounts()}
		for _, q := range p.Questions {
			none, _ := q.NoneChoice()
			a := &wat.Answer{QuestionID: q.ID, IsApplicable: true, SelectedChoices: []string{none.ID}}
			var todo []*lens.Choice
			for _, c := range q.Choices {
				if c.ID != none.ID {
					todo = append(todo, c)
				}
			}
			risk := q.Risk(a.SelectedChoices, nil, true)
			r.Improvements = append(r.Improvements, report.NewImprovement(p, q, risk, "", todo))
			rp.Questions = append(rp.Questions, report.NewQuestion(q, a, risk, todo))
			rp.RiskCounts[risk]++
			r.RiskCounts[risk]++
		}
		r.Pillars = append(r.Pillars, rp)
	}
	return r
}

// answer is the n-th question's answer in fullReview and the practices it
// leaves out.
func answer(q *lens.Question, n int) (*wat.Answer, []*lens.Choice) {
	a := &wat.Answer{QuestionID: q.ID, IsApplicable: true}
	none, _ := q.NoneChoice()
	switch n % 7 {
	case 3:
		a.SelectedChoices = []string{none.ID}
	case 5:
		a.IsApplicable, a.Reason = false, "OUT_OF_SCOPE"
		return a, nil
	}
	var missing []*lens.Choice
	for i, c := range q.Choices {
		switch {
		case c.ID == none.ID || n%7 == 3:
			if c.ID != none.ID {
				missing = append(missing, c)
			}
		case i == 1 && n%2 == 0:
			a.Choices = map[string]wat.ChoiceAnswer{c.ID: {Status: wat.ChoiceNotApplicable, Reason: "BUSINESS_PRIORITIES", Notes: "Decided in the 2025 review"}}
		case (i+n)%3 == 0:
			missing = append(missing, c)
		default:
			a.SelectedChoices = append(a.SelectedChoices, c.ID)
		}
	}
	return a, missing
}

// needTool returns the path of a program the test needs; without it the test
// is skipped, except in CI (CI set), where it fails: make test installs it.
func needTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		tb.Fatalf("%s is not installed: the report tests need it in CI (make test installs poppler-utils)", name)
	}
	tb.Skipf("%s not installed (apt-get install poppler-utils, or run make test)", name)
	return ""
}

// pdfFile writes pdf to a temp file.
func pdfFile(tb testing.TB, pdf []byte) string {
	tb.Helper()
	path := tb.TempDir() + "/report.pdf"
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// pdfText is the text pdftotext extracts from pdf, its whitespace collapsed.
func pdfText(tb testing.TB, pdf []byte) string {
	tb.Helper()
	out, err := exec.Command(needTool(tb, "pdftotext"), pdfFile(tb, pdf), "-").CombinedOutput()
	if err != nil {
		tb.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// word is a word pdftotext found, with its box in points.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

var wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// pdfWords lists every word of pdf with its box.
func pdfWords(tb testing.TB, pdf []byte) []word {
	tb.Helper()
	out, err := exec.Command(needTool(tb, "pdftotext"), "-bbox", pdfFile(tb, pdf), "-").CombinedOutput()
	if err != nil {
		tb.Fatalf("pdftotext -bbox: %v\n%s", err, out)
	}
	var ws []word
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		ws = append(ws, word{text: m[5], xMin: f(m[1]), yMin: f(m[2]), xMax: f(m[3]), yMax: f(m[4])})
	}
	return ws
}

// renderPages renders every page of pdf with pdftoppm and returns how many
// PNG pages it wrote.
func renderPages(tb testing.TB, pdf []byte) int {
	tb.Helper()
	dir := tb.TempDir()
	out, err := exec.Command(needTool(tb, "pdftoppm"), "-r", "40", "-png", pdfFile(tb, pdf), dir+"/page").CombinedOutput()
	if err != nil || len(out) > 0 {
		tb.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return len(entries)
}
