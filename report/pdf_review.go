package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/wat-dev/wat"
)

// dateFormat is how reports show a moment.
const dateFormat = "2 January 2006, 15:04 MST"

// PDF renders the lens review report: the workload's properties, a table
// of contents, a risk summary with a per-pillar chart, every question with
// its answer, notes and risk, the improvement plan and the lens notes.
func (r *LensReview) PDF() ([]byte, error) {
	title := r.Workload.Name + " — " + r.Lens.Name
	d := newDoc(r.Fonts, title, title, r.GeneratedAt)
	d.pdf.AddPage()
	d.reviewCover(r)

	titles, levels := []string{"Risk summary"}, []int{0}
	for _, p := range r.Pillars {
		titles, levels = append(titles, p.Name), append(levels, 0)
	}
	titles, levels = append(titles, "Improvement plan", "Lens notes"), append(levels, 0, 0)
	d.contents(titles, levels)

	d.section(0)
	d.reviewSummary(r)
	for i, p := range r.Pillars {
		d.section(1 + i)
		d.pillar(p)
	}
	d.section(1 + len(r.Pillars))
	d.improvements(r.Improvements)
	d.section(2 + len(r.Pillars))
	if strings.TrimSpace(r.Notes) == "" {
		d.text("This lens review has no notes.", "I", 10, 0)
	}
	d.text(r.Notes, "", 10, 0)
	return d.bytes()
}

// reviewCover writes the title block and the workload's properties.
func (d *doc) reviewCover(r *LensReview) {
	p := d.pdf
	p.SetFont(family, "", 10)
	p.SetTextColor(90, 90, 90)
	p.CellFormat(0, 6, "Lens review report", "", 1, "L", false, 0, "")
	p.SetTextColor(0, 0, 0)
	d.heading(r.Workload.Name, 20)
	d.text(fmt.Sprintf("%s, version %s", r.Lens.Name, r.Lens.Version), "B", 12, 0)
	if m := r.Milestone; m != nil {
		d.text(fmt.Sprintf("Milestone %d: %s (recorded %s)", m.Number, m.Name, m.RecordedAt.Format(dateFormat)), "B", 11, 0)
	}
	d.text("Generated "+r.GeneratedAt.Format(dateFormat), "", 9.5, 0)
	p.Ln(4)
	d.workloadFields(r.Workload)
	d.field("Lens review updated", date(r.UpdatedAt))
	p.Ln(6)
}

func (d *doc) workloadFields(w Workload) {
	for _, f := range w.fields() {
		d.field(f.Label, f.Value)
	}
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateFormat)
}

// reviewSummary writes the counts of risks and the per-pillar chart.
func (d *doc) reviewSummary(r *LensReview) {
	answered, total := r.answeredCount()
	d.text(fmt.Sprintf("Questions answered: %d of %d", answered, total), "B", 11, 0)
	d.text(fmt.Sprintf("High risks: %d   Medium risks: %d   No improvements: %d   Not applicable: %d   Unanswered: %d",
		r.RiskCounts[wat.RiskHigh], r.RiskCounts[wat.RiskMedium], r.RiskCounts[wat.RiskNone],
		r.RiskCounts[wat.RiskNotApplicable], r.RiskCounts[wat.RiskUnanswered]), "", 10, 0)
	d.pdf.Ln(5)
	labels := make([]string, len(r.Pillars))
	counts := make([]wat.RiskCounts, len(r.Pillars))
	for i, p := range r.Pillars {
		labels[i], counts[i] = p.Name, p.RiskCounts
	}
	d.text("High and medium risks per pillar", "B", 11, 0)
	d.pdf.Ln(2)
	d.riskBars(labels, counts)
	d.countsTable("Pillar", labels, counts)
}

// pillar writes a pillar's notes and every question with its answer.
func (d *doc) pillar(p Pillar) {
	if strings.TrimSpace(p.Notes) != "" {
		d.text("Pillar notes", "B", 10, 0)
		d.text(p.Notes, "", 9.5, 0)
		d.pdf.Ln(3)
	}
	for i, q := range p.Questions {
		d.needs(28)
		d.text(fmt.Sprintf("%d. %s", i+1, q.Title), "B", 10.5, 0)
		if q.Prioritized {
			d.text("Prioritized by the workload's profile", "I", 9, 0)
		}
		d.pdf.Ln(1)
		d.badge(q.Risk)
		d.pdf.Ln(1)
		d.answer(q)
		d.pdf.Ln(4)
	}
}

// answer writes what was answered to a question.
func (d *doc) answer(q Question) {
	switch {
	case !q.Applicable:
		d.text("Question not applicable. Reason: "+reason(q.Reason), "I", 9.5, 0)
	case !q.Answered():
		d.text("Not answered.", "I", 9.5, 0)
	case q.NoneOfThese:
		d.text("None of these.", "B", 9.5, 0)
	}
	if len(q.Selected) > 0 {
		d.text("Selected practices:", "B", 9.5, 0)
		for _, c := range q.Selected {
			d.text("• "+c.Title, "", 9.5, 4)
			d.text(c.Notes, "I", 8.5, 8)
		}
	}
	if len(q.NotApplicable) > 0 {
		d.text("Practices not applicable:", "B", 9.5, 0)
		for _, c := range q.NotApplicable {
			d.text("– "+c.Title+" (reason: "+reason(c.Reason)+")", "", 9.5, 4)
			d.text(c.Notes, "I", 8.5, 8)
		}
	}
	if strings.TrimSpace(q.Notes) != "" {
		d.text("Notes:", "B", 9.5, 0)
		d.text(q.Notes, "", 9.5, 4)
	}
}

// reason spells a not-applicable reason for readers.
func reason(r string) string {
	if r == "" || r == "NONE" {
		return "none given"
	}
	return strings.ToLower(strings.ReplaceAll(r, "_", " "))
}

// improvements writes the improvement plan in its order: each question
// with its description, each practice to put in place with its guidance.
func (d *doc) improvements(plan []Improvement) {
	if len(plan) == 0 {
		d.text("No question is at high or medium risk: there is nothing to improve.", "I", 10, 0)
		return
	}
	for i, im := range plan {
		d.needs(22)
		d.text(fmt.Sprintf("%d. %s", i+1, im.QuestionTitle), "B", 10, 0)
		d.text(riskLabels[im.Risk]+" · "+im.PillarName, "", 9, 4)
		d.pdf.SetTextColor(80, 80, 80)
		d.text(im.QuestionDescription, "I", 9, 4)
		d.pdf.SetTextColor(0, 0, 0)
		for _, p := range im.Practices {
			d.practice(p)
		}
		d.pdf.Ln(3)
	}
}

// practice writes a practice to put in place: its title and, indented
// under it, its description, its steps (a numbered list when the lens
// numbered them, its lines as written otherwise) and its link.
func (d *doc) practice(p Practice) {
	d.needs(14) // the title and the first lines of its guidance together
	d.pdf.Ln(1)
	d.text("• "+p.Title, "B", 9.5, 4)
	d.text(p.Description, "", 9, 8)
	if p.Numbered {
		for i, l := range p.stepLabels() {
			d.item(l, p.Steps[i], "", 9, 8)
		}
	} else {
		d.text(strings.Join(p.Steps, "\n"), "", 9, 8)
	}
	if p.URL != "" {
		d.link("Learn more: "+p.URL, p.URL, 8)
	}
}
