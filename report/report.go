// Package report is the model of wat's reports — a lens review (live or as a
// milestone recorded it) and the consolidated view across workloads — and
// their renderings. The service builds the model from what it computes;
// every format is rendered from the same model, so formats never disagree.
// The package is pure: it imports no I/O.
package report

import (
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// LensReview is the report of one lens review of one workload.
type LensReview struct {
	GeneratedAt time.Time
	Workload    Workload
	Lens        Lens
	// Milestone is set when the report shows a milestone rather than the
	// workload's current state.
	Milestone  *Milestone `json:",omitempty"`
	UpdatedAt  time.Time  // the lens review's last change
	RiskCounts wat.RiskCounts
	Pillars    []Pillar
	// Improvements is the improvement plan, in the order of
	// ListLensReviewImprovements.
	Improvements []Improvement
	// Notes are the lens review's notes.
	Notes string
	// Fonts draw the PDF; the embedded ones when nil.
	Fonts *Fonts `json:"-"`
}

// Workload holds the properties of a workload a report shows.
type Workload struct {
	ID                  string
	ARN                 string
	Name                string
	Description         string
	Owner               string // the owner account
	Environment         string
	AccountIDs          []string
	AWSRegions          []string
	NonAWSRegions       []string
	ReviewOwner         string
	ArchitecturalDesign string
	IndustryType        string
	Industry            string
	Notes               string
	UpdatedAt           time.Time
}

// NewWorkload takes the properties of w that reports show.
func NewWorkload(w *wat.Workload) Workload {
	return Workload{
		ID: w.ID, ARN: w.ARN, Name: w.Name, Description: w.Description, Owner: w.AccountID,
		Environment: w.Environment, AccountIDs: w.AccountIDs, AWSRegions: w.AWSRegions, NonAWSRegions: w.NonAWSRegions,
		ReviewOwner: w.ReviewOwner, ArchitecturalDesign: w.ArchitecturalDesign,
		IndustryType: w.IndustryType, Industry: w.Industry, Notes: w.Notes, UpdatedAt: w.UpdatedAt,
	}
}

// Lens names the lens version a review is pinned to.
type Lens struct {
	Alias   string
	ARN     string
	Name    string
	Version string
}

// Milestone names the milestone a report was made from.
type Milestone struct {
	Number     int
	Name       string
	RecordedAt time.Time
}

// Pillar is one pillar of a lens review with its questions in lens order.
type Pillar struct {
	ID         string
	Name       string
	Notes      string
	RiskCounts wat.RiskCounts
	Questions  []Question
}

// Question is one question with its answer and risk.
type Question struct {
	ID    string
	Title string
	Risk  wat.Risk
	// Prioritized marks a question the workload's profile makes a
	// priority.
	Prioritized bool `json:",omitempty"`
	// Applicable is false for a question marked not applicable, with Reason.
	Applicable bool
	Reason     string `json:",omitempty"`
	// NoneOfThese is set when the "None of these" choice is selected.
	NoneOfThese   bool       `json:",omitempty"`
	Selected      []Practice `json:",omitempty"`
	NotApplicable []Practice `json:",omitempty"` // with their reasons
	// Missing are the best practices that make the question's risk: those
	// still to put in place on a question at high or medium risk.
	Missing []Practice `json:",omitempty"`
	Notes   string     `json:",omitempty"`
	// Practices are all the question's choices ("None of these" too) in
	// lens order, each with its status and improvement plan link: what the
	// CSV and XLSX exports list, one row each.
	Practices []Practice
}

// Answered reports whether the question has an answer: a choice selected or
// marked not applicable, or the question marked not applicable.
func (q *Question) Answered() bool { return q.Risk != wat.RiskUnanswered }

// Practice is a choice of a question as a report shows it.
type Practice struct {
	ID    string
	Title string
	// Reason and Notes are the choice's answer: a not-applicable reason, notes.
	Reason string `json:",omitempty"`
	Notes  string `json:",omitempty"`
	// URL is the practice's improvement plan (for missing practices, and
	// for every practice of Question.Practices).
	URL string `json:",omitempty"`
	// Status is set in Question.Practices only.
	Status PracticeStatus `json:",omitempty"`
	// Description, Steps and Numbered are the practice's guidance, from the
	// lens, on the practices of Improvement.Practices only: the plan is
	// where a reader needs it, and other lists stay as light as the
	// consolidated report's cache wants them. See planSteps for Steps.
	Description string   `json:",omitempty"`
	Steps       []string `json:",omitempty"`
	Numbered    bool     `json:",omitempty"`
}

// PracticeStatus is what an answer says of one practice.
type PracticeStatus string

// The statuses of a practice. The practices of a question marked not
// applicable are all StatusNotApplicable.
const (
	StatusSelected      PracticeStatus = "selected"
	StatusNotSelected   PracticeStatus = "not selected"
	StatusNotApplicable PracticeStatus = "not applicable"
)

// Improvement is one question of the improvement plan.
type Improvement struct {
	QuestionID    string
	QuestionTitle string
	PillarID      string
	PillarName    string
	// QuestionDescription is the question's description in the lens: what
	// it asks, which the plan shows as the context of its practices.
	QuestionDescription string `json:",omitempty"`
	Risk                wat.Risk
	URL                 string     // the question's improvement plan link
	Practices           []Practice // to put in place, each with its link and guidance
}

// NewQuestion is the report of question q answered by a (never nil) with the
// given risk; missing are the practices that make its risk, if any.
func NewQuestion(q *lens.Question, a *wat.Answer, risk wat.Risk, missing []*lens.Choice) Question {
	out := Question{ID: q.ID, Title: q.Title, Risk: risk, Applicable: a.IsApplicable, Notes: a.Notes}
	if !a.IsApplicable {
		out.Reason = a.Reason
	}
	none, hasNone := q.NoneChoice()
	out.Practices = make([]Practice, 0, len(q.Choices))
	for _, c := range q.Choices {
		ca := a.Choices[c.ID]
		p := Practice{ID: c.ID, Title: c.Title, Notes: ca.Notes, URL: c.ImprovementPlan.URL, Status: StatusNotSelected}
		switch {
		case !a.IsApplicable:
			p.Status = StatusNotApplicable
		case contains(a.SelectedChoices, c.ID):
			p.Status = StatusSelected
		case ca.Status == wat.ChoiceNotApplicable:
			p.Status, p.Reason = StatusNotApplicable, ca.Reason
		}
		out.Practices = append(out.Practices, p)
		switch {
		case hasNone && c.ID == none.ID:
			out.NoneOfThese = contains(a.SelectedChoices, c.ID)
		case contains(a.SelectedChoices, c.ID):
			out.Selected = append(out.Selected, Practice{ID: c.ID, Title: c.Title, Notes: ca.Notes})
		case ca.Status == wat.ChoiceNotApplicable:
			out.NotApplicable = append(out.NotApplicable, Practice{ID: c.ID, Title: c.Title, Reason: ca.Reason, Notes: ca.Notes})
		}
	}
	out.Missing = practices(missing)
	return out
}

// practices are choices to put in place, with their improvement plans.
func practices(cs []*lens.Choice) []Practice {
	var out []Practice
	for _, c := range cs {
		out = append(out, Practice{ID: c.ID, Title: c.Title, URL: c.ImprovementPlan.URL})
	}
	return out
}

// NewImprovement is one entry of an improvement plan: question q of pillar
// p at risk, to improve by putting the practices todo in place, with the
// lens's guidance for each (any lens: the built-in one and custom ones
// alike).
func NewImprovement(p *lens.Pillar, q *lens.Question, risk wat.Risk, url string, todo []*lens.Choice) Improvement {
	out := Improvement{
		QuestionID: q.ID, QuestionTitle: q.Title, QuestionDescription: strings.TrimSpace(q.Description),
		PillarID: p.ID, PillarName: p.Name, Risk: risk, URL: url, Practices: practices(todo),
	}
	for i, c := range todo {
		pr := &out.Practices[i]
		pr.Description = strings.TrimSpace(c.Description)
		pr.Steps, pr.Numbered = planSteps(c.ImprovementPlan.DisplayText)
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
