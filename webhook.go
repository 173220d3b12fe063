package wat

import (
	"math/rand/v2"
	"slices"
	"time"
)

// WebhookSubscription is where an account's events are delivered: an HTTP
// endpoint, the events it wants and the secret deliveries are signed with
// (the Standard Webhooks scheme; package webhook).
type WebhookSubscription struct {
	ID        string
	ARN       string
	AccountID string
	URL       string
	// DetailTypes and Sources select the events delivered; empty, all.
	DetailTypes []string
	Sources     []string
	Status      string // WebhookEnabled or WebhookDisabled
	// StatusReason says why a subscription was disabled.
	StatusReason string
	// Secret signs deliveries ("whsec_" + base64); PreviousSecret, until
	// PreviousSecretExpires, signs them too, so that a receiver can move
	// to the new one after a rotation.
	Secret                string
	PreviousSecret        string
	PreviousSecretExpires time.Time
	// Failures counts the deliveries abandoned in a row since the last
	// one that succeeded.
	Failures  int
	Tags      map[string]string
	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
}

// Webhook subscription statuses.
const (
	WebhookEnabled  = "ENABLED"
	WebhookDisabled = "DISABLED"
)

// Matches reports whether s wants e.
func (s *WebhookSubscription) Matches(e *Event) bool {
	return (len(s.DetailTypes) == 0 || slices.Contains(s.DetailTypes, e.DetailType)) &&
		(len(s.Sources) == 0 || slices.Contains(s.Sources, e.Source))
}

// Secrets returns the secrets a delivery made at now is signed with: the
// current one, then the previous one while it is still valid.
func (s *WebhookSubscription) Secrets(now time.Time) []string {
	out := []string{s.Secret}
	if s.PreviousSecret != "" && now.Before(s.PreviousSecretExpires) {
		out = append(out, s.PreviousSecret)
	}
	return out
}

// WebhookDelivery is one event to deliver to one subscription: a row of
// the outbox, claimed by a worker under a lease, tried until it succeeds or
// its retry window ends. Its ID is the Standard Webhooks message id
// (webhook-id), the same on every attempt, so receivers can deduplicate.
type WebhookDelivery struct {
	ID             string
	SubscriptionID string
	AccountID      string
	EventID        string
	DetailType     string
	Payload        []byte // the event's envelope, exactly as sent
	Status         string // WebhookPending, WebhookDelivered or WebhookFailed
	Attempts       int
	NextAttemptAt  time.Time
	LeaseOwner     string
	LeaseUntil     time.Time
	// LastStatus is the HTTP status of the last attempt (0: no response),
	// LastResponse an excerpt of its body, LastError why it failed.
	LastStatus   int
	LastResponse string
	LastError    string
	LastAttempt  time.Time
	CreatedAt    time.Time
	DeliveredAt  time.Time
}

// Webhook delivery statuses.
const (
	WebhookPending   = "PENDING"
	WebhookDelivered = "DELIVERED"
	WebhookFailed    = "FAILED"
)

// WebhookRetryWindow is how long a delivery is retried before it is
// abandoned.
const WebhookRetryWindow = 24 * time.Hour

// WebhookDisableAfter is how many deliveries abandoned in a row disable a
// subscription: an endpoint that has failed for a whole retry window
// this many times over is gone, not slow.
const WebhookDisableAfter = 3

// WebhookBackoff is the wait before retry number attempt (1 for the first
// retry): base doubled each time up to max, then a random part of it
// (full jitter between half and all of it), so that a receiver coming back
// is not hit by every retry at once.
func WebhookBackoff(attempt int, base, max time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}
