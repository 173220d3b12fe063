package wat

import (
	"context"
	"time"
)

// WebhookTx is the part of Tx that keeps webhook subscriptions and their
// outbox of deliveries. Deleting a subscription deletes its deliveries;
// deleting an account deletes its subscriptions.
type WebhookTx interface {
	// InsertWebhookSubscription stores a new subscription, its secrets
	// sealed; EConflict when its ID is taken, ENotFound without its account.
	InsertWebhookSubscription(ctx context.Context, s *WebhookSubscription) error
	// GetWebhookSubscription returns one of an account's subscriptions,
	// its secrets opened.
	GetWebhookSubscription(ctx context.Context, accountID, id string) (*WebhookSubscription, error)
	// UpdateWebhookSubscription stores every field of s but its IDs, owner
	// and creation; ENotFound when it does not exist.
	UpdateWebhookSubscription(ctx context.Context, s *WebhookSubscription) error
	// DeleteWebhookSubscription removes a subscription and its deliveries.
	DeleteWebhookSubscription(ctx context.Context, accountID, id string) error
	// ListWebhookSubscriptions returns an account's subscriptions ordered
	// by ID.
	ListWebhookSubscriptions(ctx context.Context, accountID string) ([]*WebhookSubscription, error)
	// ListWebhookRoutes returns an account's enabled subscriptions ordered
	// by ID with only their ID, account, status and filters: what deciding
	// who receives an event needs, read on every change without opening a
	// secret.
	ListWebhookRoutes(ctx context.Context, accountID string) ([]*WebhookSubscription, error)
	// AccountsWithWebhooks returns those of accountIDs that have an
	// enabled subscription, in no particular order: whether ListWebhookRoutes
	// would find any, for many accounts in one query (the API's audit
	// writer asks it of every batch of records).
	AccountsWithWebhooks(ctx context.Context, accountIDs []string) ([]string, error)

	// InsertWebhookDelivery adds a delivery to the outbox.
	InsertWebhookDelivery(ctx context.Context, d *WebhookDelivery) error
	// GetWebhookDelivery returns one delivery of a subscription.
	GetWebhookDelivery(ctx context.Context, subscriptionID, id string) (*WebhookDelivery, error)
	// UpdateWebhookDelivery stores a delivery's progress.
	UpdateWebhookDelivery(ctx context.Context, d *WebhookDelivery) error
	// ListWebhookDeliveries returns up to limit deliveries of a
	// subscription, newest first, those before the delivery afterID when
	// it is not empty.
	ListWebhookDeliveries(ctx context.Context, subscriptionID, afterID string, limit int) ([]*WebhookDelivery, error)
	// ClaimWebhookDelivery takes the delivery of an enabled subscription
	// that has been due longest at due (PENDING, its next attempt and any
	// lease before due) and leases it to owner until leaseUntil; ENotFound
	// when none is due.
	ClaimWebhookDelivery(ctx context.Context, owner string, due, leaseUntil time.Time) (*WebhookDelivery, error)
	// ListLensReviewers returns the workloads reviewing lensARN, with
	// their owner accounts and the versions they are pinned to: whom a
	// new version of the lens concerns.
	ListLensReviewers(ctx context.Context, lensARN string) ([]LensReviewer, error)
	// WebhookQueue returns how many deliveries of enabled subscriptions
	// are due at now and when the oldest of them was created (zero when
	// none).
	WebhookQueue(ctx context.Context, now time.Time) (int, time.Time, error)
}

// LensReviewer is a workload reviewing a lens, as ListLensReviewers lists it.
type LensReviewer struct {
	WorkloadID, WorkloadARN, AccountID, LensVersion string
}
