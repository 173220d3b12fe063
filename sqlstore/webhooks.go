package sqlstore

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// Webhook subscriptions (0017_webhooks). Their signing secrets are sealed
// with the master key, bound to the subscription, and opened on every
// read: the delivery worker signs with them.

var _ wat.WebhookTx = (*tx)(nil)

// webhookSecretAD binds a sealed secret to its subscription and slot: a
// value copied onto another row, or into the other slot, does not decrypt.
func webhookSecretAD(id, slot string) []byte { return []byte("wat webhook secret " + slot + " " + id) }

func webhookNotFound(id string) *wat.Error {
	return wat.NotFound("WEBHOOK_SUBSCRIPTION", id, "Webhook subscription %s not found", id)
}

const webhookColumns = `id, arn, account_id, url, detail_types, sources, status, status_reason, secret,
	previous_secret, previous_secret_expires, failures, tags, created_at, created_by, updated_at`

// seal returns the stored form of a secret, empty for none.
func (t *tx) sealWebhookSecret(id, slot, secret string) []byte {
	if secret == "" {
		return []byte{}
	}
	return t.db.sealer.sealWith(webhookSecretAD(id, slot), secret)
}

// InsertWebhookSubscription stores a new subscription.
func (t *tx) InsertWebhookSubscription(ctx context.Context, s *wat.WebhookSubscription) error {
	_, err := t.exec(ctx, `INSERT INTO webhook_subscriptions (`+webhookColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.ARN, s.AccountID, s.URL, listText(s.DetailTypes), listText(s.Sources), s.Status, s.StatusReason,
		t.sealWebhookSecret(s.ID, "current", s.Secret), t.sealWebhookSecret(s.ID, "previous", s.PreviousSecret),
		timeValue(s.PreviousSecretExpires), s.Failures, mapText(s.Tags), timeValue(s.CreatedAt), s.CreatedBy, timeValue(s.UpdatedAt))
	if err != nil {
		return fail("InsertWebhookSubscription", s.ID, err, outcomes{
			conflict: wat.Conflict("WEBHOOK_SUBSCRIPTION", s.ID, "Webhook subscription %s already exists", s.ID),
			parent:   accountNotFound(s.AccountID),
		})
	}
	return nil
}

// GetWebhookSubscription returns one of an account's subscriptions.
func (t *tx) GetWebhookSubscription(ctx context.Context, accountID, id string) (*wat.WebhookSubscription, error) {
	s, err := t.scanWebhook(t.queryRow(ctx, `SELECT `+webhookColumns+` FROM webhook_subscriptions
		WHERE account_id = ? AND id = ?`, accountID, id))
	if err != nil {
		return nil, fail("GetWebhookSubscription", id, err, outcomes{missing: webhookNotFound(id)})
	}
	return s, nil
}

// UpdateWebhookSubscription stores a subscription's changes.
func (t *tx) UpdateWebhookSubscription(ctx context.Context, s *wat.WebhookSubscription) error {
	res, err := t.exec(ctx, `UPDATE webhook_subscriptions SET url = ?, detail_types = ?, sources = ?, status = ?,
		status_reason = ?, secret = ?, previous_secret = ?, previous_secret_expires = ?, failures = ?, tags = ?,
		updated_at = ? WHERE account_id = ? AND id = ?`,
		s.URL, listText(s.DetailTypes), listText(s.Sources), s.Status, s.StatusReason,
		t.sealWebhookSecret(s.ID, "current", s.Secret), t.sealWebhookSecret(s.ID, "previous", s.PreviousSecret),
		timeValue(s.PreviousSecretExpires), s.Failures, mapText(s.Tags), timeValue(s.UpdatedAt), s.AccountID, s.ID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateWebhookSubscription", s.ID, err, outcomes{missing: webhookNotFound(s.ID)})
	}
	return nil
}

// DeleteWebhookSubscription removes a subscription; its deliveries go with
// it (ON DELETE CASCADE).
func (t *tx) DeleteWebhookSubscription(ctx context.Context, accountID, id string) error {
	res, err := t.exec(ctx, `DELETE FROM webhook_subscriptions WHERE account_id = ? AND id = ?`, accountID, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteWebhookSubscription", id, err, outcomes{missing: webhookNotFound(id)})
	}
	return nil
}

// ListWebhookSubscriptions returns an account's subscriptions by ID.
func (t *tx) ListWebhookSubscriptions(ctx context.Context, accountID string) ([]*wat.WebhookSubscription, error) {
	rows, err := t.query(ctx, `SELECT `+webhookColumns+` FROM webhook_subscriptions
		WHERE account_id = ? ORDER BY id`, accountID)
	if err != nil {
		return nil, fail("ListWebhookSubscriptions", accountID, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.WebhookSubscription
	for rows.Next() {
		s, err := t.scanWebhook(rows)
		if err != nil {
			return nil, fail("ListWebhookSubscriptions", accountID, err, outcomes{})
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListWebhookSubscriptions", accountID, err, outcomes{})
	}
	return out, nil
}

// ListWebhookRoutes returns an account's enabled subscriptions with their
// filters alone. Every mutating call and answer saved asks it, so neither
// the secrets (an AES-GCM open each) nor the URL and tags are read.
func (t *tx) ListWebhookRoutes(ctx context.Context, accountID string) ([]*wat.WebhookSubscription, error) {
	rows, err := t.query(ctx, `SELECT id, detail_types, sources FROM webhook_subscriptions
		WHERE account_id = ? AND status = 'ENABLED' ORDER BY id`, accountID)
	if err != nil {
		return nil, fail("ListWebhookRoutes", accountID, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.WebhookSubscription
	for rows.Next() {
		s := &wat.WebhookSubscription{AccountID: accountID, Status: wat.WebhookEnabled}
		var types, sources string
		if err := rows.Scan(&s.ID, &types, &sources); err != nil {
			return nil, fail("ListWebhookRoutes", accountID, err, outcomes{})
		}
		var d decoder
		if s.DetailTypes, s.Sources = d.list(types), d.list(sources); d.err != nil {
			return nil, fail("ListWebhookRoutes", accountID, d.err, outcomes{})
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListWebhookRoutes", accountID, err, outcomes{})
	}
	return out, nil
}

// AccountsWithWebhooks returns those of accountIDs that have an enabled
// subscription.
func (t *tx) AccountsWithWebhooks(ctx context.Context, accountIDs []string) ([]string, error) {
	if len(accountIDs) == 0 {
		return nil, nil
	}
	rows, err := t.query(ctx, `SELECT DISTINCT account_id FROM webhook_subscriptions
		WHERE `+t.inJSON("account_id")+` AND status = 'ENABLED'`, listText(accountIDs))
	if err != nil {
		return nil, fail("AccountsWithWebhooks", "", err, outcomes{})
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fail("AccountsWithWebhooks", "", err, outcomes{})
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("AccountsWithWebhooks", "", err, outcomes{})
	}
	return out, nil
}

func (t *tx) scanWebhook(sc scanner) (*wat.WebhookSubscription, error) {
	var (
		s                      wat.WebhookSubscription
		types, sources, tags   string
		secret, previousSecret []byte
	)
	err := sc.Scan(&s.ID, &s.ARN, &s.AccountID, &s.URL, &types, &sources, &s.Status, &s.StatusReason, &secret,
		&previousSecret, timeScanner{&s.PreviousSecretExpires}, &s.Failures, &tags,
		timeScanner{&s.CreatedAt}, &s.CreatedBy, timeScanner{&s.UpdatedAt})
	if err != nil {
		return nil, err
	}
	var d decoder
	s.DetailTypes, s.Sources, s.Tags = d.list(types), d.list(sources), d.stringMap(tags)
	if d.err != nil {
		return nil, d.err
	}
	if s.Secret, err = t.db.sealer.openWith(webhookSecretAD(s.ID, "current"), secret); err != nil {
		return nil, fmt.Errorf("webhook subscription %s: %w", s.ID, err)
	}
	if len(previousSecret) > 0 {
		if s.PreviousSecret, err = t.db.sealer.openWith(webhookSecretAD(s.ID, "previous"), previousSecret); err != nil {
			return nil, fmt.Errorf("webhook subscription %s: %w", s.ID, err)
		}
	}
	return &s, nil
}
