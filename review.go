package wat

import "time"

// Choice statuses and reasons, as on the wire.
const (
	ChoiceSelected      = "SELECTED"
	ChoiceNotApplicable = "NOT_APPLICABLE"
	ChoiceUnselected    = "UNSELECTED"
)

// LensReview is the review of one workload against one lens: the lens version
// it is pinned to and its notes. It survives the lens being removed from the
// workload, so answers come back when the lens is applied again.
type LensReview struct {
	WorkloadID  string
	LensARN     string
	LensVersion string
	Notes       string
	PillarNotes map[string]string
	UpdatedAt   time.Time
	// Revision increases with every change to the review or its answers.
	Revision int64
}

// Answer is the answer to one question of a lens review. A question without a
// stored answer is unanswered.
type Answer struct {
	WorkloadID string
	LensARN    string
	QuestionID string
	// SelectedChoices are the ids of the selected choices, in lens order.
	SelectedChoices []string
	// Choices holds the status, reason and notes of choices whose state is
	// not simply "selected with no notes" or "unselected".
	Choices      map[string]ChoiceAnswer
	IsApplicable bool
	Reason       string
	Notes        string
	UpdatedAt    time.Time
}

// ChoiceAnswer is the state of one choice in an answer.
type ChoiceAnswer struct {
	Status string
	Reason string
	Notes  string
}

// NotApplicableChoices returns the ids of the choices marked not applicable.
func (a *Answer) NotApplicableChoices() []string {
	var ids []string
	for id, c := range a.Choices {
		if c.Status == ChoiceNotApplicable {
			ids = append(ids, id)
		}
	}
	return ids
}

// Milestone is an immutable snapshot of a workload, its lens reviews and its
// answers, numbered from 1 within the workload.
type Milestone struct {
	WorkloadID  string
	Number      int
	Name        string
	RecordedAt  time.Time
	Workload    *Workload
	LensReviews []*LensReview
	Answers     []*Answer
}
