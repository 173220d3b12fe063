package wat

import (
	"context"
	"time"
)

// ReviewTx is the part of Tx that keeps the live review of workloads: one
// lens review per workload and lens, and its answers. It is apart from
// WorkloadTx because answering and evaluating read and write these rows, not
// the workload's own, so they (and their tests) can depend on this alone.
type ReviewTx interface {
	// PutLensReview inserts or replaces a lens review.
	PutLensReview(ctx context.Context, r *LensReview) error
	GetLensReview(ctx context.Context, workloadID, lensARN string) (*LensReview, error)
	ListLensReviews(ctx context.Context, workloadID string) ([]*LensReview, error)
	// ListLensReviewsOf returns the lens reviews of several workloads (as
	// ListLensReviews does for one), ordered by workload then lens ARN.
	ListLensReviewsOf(ctx context.Context, workloadIDs []string) ([]*LensReview, error)

	// PutAnswer inserts or replaces an answer.
	PutAnswer(ctx context.Context, a *Answer) error
	// SaveAnswerChange is PutAnswer(a), then PutLensReview(r), then
	// TouchWorkload(r.WorkloadID, touched), with their errors: what
	// UpdateAnswer writes, in one statement where the database can (on
	// PostgreSQL each statement is a round trip the workload's other writers
	// wait for).
	SaveAnswerChange(ctx context.Context, a *Answer, r *LensReview, touched time.Time) error
	GetAnswer(ctx context.Context, workloadID, lensARN, questionID string) (*Answer, error)
	// GetAnswerChange reads in one statement what a change of one answer
	// starts from (see AnswerChange), accountID being the workload's
	// owner; ENotFound when the lens review does not exist.
	GetAnswerChange(ctx context.Context, workloadID, accountID, lensARN, questionID string) (*AnswerChange, error)
	// ListAnswers returns the stored answers of a lens review; with lensARN
	// empty, those of every lens review of the workload.
	ListAnswers(ctx context.Context, workloadID, lensARN string) ([]*Answer, error)
	// ListAnswersOf returns the stored answers of every lens review of
	// several workloads, ordered by workload, lens ARN, question.
	ListAnswersOf(ctx context.Context, workloadIDs []string) ([]*Answer, error)

	// RepinLensReviews moves every lens review of lensARN pinned to one of
	// the versions in from to version to, bumping each one's Revision, and
	// returns how many it moved.
	RepinLensReviews(ctx context.Context, lensARN string, from []string, to string) (int, error)
	// TouchLensReviews bumps the Revision of every lens review of lensARN,
	// so that what is derived from the lens's state (its latest version,
	// whether it was deleted) is evaluated again.
	TouchLensReviews(ctx context.Context, lensARN string) error
}

// AnswerChange is what a change of one answer starts from: the lens review
// and the stored answer, and what the change sets off beyond them — risk
// events for the account's webhook subscriptions, a Jira sync. It is read
// in one statement because UpdateAnswer, the hottest write, runs it with
// the workload locked: every statement saved there is a round trip (or, on
// SQLite, the one writer's time) off each answer.
type AnswerChange struct {
	Review *LensReview
	// Answer is the stored answer; nil when the question was never
	// answered.
	Answer *Answer
	// Webhooks tells whether the account has an enabled webhook
	// subscription: without one no event can be heard, and nothing need
	// be computed for one.
	Webhooks bool
	// JiraWorkload, JiraAccount and JiraConnected are what
	// GetJiraPlanSettings returns.
	JiraWorkload  *JiraWorkloadSettings
	JiraAccount   *JiraAccountSettings
	JiraConnected bool
}
