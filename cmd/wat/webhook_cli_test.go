package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// adminWebhook is what the webhook-* commands print of a subscription.
type adminWebhook struct {
	SubscriptionId, SubscriptionArn, Url, Status, StatusReason, Secret string
	DetailTypes, Sources                                               []string
	ConsecutiveFailures                                                int
	CreatedAt, UpdatedAt, PreviousSecretExpiresAt                      float64
}

// TestAdminWebhooks: an operator manages an account's subscriptions; the
// secret is printed when created and rotated only, and bad input is
// refused naming the field.
func TestAdminWebhooks(t *testing.T) {
	_, a := newDataDir(t)
	var sub adminWebhook
	a.do(t, &sub, "webhook-create", "--url", "https://hooks.example.com/wa", "--detail-types", "Well-Architected Milestone Created")
	if !strings.HasPrefix(sub.Secret, "whsec_") || sub.Status != "ENABLED" || len(sub.DetailTypes) != 1 || !strings.HasPrefix(sub.SubscriptionId, "wh-") {
		t.Fatalf("webhook-create printed %+v", sub)
	}
	var list []adminWebhook
	a.do(t, &list, "webhook-list")
	if len(list) != 1 || list[0].SubscriptionId != sub.SubscriptionId || list[0].Secret != "" {
		t.Errorf("webhook-list printed %+v, want the subscription without its secret", list)
	}
	var upd adminWebhook
	a.do(t, &upd, "webhook-update", "--id", sub.SubscriptionId, "--enabled", "false", "--detail-types", "")
	if upd.Status != "DISABLED" || len(upd.DetailTypes) != 0 || upd.Secret != "" {
		t.Errorf("webhook-update printed %+v, want DISABLED, every detail-type, no secret", upd)
	}
	var rot adminWebhook
	a.do(t, &rot, "webhook-rotate-secret", "--id", sub.SubscriptionId)
	if !strings.HasPrefix(rot.Secret, "whsec_") || rot.Secret == sub.Secret {
		t.Errorf("webhook-rotate-secret printed %+v, want a new secret", rot)
	}
	var ds []any
	a.do(t, &ds, "webhook-deliveries", "--id", sub.SubscriptionId)
	if len(ds) != 0 {
		t.Errorf("webhook-deliveries printed %v, want none", ds)
	}
	a.fail(t, 1, []string{"msg_00 not found"}, "webhook-redeliver", "--id", sub.SubscriptionId, "--delivery", "msg_00")
	a.fail(t, 1, []string{"Url", "http or https"}, "webhook-create", "--url", "ftp://hooks.example.com/wa")
	a.fail(t, 2, []string{"--enabled"}, "webhook-update", "--id", sub.SubscriptionId, "--enabled", "maybe")
	var deleted map[string]string
	a.do(t, &deleted, "webhook-delete", "--id", sub.SubscriptionId)
	if deleted["Status"] != "DELETED" {
		t.Errorf("webhook-delete printed %v", deleted)
	}
	a.do(t, &list, "webhook-list")
	if len(list) != 0 {
		t.Errorf("after webhook-delete, webhook-list printed %+v", list)
	}
}

// TestWebhookServeRefusesLoopback: `wat serve` without --webhook-allow
// never connects to a receiver on loopback, and its delivery log says why.
func TestWebhookServeRefusesLoopback(t *testing.T) {
	var hits atomic.Int32
	rcv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer rcv.Close()
	dir := t.TempDir()
	p := startWatProcess(t, webhookEnv(), "--listen", "127.0.0.1:0", "--data-dir", dir)
	creds := readCredentials(t, dir)
	c := sdkClient(p.Endpoint, creds[0], creds[1])
	ctx := context.Background()
	// Named by a host name, as an attacker would, to pass any check of the
	// URL's text.
	url := strings.Replace(rcv.URL, "127.0.0.1", "localhost", 1)
	sub, err := watclient.FromSDK(c).CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{Url: aws.String(url)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{}); err != nil {
		t.Fatal(err)
	}
	var last string
	waitFor(t, "a refused attempt in the delivery log", func() bool {
		out, err := watclient.FromSDK(c).ListWebhookDeliveries(ctx, &wire.ListWebhookDeliveriesInput{SubscriptionId: sub.WebhookSubscription.SubscriptionId})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range out.Deliveries {
			if last = aws.ToString(d.LastError); strings.Contains(last, "not allowed") {
				return true
			}
		}
		return false
	})
	if hits.Load() != 0 {
		t.Errorf("the receiver on loopback got %d requests", hits.Load())
	}
	t.Logf("delivery log: %s", last)
}
