package wat

import "time"

// Profile records the business context of workloads (how critical, how
// regulated, how cost-sensitive they are) as answers to the profile
// template's questions. The questions its answers touch decide which
// framework questions are prioritised on the workloads that use it. Every
// change of its answers is a new ProfileVersion; workloads stay on the
// version they use until they are upgraded.
type Profile struct {
	ARN       string // arn:aws:wellarchitected:REGION:ACCOUNT:profile/ID, ID 32 hex digits
	AccountID string // the owner account
	// Name is 3–100 characters, unique (by NameKey) among the account's
	// profiles that are not deleted.
	Name string
	// Description is 3–100 characters.
	Description string
	// Version is the number of the latest version, from 1.
	Version int
	// Deleted marks a profile its owner deleted: workloads that used it
	// keep the association, with no prioritisation, until they drop it.
	Deleted   bool
	Tags      map[string]string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ProfileVersion is the immutable set of answers of one version of a
// profile.
type ProfileVersion struct {
	ProfileARN string
	Version    int
	// Answers are in the template's question order; a question without
	// selected choices has no answer.
	Answers   []ProfileAnswer
	CreatedAt time.Time
}

// ProfileAnswer is the selection of one profile template question.
type ProfileAnswer struct {
	QuestionID        string
	SelectedChoiceIDs []string // in the template's choice order
}

// Selected returns the ids of the choices selected for questionID.
func (v *ProfileVersion) Selected(questionID string) []string {
	for _, a := range v.Answers {
		if a.QuestionID == questionID {
			return a.SelectedChoiceIDs
		}
	}
	return nil
}
