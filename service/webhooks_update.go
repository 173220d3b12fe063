package service

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// UpdateWebhookSubscription changes a subscription's URL, filter or
// status. Enabling a disabled one forgets its failures: its pending
// deliveries are tried again from now.
func (s *Service) UpdateWebhookSubscription(ctx context.Context, id string, in WebhookInput) (*wat.WebhookSubscription, error) {
	if err := checkWebhook(in); err != nil {
		return nil, err
	}
	var out *wat.WebhookSubscription
	err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
		if out, err = s.webhookFor(ctx, tx, "UpdateWebhookSubscription", id); err != nil {
			return err
		}
		if in.URL != nil {
			out.URL = *in.URL
		}
		if in.DetailTypes != nil {
			out.DetailTypes = dedupe(*in.DetailTypes)
		}
		if in.Sources != nil {
			out.Sources = dedupe(*in.Sources)
		}
		if in.Enabled != nil {
			switch {
			case *in.Enabled && out.Status != wat.WebhookEnabled:
				out.Status, out.StatusReason, out.Failures = wat.WebhookEnabled, "", 0
			case !*in.Enabled && out.Status != wat.WebhookDisabled:
				out.Status, out.StatusReason = wat.WebhookDisabled, "Disabled by "+callerARN(ctx)
			}
		}
		out.UpdatedAt = s.nowUTC()
		return tx.UpdateWebhookSubscription(ctx, out)
	})
	return out, err
}

// callerARN is the ARN of the request's caller, "" without one.
func callerARN(ctx context.Context) string {
	if p := wat.PrincipalFromContext(ctx); p != nil {
		return p.UserARN
	}
	return ""
}

// DeleteWebhookSubscription deletes a subscription with its delivery log
// and whatever it had still to deliver.
func (s *Service) DeleteWebhookSubscription(ctx context.Context, id string) error {
	return s.store.Update(ctx, func(tx wat.Tx) error {
		sub, err := s.webhookFor(ctx, tx, "DeleteWebhookSubscription", id)
		if err != nil {
			return err
		}
		return tx.DeleteWebhookSubscription(ctx, sub.AccountID, sub.ID)
	})
}

// RotateWebhookSecret gives a subscription a new secret. The one it
// replaces keeps signing deliveries (both signatures are sent) for
// overlap, so a receiver can move to the new one without losing any; zero
// ends it at once. The result carries the new secret, shown this once.
func (s *Service) RotateWebhookSecret(ctx context.Context, id string, overlap time.Duration) (*wat.WebhookSubscription, error) {
	if overlap < 0 || overlap > 7*24*time.Hour {
		return nil, wat.Invalid("PreviousSecretValiditySeconds", "The old secret may stay valid from 0 seconds to 7 days")
	}
	var out *wat.WebhookSubscription
	err := s.store.Update(ctx, func(tx wat.Tx) (err error) {
		if out, err = s.webhookFor(ctx, tx, "RotateWebhookSecret", id); err != nil {
			return err
		}
		now := s.nowUTC()
		out.PreviousSecret, out.PreviousSecretExpires = out.Secret, now.Add(overlap)
		if overlap == 0 {
			out.PreviousSecret, out.PreviousSecretExpires = "", time.Time{}
		}
		out.Secret, out.UpdatedAt = newWebhookSecret(), now
		return tx.UpdateWebhookSubscription(ctx, out)
	})
	return out, err
}

// ListWebhookDeliveries lists a page of a subscription's delivery log,
// newest first.
func (s *Service) ListWebhookDeliveries(ctx context.Context, id, token string, max int) ([]*wat.WebhookDelivery, string, error) {
	t, err := decodeToken(token)
	if err != nil {
		return nil, "", err
	}
	n := pageSize(max, 50)
	var out []*wat.WebhookDelivery
	err = s.store.View(ctx, func(tx wat.Tx) error {
		sub, err := s.webhookFor(ctx, tx, "ListWebhookDeliveries", id)
		if err != nil {
			return err
		}
		out, err = tx.ListWebhookDeliveries(ctx, sub.ID, t.ID, n+1)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > n {
		out = out[:n]
		next = encodeToken(pageToken{ID: out[n-1].ID})
	}
	return out, next, nil
}

// RedeliverWebhook delivers the event of one delivery again, as a new
// delivery (a new webhook-id, the same event id in its body), whatever
// became of the first: a receiver deduplicating by webhook-id processes
// it again, which is what asking for a replay means.
func (s *Service) RedeliverWebhook(ctx context.Context, id, deliveryID string) (*wat.WebhookDelivery, error) {
	var out *wat.WebhookDelivery
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		sub, err := s.webhookFor(ctx, tx, "RedeliverWebhook", id)
		if err != nil {
			return err
		}
		d, err := tx.GetWebhookDelivery(ctx, sub.ID, deliveryID)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		out = &wat.WebhookDelivery{
			ID: newDeliveryID(now), SubscriptionID: sub.ID, AccountID: sub.AccountID, EventID: d.EventID,
			DetailType: d.DetailType, Payload: d.Payload, Status: wat.WebhookPending, NextAttemptAt: now, CreatedAt: now,
		}
		return tx.InsertWebhookDelivery(ctx, out)
	})
	return out, err
}
