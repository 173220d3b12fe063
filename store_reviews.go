package wat

import "context"

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
	GetAnswer(ctx context.Context, workloadID, lensARN, questionID string) (*Answer, error)
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
