package api_test

// The matrix rows of webhook subscriptions (api/webhooks.go), wat's own
// operations, called through internal/watclient with each column's
// credentials. Listing and creating act on the caller's own account
// (opAccount); the others act on the owner's subscription, which no other
// account can see (opLens: not found for them).

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// newWebhookTarget creates tg's subscription (never delivered to: the
// matrix runs no worker) and, in the store, a delivery of it to replay.
func (e *matrixEnv) newWebhookTarget(t *testing.T, store wat.Store, tg *matrixTarget, i int) {
	t.Helper()
	ctx := context.Background()
	out, err := watclient.FromSDK(e.owner).CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{
		Url: aws.String(fmt.Sprintf("https://hooks.example.com/matrix/%d", i)), DetailTypes: []string{wat.EventMilestoneCreated}})
	if err != nil {
		t.Fatal(err)
	}
	tg.webhookID, tg.webhookARN = aws.ToString(out.WebhookSubscription.SubscriptionId), aws.ToString(out.WebhookSubscription.SubscriptionArn)
	tg.webhookDelivery = fmt.Sprintf("msg_%016x", i+1)
	now := time.Now().UTC()
	if err := store.Update(ctx, func(tx wat.Tx) error {
		return tx.InsertWebhookDelivery(ctx, &wat.WebhookDelivery{ID: tg.webhookDelivery, SubscriptionID: tg.webhookID, AccountID: e.account,
			EventID: "matrix-event", DetailType: wat.EventMilestoneCreated, Payload: []byte(`{}`), Status: wat.WebhookDelivered,
			CreatedAt: now, DeliveredAt: now})
	}); err != nil {
		t.Fatal(err)
	}
	e.secrets = append(e.secrets, tg.webhookID, tg.webhookARN)
}

// theWebhook is the target subscription's ARN, which denials name.
func theWebhook(_ *matrixEnv, tg *matrixTarget) string { return tg.webhookARN }

// anyWebhook is the ARN pattern of the owner account's subscriptions,
// which the account-wide operations' denials name.
func anyWebhook(e *matrixEnv, _ *matrixTarget) string {
	return "arn:aws:wellarchitected:" + testserver.Region + ":" + e.account + ":webhook-subscription/*"
}

func webhookRows() []*matrixRow {
	id := func(tg *matrixTarget) *string { return aws.String(tg.webhookID) }
	row := func(op string, write bool, call func(ctx context.Context, c *watclient.Client, tg *matrixTarget) (any, error)) *matrixRow {
		return &matrixRow{op: op, kind: opLens, write: write, resource: theWebhook, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return call(ctx, watclient.FromSDK(c), tg)
		}}
	}
	get := row("GetWebhookSubscription", false, func(ctx context.Context, c *watclient.Client, tg *matrixTarget) (any, error) {
		return c.GetWebhookSubscription(ctx, &wire.GetWebhookSubscriptionInput{SubscriptionId: id(tg)})
	})
	get.effect = func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
		if s := out.(*wire.GetWebhookSubscriptionOutput).WebhookSubscription; aws.ToString(s.SubscriptionId) != tg.webhookID {
			t.Errorf("GetWebhookSubscription = %+v, want %s", s, tg.webhookID)
		}
	}
	deliveries := row("ListWebhookDeliveries", false, func(ctx context.Context, c *watclient.Client, tg *matrixTarget) (any, error) {
		return c.ListWebhookDeliveries(ctx, &wire.ListWebhookDeliveriesInput{SubscriptionId: id(tg)})
	})
	deliveries.effect = func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
		ds := out.(*wire.ListWebhookDeliveriesOutput).Deliveries
		if len(ds) == 0 || aws.ToString(ds[len(ds)-1].DeliveryId) != tg.webhookDelivery {
			t.Errorf("ListWebhookDeliveries = %+v, want %s among them", ds, tg.webhookDelivery)
		}
	}
	update := row("UpdateWebhookSubscription", true, func(ctx context.Context, c *watclient.Client, tg *matrixTarget) (any, error) {
		return c.UpdateWebhookSubscription(ctx, &wire.UpdateWebhookSubscriptionInput{SubscriptionId: id(tg), Url: aws.String("https://hooks.example.com/moved")})
	})
	update.effect = func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
		if u := aws.ToString(out.(*wire.UpdateWebhookSubscriptionOutput).WebhookSubscription.Url); u != "https://hooks.example.com/moved" {
			t.Errorf("UpdateWebhookSubscription left the URL %s", u)
		}
	}
	rotate := row("RotateWebhookSecret", true, func(ctx context.Context, c *watclient.Client, tg *matrixTarget) (any, error) {
		return c.RotateWebhookSecret(ctx, &wire.RotateWebhookSecretInput{SubscriptionId: id(tg)})
	})
	rotate.effect = func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
		if o := out.(*wire.RotateWebhookSecretOutput); aws.ToString(o.Secret) == "" || o.WebhookSubscription.PreviousSecretExpiresAt == nil {
			t.Errorf("RotateWebhookSecret = %+v, want a new secret and the old one's expiry", o)
		}
	}
	redeliver := row("RedeliverWebhook", true, func(ctx context.Context, c *watclient.Client, tg *matrixTarget) (any, error) {
		return c.RedeliverWebhook(ctx, &wire.RedeliverWebhookInput{SubscriptionId: id(tg), DeliveryId: aws.String(tg.webhookDelivery)})
	})
	redeliver.effect = func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
		if d := out.(*wire.RedeliverWebhookOutput).Delivery; d.Status != wire.WebhookDeliveryStatusPending || aws.ToString(d.DeliveryId) == tg.webhookDelivery {
			t.Errorf("RedeliverWebhook = %+v, want a new PENDING delivery", d)
		}
	}
	del := row("DeleteWebhookSubscription", true, func(ctx context.Context, c *watclient.Client, tg *matrixTarget) (any, error) {
		return c.DeleteWebhookSubscription(ctx, &wire.DeleteWebhookSubscriptionInput{SubscriptionId: id(tg)})
	})
	del.effect = func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
		_, err := watclient.FromSDK(e.owner).GetWebhookSubscription(context.Background(), &wire.GetWebhookSubscriptionInput{SubscriptionId: id(tg)})
		wantNotFound(t, err)
	}
	return []*matrixRow{
		{op: "ListWebhookSubscriptions", kind: opAccount, resource: anyWebhook, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return watclient.FromSDK(c).ListWebhookSubscriptions(ctx, &wire.ListWebhookSubscriptionsInput{MaxResults: aws.Int32(100)})
		}, effect: func(t *testing.T, e *matrixEnv, c *matrixCaller, tg *matrixTarget, out any) {
			own, found := accountOf(c.user) == e.account, false
			for _, s := range out.(*wire.ListWebhookSubscriptionsOutput).WebhookSubscriptions {
				found = found || aws.ToString(s.SubscriptionId) == tg.webhookID
			}
			if found != own {
				t.Errorf("ListWebhookSubscriptions lists the owner's subscription: %v, want %v", found, own)
			}
		}},
		{op: "CreateWebhookSubscription", kind: opAccount, write: true, resource: anyWebhook, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return watclient.FromSDK(c).CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{Url: aws.String("https://hooks.example.com/created")})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			s := out.(*wire.CreateWebhookSubscriptionOutput).WebhookSubscription
			if want := ":" + accountOf(c.user) + ":webhook-subscription/"; !strings.Contains(aws.ToString(s.SubscriptionArn), want) {
				t.Errorf("CreateWebhookSubscription made %s, want a subscription of the caller's account", aws.ToString(s.SubscriptionArn))
			}
			if _, err := watclient.FromSDK(c.client).DeleteWebhookSubscription(context.Background(), &wire.DeleteWebhookSubscriptionInput{SubscriptionId: s.SubscriptionId}); err != nil {
				t.Errorf("the creator deletes its subscription: %v", err)
			}
		}},
		get, deliveries, update, rotate, redeliver, del,
	}
}
