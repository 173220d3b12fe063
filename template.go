package wat

import "time"

// ShareResourceTemplate is the kind of shared review templates.
const ShareResourceTemplate = "TEMPLATE"

// ReviewTemplate is a reusable, pre-answered review: the lenses it applies,
// notes, and per lens its notes and answers (in TemplateLensReview and
// TemplateAnswer rows). It carries no risk; a workload created from it gets
// a copy of its answers, once, and is evaluated like any other.
type ReviewTemplate struct {
	ARN       string // arn:aws:wellarchitected:REGION:ACCOUNT:review-template/ID, ID 32 hex digits
	AccountID string // the owner account
	// Name is 3–100 characters, unique (by NameKey) in the account.
	Name string
	// Description is 3–250 characters.
	Description string
	Notes       string
	// Lenses are the ARNs of the lenses applied, the framework lens first.
	Lenses    []string
	Tags      map[string]string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// HasLens reports whether the lens with the given ARN is applied to t.
func (t *ReviewTemplate) HasLens(arn string) bool {
	for _, l := range t.Lenses {
		if l == arn {
			return true
		}
	}
	return false
}

// TemplateLensReview is a template's part for one lens: the lens version
// its answers refer to, and its notes. Like a workload's lens review, it
// survives the lens being removed from the template.
type TemplateLensReview struct {
	TemplateARN string
	LensARN     string
	LensVersion string
	Notes       string
	PillarNotes map[string]string
	UpdatedAt   time.Time
}

// TemplateAnswer is a template's answer to one question. The embedded
// Answer's WorkloadID is always empty.
type TemplateAnswer struct {
	TemplateARN string
	Answer
}
