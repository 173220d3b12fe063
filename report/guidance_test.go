package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/report"
)

// TestPlanSteps checks how an improvement plan's text becomes steps: the
// numbers of a numbered list taken off (the report numbers them), any
// other text kept line by line as written.
func TestPlanSteps(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text string
		steps      []string
		numbered   bool
	}{
		{"numbered", "1. Name an owner.\n2. Write it down.", []string{"Name an owner.", "Write it down."}, true},
		{"numbered with blank lines, CRLF and parentheses", "  1) Name an owner.\r\n\r\n2)\tWrite it down.  \n", []string{"Name an owner.", "Write it down."}, true},
		{"ten and more", "1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i\n10. j", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, true},
		{"one sentence", "Turn on MFA", []string{"Turn on MFA"}, false},
		{"prose over lines", "The most common uses are:\nPartitioning on date.\u2028Partitioning on a hash.", []string{"The most common uses are:", "Partitioning on date.", "Partitioning on a hash."}, false},
		{"some lines numbered", "Before you start:\n1. Name an owner.", []string{"Before you start:", "1. Name an owner."}, false},
		{"own bullets", "• Tag it\n• Watch it", []string{"• Tag it", "• Watch it"}, false},
		{"years and versions", "2024. was the year\n3.5 GHz at least", []string{"2024. was the year", "3.5 GHz at least"}, false},
		{"empty", " \n ", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := report.NewImprovement(&lens.Pillar{ID: "p", Name: "P"}, &lens.Question{ID: "q", Title: "Q"}, wat.RiskHigh, "",
				[]*lens.Choice{{ID: "c", Title: "C", ImprovementPlan: lens.Resource{DisplayText: tc.text}}})
			p := im.Practices[0]
			if diff := cmp.Diff(tc.steps, p.Steps); diff != "" || p.Numbered != tc.numbered {
				t.Errorf("steps of %q, numbered %v (want %v) (-want +got):\n%s", tc.text, p.Numbered, tc.numbered, diff)
			}
		})
	}
}

// Guidance a custom lens gives, on lines of its own.
const (
	aboutText = "Backups are what you restore from.\nThis question asks how they are taken."
	whyText   = "Automatic backups run without anyone remembering them.\nA missed backup is found at restore time."
	stepsText = "1. Turn on automatic backups for every database.\n2. Copy them to a second Region.\n3. Restore one every quarter and time it."
	proseText = "Back up on a schedule\nKeep the copies apart"
	planURL   = "https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_backing_up_data.html"
)

// steps are the numbered steps of stepsText without their numbers.
var steps = []string{"Turn on automatic backups for every database.", "Copy them to a second Region.", "Restore one every quarter and time it."}

// guidedReview is fullReview whose plan starts with a question of a custom
// lens: its description on two lines, one practice with numbered steps and
// one with two lines of prose.
func guidedReview(t *testing.T) *report.LensReview {
	t.Helper()
	r := fullReview(t, "")
	im := report.NewImprovement(&lens.Pillar{ID: "data", Name: "Data"}, &lens.Question{ID: "backups", Title: "How are backups taken?", Description: aboutText},
		wat.RiskHigh, planURL, []*lens.Choice{
			{ID: "backups_auto", Title: "Automatic backups", Description: whyText, ImprovementPlan: lens.Resource{DisplayText: stepsText, URL: planURL}},
			{ID: "backups_apart", Title: "Copies apart", ImprovementPlan: lens.Resource{DisplayText: proseText}},
		})
	r.Improvements = append([]report.Improvement{im}, r.Improvements...)
	return r
}

// numberedSteps is how the text exports write numbered steps: one a line.
func numberedSteps(steps []string) string {
	lines := make([]string, len(steps))
	for i, s := range steps {
		lines[i] = fmt.Sprintf("%d. %s", i+1, s)
	}
	return strings.Join(lines, "\n")
}

// TestPlanGuidanceMarkdown checks the plan's guidance in Markdown: the
// question's description under it, each practice an item of a nested list
// with its description, its steps as a list nested in it (prose lines as
// lines) and a link to learn more.
func TestPlanGuidanceMarkdown(t *testing.T) {
	t.Parallel()
	md := string(guidedReview(t).Markdown())
	want := `
1. **How are backups taken?** (High risk · Data)

   Backups are what you restore from.\
   This question asks how they are taken.

   - **Automatic backups**

     Automatic backups run without anyone remembering them.\
     A missed backup is found at restore time.

     1. Turn on automatic backups for every database.
     2. Copy them to a second Region.
     3. Restore one every quarter and time it.

     [Learn more](<` + planURL + `>)

   - **Copies apart**

     Back up on a schedule\
     Keep the copies apart

2. **`
	if !strings.Contains(md, want) {
		i := strings.Index(md, "## Improvement plan")
		t.Errorf("the Markdown plan lacks\n%s\nit is:\n%.1500s", want, md[i:])
	}
	// Items from the tenth on are indented to their wider number.
	if !strings.Contains(md, "\n10. **") || !strings.Contains(md, "\n\n    - **") {
		t.Error("the tenth question's practices are not indented under it")
	}
}

// TestPlanGuidanceHTML checks the plan's guidance in HTML: paragraphs that
// keep the lens's line breaks, numbered steps as an ordered list, prose
// lines as a paragraph, and a link to learn more.
func TestPlanGuidanceHTML(t *testing.T) {
	t.Parallel()
	html := string(mustBytes(guidedReview(t).HTML()))
	for _, want := range []string{
		`<p class="about">Backups are what you restore from.` + "\n" + `This question asks how they are taken.</p>`,
		`<li><strong>Automatic backups</strong><p class="text">Automatic backups run without anyone remembering them.` + "\n" + `A missed backup is found at restore time.</p>` +
			`<ol><li>` + strings.Join(steps, `</li><li>`) + `</li></ol>` +
			`<p><a class="more" href="` + planURL + `" rel="noopener noreferrer">Learn more</a></p></li>`,
		`<li><strong>Copies apart</strong><p class="text">Back up on a schedule` + "\n" + `Keep the copies apart</p></li>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %s", want)
		}
	}
}

// TestPlanGuidanceTables checks the guidance columns of the CSV: filled on
// the rows of the plan only, steps one a line.
func TestPlanGuidanceTables(t *testing.T) {
	t.Parallel()
	r := fullReview(t, "")
	recs := csvRecords(t, mustBytes(r.CSV()))
	if diff := cmp.Diff([]string{"Practice ID", "Practice description", "Improvement steps"}, recs[0][12:]); diff != "" {
		t.Fatalf("last columns (-want +got):\n%s", diff)
	}
	guidance := map[string]report.Practice{}
	for _, im := range r.Improvements {
		for _, p := range im.Practices {
			guidance[im.QuestionID+" "+p.ID] = p
		}
	}
	planned := 0
	for _, rec := range recs[1:] {
		p, ok := guidance[rec[11]+" "+rec[12]]
		want := []string{"", ""}
		if ok {
			want = []string{p.Description, numberedSteps(p.Steps)}
			planned++
			if p.Description == "" || len(p.Steps) < 2 || !p.Numbered {
				t.Errorf("%s: the framework's guidance is missing: %+v", p.ID, p)
			}
		}
		if diff := cmp.Diff(want, rec[13:], cmp.Transformer("lf", func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") })); diff != "" {
			t.Errorf("%s %s (plan %q) (-want +got):\n%s", rec[11], rec[12], rec[9], diff)
		}
	}
	if planned != len(guidance) {
		t.Errorf("%d rows carry guidance, want the %d practices of the plan", planned, len(guidance))
	}
}

// TestPlanGuidancePDF checks the plan's guidance in the PDF: the question's
// description, each practice's description, steps and link, the steps an
// indented list under the practice whose long items wrap under their own
// first word.
func TestPlanGuidancePDF(t *testing.T) {
	t.Parallel()
	r := guidedReview(t)
	long := "Xylophone" + strings.Repeat(" wraps", 40) + " Zebra."
	r.Improvements[0].Practices[0].Steps[2] = long
	pdf, err := r.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	want := []string{"How are backups taken?", "High risk · Data", "Backups are what you restore from. This question asks how they are taken.",
		"• Automatic backups", "Automatic backups run without anyone remembering them. A missed backup is found at restore time.",
		"1. " + steps[0], "2. " + steps[1], "3. " + long, "Learn more: " + planURL,
		"• Copies apart Back up on a schedule Keep the copies apart"}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if strings.Contains(text, "• Copies apart Back up on a schedule Keep the copies apart Learn more") {
		t.Error("a practice without a link has a link to learn more")
	}

	words := pdfWords(t, pdf)
	find := func(s string) int {
		for i, w := range words {
			if w.text == s {
				return i
			}
		}
		t.Fatalf("the PDF has no word %q", s)
		return -1
	}
	bullet, first := words[find("Automatic")-1], find("Xylophone")
	marker, start, next := words[first-1], words[first], words[first+1]
	for next.yMin < start.yMax { // the first word of the next line
		first++
		next = words[first+1]
	}
	switch {
	case bullet.text != "•" || marker.text != "3.":
		t.Errorf("the words before the practice and its step are %q and %q, want • and 3.", bullet.text, marker.text)
	case marker.xMin <= bullet.xMin+2:
		t.Errorf("the step's number at x %.1f is not indented under the practice's bullet at %.1f", marker.xMin, bullet.xMin)
	case start.xMin <= marker.xMax:
		t.Errorf("the step's text at x %.1f starts before its number ends (%.1f)", start.xMin, marker.xMax)
	case next.text != "wraps" || next.xMin < start.xMin-0.5 || next.xMin > start.xMin+0.5:
		t.Errorf("the step's second line starts with %q at x %.1f, want it under its first word at %.1f", next.text, next.xMin, start.xMin)
	}
	renderPages(t, pdf)
}
