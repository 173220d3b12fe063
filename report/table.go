package report

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/wat-dev/wat"
)

// The tabular exports (CSV, XLSX) share their rows, built here from the
// model, so that a spreadsheet and a CSV of the same review never differ.

// answerHeader names the columns of answerRows. "Plan" is the position of
// the question in the improvement plan, on the rows of the practices to put
// in place; sorting on it gives the plan in the order of
// ListLensReviewImprovements. Those rows carry the practice's guidance too,
// in the last columns, so that the columns before keep their places.
var answerHeader = []string{
	"Pillar", "Question", "Practice", "Risk", "Status", "Reason", "Notes", "Question notes", "Link", "Plan",
	"Pillar ID", "Question ID", "Practice ID", "Practice description", "Improvement steps",
}

// answerRows is one row per question and practice, in lens order.
func (r *LensReview) answerRows() [][]string {
	type step struct {
		n    int
		todo map[string]*Practice
	}
	plan := make(map[string]step, len(r.Improvements))
	for i, im := range r.Improvements {
		s := step{n: i + 1, todo: map[string]*Practice{}}
		for j := range im.Practices {
			s.todo[im.Practices[j].ID] = &im.Practices[j]
		}
		plan[im.PillarID+"\x00"+im.QuestionID] = s
	}
	var rows [][]string
	for _, p := range r.Pillars {
		for _, q := range p.Questions {
			s := plan[p.ID+"\x00"+q.ID]
			for _, c := range q.Practices {
				why := c.Reason
				if !q.Applicable {
					why = q.Reason
				}
				n, description, steps := "", "", ""
				if todo := s.todo[c.ID]; todo != nil {
					n, description, steps = strconv.Itoa(s.n), todo.Description, todo.stepsText()
				}
				rows = append(rows, []string{
					p.Name, q.Title, c.Title, riskLabels[q.Risk], string(c.Status), reasonText(c.Status, why), c.Notes, q.Notes, c.URL, n,
					p.ID, q.ID, c.ID, description, steps,
				})
			}
		}
	}
	return rows
}

// reasonText spells a not-applicable reason, on not-applicable rows only.
func reasonText(s PracticeStatus, r string) string {
	if s != StatusNotApplicable {
		return ""
	}
	return reason(r)
}

// planHeader names the columns of planRows; the guidance comes last, as in
// answerHeader.
var planHeader = []string{
	"Plan", "Pillar", "Question", "Risk", "Practice", "Link", "Question link", "Question ID", "Practice ID",
	"Question description", "Practice description", "Improvement steps",
}

// planRows is the improvement plan, one row per practice to put in place,
// with its guidance.
func (r *LensReview) planRows() [][]string {
	var rows [][]string
	for i, im := range r.Improvements {
		for _, p := range im.Practices {
			rows = append(rows, []string{
				strconv.Itoa(i + 1), im.PillarName, im.QuestionTitle, riskLabels[im.Risk], p.Title, p.URL, im.URL, im.QuestionID, p.ID,
				im.QuestionDescription, p.Description, p.stepsText(),
			})
		}
	}
	return rows
}

// consolidatedHeader names the columns of consolidatedRows.
var consolidatedHeader = []string{
	"Workload", "Workload ID", "Owner account", "Lens", "Lens version", "Pillar",
	"High", "Medium", "None", "Not applicable", "Unanswered", "Lens ARN", "Pillar ID", "Workload updated",
}

// consolidatedRows is one row per workload, lens and pillar with its risk
// counts; a workload without a lens review has one row, without lens.
func (c *Consolidated) consolidatedRows() [][]string {
	var rows [][]string
	row := func(w WorkloadRisks, l Lens, pillar, pillarID string, n wat.RiskCounts) {
		rows = append(rows, []string{
			w.Name, w.ID, w.Owner, l.Name, l.Version, pillar,
			strconv.Itoa(n[wat.RiskHigh]), strconv.Itoa(n[wat.RiskMedium]), strconv.Itoa(n[wat.RiskNone]),
			strconv.Itoa(n[wat.RiskNotApplicable]), strconv.Itoa(n[wat.RiskUnanswered]),
			l.ARN, pillarID, w.UpdatedAt.UTC().Format(time.RFC3339),
		})
	}
	for _, w := range c.Workloads {
		if len(w.Lenses) == 0 {
			row(w, Lens{}, "", "", w.RiskCounts)
		}
		for _, l := range w.Lenses {
			for _, p := range l.Pillars {
				row(w, l.Lens, p.Name, p.ID, p.RiskCounts)
			}
		}
	}
	return rows
}

// plain is user text as the text exports keep it: line breaks as "\n",
// other control characters dropped (XML cannot hold most of them; in HTML
// and Markdown they only confuse). Everything else is kept as typed.
func plain(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
