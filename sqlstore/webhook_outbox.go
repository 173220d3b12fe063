package sqlstore

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// The webhook outbox (0017_webhooks): a row per event and subscription,
// claimed by the delivery workers of every replica under a lease.

const webhookDeliveryColumns = `id, subscription_id, account_id, event_id, detail_type, payload, status, attempts,
	next_attempt_at, lease_owner, lease_until, last_status, last_response, last_error, last_attempt,
	created_at, delivered_at`

func webhookDeliveryNotFound(id string) *wat.Error {
	return wat.NotFound("WEBHOOK_DELIVERY", id, "Webhook delivery %s not found", id)
}

// InsertWebhookDelivery adds a delivery to the outbox.
func (t *tx) InsertWebhookDelivery(ctx context.Context, d *wat.WebhookDelivery) error {
	_, err := t.exec(ctx, `INSERT INTO webhook_deliveries (`+webhookDeliveryColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.SubscriptionID, d.AccountID, d.EventID, d.DetailType, string(d.Payload), d.Status, d.Attempts,
		timeValue(d.NextAttemptAt), d.LeaseOwner, timeValue(d.LeaseUntil), d.LastStatus, d.LastResponse, d.LastError,
		timeValue(d.LastAttempt), timeValue(d.CreatedAt), timeValue(d.DeliveredAt))
	if err != nil {
		return fail("InsertWebhookDelivery", d.ID, err, outcomes{
			conflict: wat.Conflict("WEBHOOK_DELIVERY", d.ID, "Webhook delivery %s already exists", d.ID),
			parent:   webhookNotFound(d.SubscriptionID),
		})
	}
	return nil
}

// GetWebhookDelivery returns one delivery of a subscription.
func (t *tx) GetWebhookDelivery(ctx context.Context, subscriptionID, id string) (*wat.WebhookDelivery, error) {
	d, err := scanWebhookDelivery(t.queryRow(ctx, `SELECT `+webhookDeliveryColumns+` FROM webhook_deliveries
		WHERE subscription_id = ? AND id = ?`, subscriptionID, id))
	if err != nil {
		return nil, fail("GetWebhookDelivery", id, err, outcomes{missing: webhookDeliveryNotFound(id)})
	}
	return d, nil
}

// UpdateWebhookDelivery stores a delivery's progress.
func (t *tx) UpdateWebhookDelivery(ctx context.Context, d *wat.WebhookDelivery) error {
	res, err := t.exec(ctx, `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,
		lease_owner = ?, lease_until = ?, last_status = ?, last_response = ?, last_error = ?, last_attempt = ?,
		delivered_at = ? WHERE subscription_id = ? AND id = ?`,
		d.Status, d.Attempts, timeValue(d.NextAttemptAt), d.LeaseOwner, timeValue(d.LeaseUntil), d.LastStatus,
		d.LastResponse, d.LastError, timeValue(d.LastAttempt), timeValue(d.DeliveredAt), d.SubscriptionID, d.ID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateWebhookDelivery", d.ID, err, outcomes{missing: webhookDeliveryNotFound(d.ID)})
	}
	return nil
}

// ListWebhookDeliveries returns a page of a subscription's delivery log,
// newest first: delivery IDs grow with time.
func (t *tx) ListWebhookDeliveries(ctx context.Context, subscriptionID, afterID string, limit int) ([]*wat.WebhookDelivery, error) {
	q := `SELECT ` + webhookDeliveryColumns + ` FROM webhook_deliveries WHERE subscription_id = ?`
	args := []any{subscriptionID}
	if afterID != "" {
		q += ` AND id < ?`
		args = append(args, afterID)
	}
	rows, err := t.query(ctx, q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fail("ListWebhookDeliveries", subscriptionID, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.WebhookDelivery
	for rows.Next() {
		d, err := scanWebhookDelivery(rows)
		if err != nil {
			return nil, fail("ListWebhookDeliveries", subscriptionID, err, outcomes{})
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListWebhookDeliveries", subscriptionID, err, outcomes{})
	}
	return out, nil
}

// ClaimWebhookDelivery takes the delivery due longest, of an enabled
// subscription. On PostgreSQL the row is locked with SKIP LOCKED, so that
// replicas claiming together take different deliveries; on SQLite the
// single writer serialises claims.
func (t *tx) ClaimWebhookDelivery(ctx context.Context, owner string, now, leaseUntil time.Time) (*wat.WebhookDelivery, error) {
	q := `SELECT ` + webhookDeliveryColumns + ` FROM webhook_deliveries d
		WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND d.lease_until < ?
		AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_id AND s.status = 'ENABLED')
		ORDER BY d.next_attempt_at, d.id LIMIT 1`
	if t.db.dialect.name == "postgres" {
		q += ` FOR UPDATE OF d SKIP LOCKED`
	}
	d, err := scanWebhookDelivery(t.queryRow(ctx, q, timeValue(now), timeValue(now)))
	if err != nil {
		return nil, fail("ClaimWebhookDelivery", owner, err, outcomes{
			missing: wat.NotFound("WEBHOOK_DELIVERY", "", "No webhook delivery is due")})
	}
	d.LeaseOwner, d.LeaseUntil = owner, storedTime(leaseUntil)
	if err := t.UpdateWebhookDelivery(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// WebhookQueue measures the outbox: deliveries of enabled subscriptions
// due now (leased or not) and the creation of the oldest.
func (t *tx) WebhookQueue(ctx context.Context, now time.Time) (int, time.Time, error) {
	var (
		n      int
		oldest time.Time
	)
	err := t.queryRow(ctx, `SELECT COUNT(*), MIN(d.created_at) FROM webhook_deliveries d
		WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
		AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_id AND s.status = 'ENABLED')`,
		timeValue(now)).Scan(&n, nullTime{&oldest})
	if err != nil {
		return 0, time.Time{}, fail("WebhookQueue", "", err, outcomes{})
	}
	return n, oldest, nil
}

// ListLensReviewers returns the workloads reviewing a lens.
func (t *tx) ListLensReviewers(ctx context.Context, lensARN string) ([]wat.LensReviewer, error) {
	rows, err := t.query(ctx, `SELECT w.id, w.arn, w.account_id, r.lens_version FROM lens_reviews r
		JOIN workloads w ON w.id = r.workload_id WHERE r.lens_arn = ? ORDER BY w.id`, lensARN)
	if err != nil {
		return nil, fail("ListLensReviewers", lensARN, err, outcomes{})
	}
	defer rows.Close()
	var out []wat.LensReviewer
	for rows.Next() {
		var r wat.LensReviewer
		if err := rows.Scan(&r.WorkloadID, &r.WorkloadARN, &r.AccountID, &r.LensVersion); err != nil {
			return nil, fail("ListLensReviewers", lensARN, err, outcomes{})
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListLensReviewers", lensARN, err, outcomes{})
	}
	return out, nil
}

func scanWebhookDelivery(s scanner) (*wat.WebhookDelivery, error) {
	var (
		d       wat.WebhookDelivery
		payload string
	)
	err := s.Scan(&d.ID, &d.SubscriptionID, &d.AccountID, &d.EventID, &d.DetailType, &payload, &d.Status, &d.Attempts,
		timeScanner{&d.NextAttemptAt}, &d.LeaseOwner, timeScanner{&d.LeaseUntil}, &d.LastStatus, &d.LastResponse,
		&d.LastError, timeScanner{&d.LastAttempt}, timeScanner{&d.CreatedAt}, timeScanner{&d.DeliveredAt})
	if err != nil {
		return nil, err
	}
	d.Payload = []byte(payload)
	return &d, nil
}

// nullTime scans a time that may be NULL (an aggregate over no row).
type nullTime struct{ t *time.Time }

// Scan reads NULL as the zero time and anything else as timeScanner does.
func (n nullTime) Scan(src any) error {
	if src == nil {
		*n.t = time.Time{}
		return nil
	}
	return timeScanner(n).Scan(src)
}
