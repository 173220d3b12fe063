package wat

import "context"

// TemplateTx is the part of Tx that keeps review templates with their lens
// reviews and answers. They mirror a workload's reviews but are their own
// aggregate (no risk, no milestones, copied into a workload once), so the
// template use cases and their tests need this, not ReviewTx.
type TemplateTx interface {
	// InsertReviewTemplate stores a new review template (without lens
	// reviews); EConflict when its ARN or its NameKey in the account is
	// taken.
	InsertReviewTemplate(ctx context.Context, t *ReviewTemplate) error
	// GetReviewTemplate returns a review template; lock serialises its
	// writers until the transaction ends.
	GetReviewTemplate(ctx context.Context, arn string, lock bool) (*ReviewTemplate, error)
	// UpdateReviewTemplate stores every field of t but its ARN, owner and
	// creation time (matched by ARN); EConflict when its new NameKey is
	// taken, ENotFound when it does not exist.
	UpdateReviewTemplate(ctx context.Context, t *ReviewTemplate) error
	// DeleteReviewTemplate removes a review template with its lens
	// reviews, answers and shares; ENotFound when it does not exist.
	DeleteReviewTemplate(ctx context.Context, arn string) error
	// ListReviewTemplates returns the review templates an account owns,
	// ordered by ARN.
	ListReviewTemplates(ctx context.Context, accountID string) ([]*ReviewTemplate, error)

	// PutTemplateLensReview inserts or replaces a template's lens review;
	// ENotFound when the template does not exist.
	PutTemplateLensReview(ctx context.Context, r *TemplateLensReview) error
	GetTemplateLensReview(ctx context.Context, templateARN, lensARN string) (*TemplateLensReview, error)
	// ListTemplateLensReviews returns a template's lens reviews, ordered by
	// lens ARN, those of lenses no longer applied included.
	ListTemplateLensReviews(ctx context.Context, templateARN string) ([]*TemplateLensReview, error)

	// PutTemplateAnswer inserts or replaces a template's answer; ENotFound
	// when its lens review does not exist.
	PutTemplateAnswer(ctx context.Context, a *TemplateAnswer) error
	GetTemplateAnswer(ctx context.Context, templateARN, lensARN, questionID string) (*TemplateAnswer, error)
	// ListTemplateAnswers returns the stored answers of a template's lens
	// review; with lensARN empty, those of all of them; ordered by lens ARN
	// then question ID.
	ListTemplateAnswers(ctx context.Context, templateARN, lensARN string) ([]*TemplateAnswer, error)
}
