package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// actionsWebhook makes the admin's subscription the webhook operations of
// TestWatOperationsAuthorisedAsTheModelSays act on, and a delivery of it
// to redeliver (in the store: the test runs no worker).
func actionsWebhook(t *testing.T, srv *testserver.Server) (id, arn, delivery string) {
	t.Helper()
	ctx := context.Background()
	out, err := watclient.FromSDK(srv.Client).CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{
		Url: aws.String("https://hooks.example.com/actions"), DetailTypes: []string{wat.EventMilestoneCreated}})
	if err != nil {
		t.Fatal(err)
	}
	id, arn = aws.ToString(out.WebhookSubscription.SubscriptionId), aws.ToString(out.WebhookSubscription.SubscriptionArn)
	delivery = "msg_00000000000000a1"
	now := time.Now().UTC()
	if err := srv.Store.Update(ctx, func(tx wat.Tx) error {
		return tx.InsertWebhookDelivery(ctx, &wat.WebhookDelivery{ID: delivery, SubscriptionID: id, AccountID: srv.Admin.AccountID,
			EventID: "actions-event", DetailType: wat.EventMilestoneCreated, Payload: []byte(`{}`), Status: wat.WebhookDelivered,
			CreatedAt: now, DeliveredAt: now})
	}); err != nil {
		t.Fatal(err)
	}
	return id, arn, delivery
}

// webhookActionCalls calls each webhook operation once as c. Deleting
// acts on a subscription the admin makes for that call, so that the
// others keep theirs.
func webhookActionCalls(ctx context.Context, srv *testserver.Server, hook, delivery string) map[string]func(c *watclient.Client) error {
	made := 0
	return map[string]func(c *watclient.Client) error{
		"CreateWebhookSubscription": func(c *watclient.Client) error {
			_, err := c.CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{Url: aws.String("https://hooks.example.com/created")})
			return err
		},
		"ListWebhookSubscriptions": func(c *watclient.Client) error {
			_, err := c.ListWebhookSubscriptions(ctx, &wire.ListWebhookSubscriptionsInput{})
			return err
		},
		"GetWebhookSubscription": func(c *watclient.Client) error {
			_, err := c.GetWebhookSubscription(ctx, &wire.GetWebhookSubscriptionInput{SubscriptionId: &hook})
			return err
		},
		"UpdateWebhookSubscription": func(c *watclient.Client) error {
			_, err := c.UpdateWebhookSubscription(ctx, &wire.UpdateWebhookSubscriptionInput{SubscriptionId: &hook, Url: aws.String("https://hooks.example.com/moved")})
			return err
		},
		"RotateWebhookSecret": func(c *watclient.Client) error {
			_, err := c.RotateWebhookSecret(ctx, &wire.RotateWebhookSecretInput{SubscriptionId: &hook})
			return err
		},
		"ListWebhookDeliveries": func(c *watclient.Client) error {
			_, err := c.ListWebhookDeliveries(ctx, &wire.ListWebhookDeliveriesInput{SubscriptionId: &hook})
			return err
		},
		"RedeliverWebhook": func(c *watclient.Client) error {
			_, err := c.RedeliverWebhook(ctx, &wire.RedeliverWebhookInput{SubscriptionId: &hook, DeliveryId: &delivery})
			return err
		},
		"DeleteWebhookSubscription": func(c *watclient.Client) error {
			made++
			out, err := watclient.FromSDK(srv.Client).CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{
				Url: aws.String(fmt.Sprintf("https://hooks.example.com/doomed/%d", made))})
			if err != nil {
				return err
			}
			_, err = c.DeleteWebhookSubscription(ctx, &wire.DeleteWebhookSubscriptionInput{SubscriptionId: out.WebhookSubscription.SubscriptionId})
			return err
		},
	}
}
