package api

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// Webhook subscriptions are wat's own operations (spec/wat.json): the
// handlers translate between the wire and service/webhooks*.go. A
// subscription's secret leaves the server in the answers of
// CreateWebhookSubscription and RotateWebhookSecret only; the model marks
// it sensitive, so the audit log masks it there too.

// CreateWebhookSubscription subscribes an endpoint to the account's events.
func (h *handler) CreateWebhookSubscription(ctx context.Context, in *wire.CreateWebhookSubscriptionInput) (*wire.CreateWebhookSubscriptionOutput, error) {
	sub, err := h.svc.CreateWebhookSubscription(ctx, service.WebhookInput{
		URL: in.Url, DetailTypes: listOrNil(in.DetailTypes), Sources: listOrNil(in.Sources), Enabled: in.Enabled,
		ClientRequestToken: val(in.ClientRequestToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.CreateWebhookSubscriptionOutput{WebhookSubscription: webhookOut(sub), Secret: ptr(sub.Secret)}, nil
}

// GetWebhookSubscription reads one subscription.
func (h *handler) GetWebhookSubscription(ctx context.Context, in *wire.GetWebhookSubscriptionInput) (*wire.GetWebhookSubscriptionOutput, error) {
	sub, err := h.svc.GetWebhookSubscription(ctx, val(in.SubscriptionId))
	if err != nil {
		return nil, err
	}
	return &wire.GetWebhookSubscriptionOutput{WebhookSubscription: webhookOut(sub)}, nil
}

// ListWebhookSubscriptions lists a page of the account's subscriptions.
func (h *handler) ListWebhookSubscriptions(ctx context.Context, in *wire.ListWebhookSubscriptionsInput) (*wire.ListWebhookSubscriptionsOutput, error) {
	subs, next, err := h.svc.ListWebhookSubscriptions(ctx, val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListWebhookSubscriptionsOutput{WebhookSubscriptions: make([]wire.WebhookSubscription, 0, len(subs)), NextToken: str(next)}
	for _, s := range subs {
		out.WebhookSubscriptions = append(out.WebhookSubscriptions, *webhookOut(s))
	}
	return out, nil
}

// UpdateWebhookSubscription changes a subscription.
func (h *handler) UpdateWebhookSubscription(ctx context.Context, in *wire.UpdateWebhookSubscriptionInput) (*wire.UpdateWebhookSubscriptionOutput, error) {
	sub, err := h.svc.UpdateWebhookSubscription(ctx, val(in.SubscriptionId), service.WebhookInput{
		URL: in.Url, DetailTypes: listOrNil(in.DetailTypes), Sources: listOrNil(in.Sources), Enabled: in.Enabled,
	})
	if err != nil {
		return nil, err
	}
	return &wire.UpdateWebhookSubscriptionOutput{WebhookSubscription: webhookOut(sub)}, nil
}

// DeleteWebhookSubscription deletes a subscription.
func (h *handler) DeleteWebhookSubscription(ctx context.Context, in *wire.DeleteWebhookSubscriptionInput) (*wire.DeleteWebhookSubscriptionOutput, error) {
	if err := h.svc.DeleteWebhookSubscription(ctx, val(in.SubscriptionId)); err != nil {
		return nil, err
	}
	return &wire.DeleteWebhookSubscriptionOutput{}, nil
}

// RotateWebhookSecret gives a subscription a new secret.
func (h *handler) RotateWebhookSecret(ctx context.Context, in *wire.RotateWebhookSecretInput) (*wire.RotateWebhookSecretOutput, error) {
	overlap := service.DefaultSecretOverlap
	if in.PreviousSecretValiditySeconds != nil {
		overlap = time.Duration(*in.PreviousSecretValiditySeconds) * time.Second
	}
	sub, err := h.svc.RotateWebhookSecret(ctx, val(in.SubscriptionId), overlap)
	if err != nil {
		return nil, err
	}
	return &wire.RotateWebhookSecretOutput{WebhookSubscription: webhookOut(sub), Secret: ptr(sub.Secret)}, nil
}

// ListWebhookDeliveries lists a page of a subscription's delivery log.
func (h *handler) ListWebhookDeliveries(ctx context.Context, in *wire.ListWebhookDeliveriesInput) (*wire.ListWebhookDeliveriesOutput, error) {
	ds, next, err := h.svc.ListWebhookDeliveries(ctx, val(in.SubscriptionId), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListWebhookDeliveriesOutput{Deliveries: make([]wire.WebhookDelivery, 0, len(ds)), NextToken: str(next)}
	for _, d := range ds {
		out.Deliveries = append(out.Deliveries, *deliveryOut(d))
	}
	return out, nil
}

// RedeliverWebhook replays one delivery's event.
func (h *handler) RedeliverWebhook(ctx context.Context, in *wire.RedeliverWebhookInput) (*wire.RedeliverWebhookOutput, error) {
	d, err := h.svc.RedeliverWebhook(ctx, val(in.SubscriptionId), val(in.DeliveryId))
	if err != nil {
		return nil, err
	}
	return &wire.RedeliverWebhookOutput{Delivery: deliveryOut(d)}, nil
}

// listOrNil is a list the request sent, or nil when it sent none.
func listOrNil(l []string) *[]string {
	if l == nil {
		return nil
	}
	return &l
}

func webhookOut(s *wat.WebhookSubscription) *wire.WebhookSubscription {
	return &wire.WebhookSubscription{
		SubscriptionId: ptr(s.ID), SubscriptionArn: ptr(s.ARN), Url: ptr(s.URL),
		DetailTypes: nonNil(s.DetailTypes), Sources: nonNil(s.Sources), Status: wire.WebhookStatus(s.Status),
		StatusReason: str(s.StatusReason), PreviousSecretExpiresAt: ts(previousExpiry(s)),
		ConsecutiveFailures: ptr(int32(s.Failures)), CreatedAt: ts(s.CreatedAt), UpdatedAt: ts(s.UpdatedAt),
	}
}

// previousExpiry is when a rotated-out secret stops signing; zero without one.
func previousExpiry(s *wat.WebhookSubscription) time.Time {
	if s.PreviousSecret == "" {
		return time.Time{}
	}
	return s.PreviousSecretExpires
}

func deliveryOut(d *wat.WebhookDelivery) *wire.WebhookDelivery {
	out := &wire.WebhookDelivery{
		DeliveryId: ptr(d.ID), EventId: ptr(d.EventID), DetailType: ptr(d.DetailType),
		Status: wire.WebhookDeliveryStatus(d.Status), Attempts: ptr(int32(d.Attempts)),
		LastAttemptAt: ts(d.LastAttempt), LastResponseBody: str(d.LastResponse), LastError: str(d.LastError),
		CreatedAt: ts(d.CreatedAt), DeliveredAt: ts(d.DeliveredAt),
	}
	if d.Status == wat.WebhookPending {
		out.NextAttemptAt = ts(d.NextAttemptAt)
	}
	if d.LastStatus != 0 {
		out.LastResponseStatus = ptr(int32(d.LastStatus))
	}
	return out
}

// WebhookJSON is a subscription as the API answers it, for `wat admin`;
// with secret, as CreateWebhookSubscription and RotateWebhookSecret
// answer it.
func WebhookJSON(s *wat.WebhookSubscription, secret bool) any {
	out := struct {
		*wire.WebhookSubscription
		Secret string `json:",omitempty"`
	}{WebhookSubscription: webhookOut(s)}
	if secret {
		out.Secret = s.Secret
	}
	return out
}

// DeliveryJSON is a delivery as ListWebhookDeliveries answers it.
func DeliveryJSON(d *wat.WebhookDelivery) any { return deliveryOut(d) }
