package api_test

// Webhook subscriptions end to end: events of API calls and wat's own,
// signed deliveries to a receiver, the delivery log, the refusal of
// loopback receivers by default, rotation, replay, backoff and automatic
// disabling. The delivery worker runs synchronously here; the test with
// real `wat serve` processes killed mid-delivery is in cmd/wat.

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/webhook"
)

// TestWebhookEvents: a mutating call is delivered as EventBridge delivers
// CloudTrail records (names masked as in the audit log), a risk change and
// a milestone as wat's own events, each signed, each in the delivery log;
// a filter delivers only what it names; the secret is in no audit record
// or event. A receiver on loopback is refused until the operator allows it.
func TestWebhookEvents(t *testing.T) { forEachBackend(t, testWebhookEvents) }

func testWebhookEvents(t *testing.T, srv *testserver.Server) {
	ctx := context.Background()
	c := watclient.FromSDK(srv.Client)
	all, milestones := newHookReceiver(t), newHookReceiver(t)
	sub, secret := subscribe(t, c, all.URL)
	all.trust(secret)
	_, msecret := subscribe(t, c, milestones.URL+"/milestones", wat.EventMilestoneCreated)
	milestones.trust(msecret)
	if !strings.HasPrefix(secret, webhook.SecretPrefix) || sub.Status != wire.WebhookStatusEnabled {
		t.Fatalf("CreateWebhookSubscription = %+v, secret %q; want ENABLED with a whsec_ secret", sub, secret)
	}

	id := createWorkload(t, srv.Client, workloadInput("Webhook Secret Name"))
	if _, err := srv.Client.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
		QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Client.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Webhook baseline")}); err != nil {
		t.Fatal(err)
	}

	// By default the worker refuses the receivers: they are on loopback.
	refusing := loopbackWorker(t)
	refusing.Sender, refusing.BackoffBase, refusing.BackoffMax = webhook.NewSender(nil), time.Millisecond, time.Millisecond
	deliver(t, srv, refusing)
	if n := len(all.messages()) + len(milestones.messages()); n != 0 {
		t.Fatalf("a worker without --webhook-allow delivered %d messages to loopback", n)
	}
	log := deliveries(t, c, sub.SubscriptionId)
	if len(log) == 0 || log[0].Status != wire.WebhookDeliveryStatusPending || !strings.Contains(aws.ToString(log[0].LastError), "not allowed") {
		t.Fatalf("a refused delivery's log = %+v, want PENDING with the refusal as its last error", log)
	}
	time.Sleep(5 * time.Millisecond) // past the refused deliveries' backoff
	deliver(t, srv, loopbackWorker(t))

	got := all.messages()
	for _, m := range got {
		if !m.Verified[secret] {
			t.Errorf("message %s (%s) does not verify with the subscription's secret", m.ID, m.Env.DetailType)
		}
		if strings.Contains(string(m.Body), strings.TrimPrefix(secret, webhook.SecretPrefix)) || strings.Contains(string(m.Body), "Webhook Secret Name") {
			t.Errorf("message %s carries the secret or the workload's name: %s", m.ID, m.Body)
		}
	}
	var create *hookMessage
	for i, m := range hooksOfType(got, wat.EventAPICall) {
		var d struct {
			EventName         string         `json:"eventName"`
			RequestParameters map[string]any `json:"requestParameters"`
			UserIdentity      struct {
				AccountID string `json:"accountId"`
			} `json:"userIdentity"`
		}
		if err := json.Unmarshal(m.Env.Detail, &d); err != nil {
			t.Fatal(err)
		}
		if d.EventName == "CreateWorkload" {
			create = &hooksOfType(got, wat.EventAPICall)[i]
			if d.RequestParameters["WorkloadName"] != "****" || d.UserIdentity.AccountID != srv.Admin.AccountID {
				t.Errorf("CreateWorkload's detail = %+v, want the name masked and the caller's account", d)
			}
		}
	}
	if create == nil {
		t.Fatalf("no CreateWorkload event among %d messages", len(got))
	}
	if e := create.Env; e.Source != "aws.wellarchitected" || e.Version != "0" || e.Account != srv.Admin.AccountID || e.Region != testserver.Region || e.ID == "" {
		t.Errorf("CreateWorkload's envelope = %+v, want EventBridge's shape for aws.wellarchitected", e)
	}
	// The question's risk, then the workload's counts it moved
	// (e2e_webhooks_risk_test.go tells them apart).
	risk := hooksOfType(got, wat.EventRiskChanged)
	question, workload := 0, 0
	for _, m := range risk {
		d := string(m.Env.Detail)
		if strings.Contains(d, `"scope":"QUESTION"`) && strings.Contains(d, `"risk":"HIGH"`) && strings.Contains(d, `"previousRisk":"UNANSWERED"`) {
			question++
		} else if strings.Contains(d, `"scope":"WORKLOAD"`) {
			workload++
		}
	}
	if len(risk) != 2 || question != 1 || workload != 1 {
		t.Errorf("risk events = %d (%v), want one from UNANSWERED to HIGH and the workload's", len(risk), risk)
	}
	if m := hooksOfType(got, wat.EventMilestoneCreated); len(m) != 1 || m[0].Env.Source != wat.EventSourceWat {
		t.Errorf("milestone events = %v, want one from %s", m, wat.EventSourceWat)
	}
	if m := milestones.messages(); len(m) != 1 || m[0].Env.DetailType != wat.EventMilestoneCreated || !m[0].Verified[msecret] {
		t.Errorf("the filtered subscription got %d messages (%v), want the milestone alone", len(m), m)
	}

	// The delivery log: one per message, DELIVERED with the response.
	log = deliveries(t, c, sub.SubscriptionId)
	if len(log) != len(got) {
		t.Errorf("the delivery log has %d deliveries, the receiver got %d messages", len(log), len(got))
	}
	ids := map[string]bool{}
	for _, m := range got {
		ids[m.ID] = true
	}
	for _, d := range log {
		if d.Status != wire.WebhookDeliveryStatusDelivered || aws.ToInt32(d.LastResponseStatus) != 200 || aws.ToString(d.LastResponseBody) != "ok" || !ids[aws.ToString(d.DeliveryId)] {
			t.Errorf("delivery %+v: want DELIVERED, 200 \"ok\", and its id the webhook-id of a message received", d)
		}
	}
	// The audit log keeps no secret.
	if err := srv.Store.View(ctx, func(tx wat.Tx) error {
		events, err := tx.ListAuditEvents(ctx, wat.AuditFilter{EventName: "CreateWebhookSubscription"}, 0, 10)
		for _, e := range events {
			if strings.Contains(e.ResponseElements, strings.TrimPrefix(secret, webhook.SecretPrefix)) || !strings.Contains(e.ResponseElements, `"Secret":"****"`) {
				t.Errorf("the audit record of CreateWebhookSubscription does not mask the secret: %s", e.ResponseElements)
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestWebhookRotationAndReplay: after a rotation deliveries carry both
// signatures while the old secret stays valid, the new one alone once it
// is revoked; a replay is a new delivery (new webhook-id) of the same event.
func TestWebhookRotationAndReplay(t *testing.T) { forEachBackend(t, testWebhookRotationAndReplay) }

func testWebhookRotationAndReplay(t *testing.T, srv *testserver.Server) {
	ctx := context.Background()
	c := watclient.FromSDK(srv.Client)
	r := newHookReceiver(t)
	sub, old := subscribe(t, c, r.URL, wat.EventMilestoneCreated)
	r.trust(old)
	id := createWorkload(t, srv.Client, workloadInput("Rotation"))
	milestone := func(name string) {
		t.Helper()
		if _, err := srv.Client.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String(name)}); err != nil {
			t.Fatal(err)
		}
		deliver(t, srv, loopbackWorker(t))
	}
	milestone("before")
	rot, err := c.RotateWebhookSecret(ctx, &wire.RotateWebhookSecretInput{SubscriptionId: sub.SubscriptionId, PreviousSecretValiditySeconds: aws.Int32(3600)})
	if err != nil {
		t.Fatal(err)
	}
	cur := aws.ToString(rot.Secret)
	r.trust(cur)
	if cur == old || rot.WebhookSubscription.PreviousSecretExpiresAt == nil {
		t.Fatalf("RotateWebhookSecret = %+v, want a new secret and the old one's expiry", rot.WebhookSubscription)
	}
	milestone("during overlap")
	if _, err := c.RotateWebhookSecret(ctx, &wire.RotateWebhookSecretInput{SubscriptionId: sub.SubscriptionId, PreviousSecretValiditySeconds: aws.Int32(0)}); err != nil {
		t.Fatal(err)
	}
	g, err := c.GetWebhookSubscription(ctx, &wire.GetWebhookSubscriptionInput{SubscriptionId: sub.SubscriptionId})
	if err != nil {
		t.Fatal(err)
	}
	if g.WebhookSubscription.PreviousSecretExpiresAt != nil {
		t.Errorf("after a rotation with no overlap the previous secret still expires at %v", g.WebhookSubscription.PreviousSecretExpiresAt)
	}
	milestone("after revoking")
	ms := r.messages()
	if len(ms) != 3 {
		t.Fatalf("got %d messages, want 3", len(ms))
	}
	type verdict struct{ sigs, old, cur bool }
	want := []verdict{{false, true, false}, {true, true, true}, {false, false, false}}
	for i, m := range ms {
		got := verdict{len(strings.Fields(m.Signature)) == 2, m.Verified[old], m.Verified[cur]}
		if got != want[i] {
			t.Errorf("message %d: two signatures %v, verified by old %v, by the first rotation's %v; want %+v", i, got.sigs, got.old, got.cur, want[i])
		}
	}

	// Replay the first delivery.
	log := deliveries(t, c, sub.SubscriptionId)
	first := log[len(log)-1]
	re, err := c.RedeliverWebhook(ctx, &wire.RedeliverWebhookInput{SubscriptionId: sub.SubscriptionId, DeliveryId: first.DeliveryId})
	if err != nil {
		t.Fatal(err)
	}
	deliver(t, srv, loopbackWorker(t))
	ms = r.messages()
	last := ms[len(ms)-1]
	if len(ms) != 4 || last.ID != aws.ToString(re.Delivery.DeliveryId) || last.ID == ms[0].ID || last.Env.ID != ms[0].Env.ID {
		t.Errorf("replay: %d messages, last %s of event %s; want a 4th with a new webhook-id for event %s", len(ms), last.ID, last.Env.ID, ms[0].Env.ID)
	}
	_, err = c.RedeliverWebhook(ctx, &wire.RedeliverWebhookInput{SubscriptionId: sub.SubscriptionId, DeliveryId: aws.String("msg_00")})
	wantNotFound(t, err)
}

// TestWebhookBackoffAndDisable: a receiver answering 500 is retried with
// growing waits, the same webhook-id each time, until the retry window
// ends; two deliveries abandoned in a row disable the subscription, which
// an event tells the account's other subscriptions, and a disabled
// subscription queues nothing until enabled again.
func TestWebhookBackoffAndDisable(t *testing.T) { forEachBackend(t, testWebhookBackoffAndDisable) }

func testWebhookBackoffAndDisable(t *testing.T, srv *testserver.Server) {
	ctx := context.Background()
	c := watclient.FromSDK(srv.Client)
	down, watcher := newHookReceiver(t), newHookReceiver(t)
	down.fail(500, "down for maintenance")
	sub, _ := subscribe(t, c, down.URL, wat.EventMilestoneCreated)
	subscribe(t, c, watcher.URL, wat.EventWebhookDisabled)
	id := createWorkload(t, srv.Client, workloadInput("Backoff"))
	for _, name := range []string{"one", "two"} {
		if _, err := srv.Client.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String(name)}); err != nil {
			t.Fatal(err)
		}
	}
	w := loopbackWorker(t)
	// A window of several backoffs (20–40 ms), wide enough that a loaded
	// machine still retries before giving up.
	w.RetryWindow, w.DisableAfter = 2*time.Second, 2
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		deliver(t, srv, w)
		if len(watcher.messages()) > 0 {
			break
		}
	}
	g, err := c.GetWebhookSubscription(ctx, &wire.GetWebhookSubscriptionInput{SubscriptionId: sub.SubscriptionId})
	if err != nil {
		t.Fatal(err)
	}
	if s := g.WebhookSubscription; s.Status != wire.WebhookStatusDisabled || aws.ToInt32(s.ConsecutiveFailures) != 2 || aws.ToString(s.StatusReason) == "" {
		t.Fatalf("the failing subscription = %+v, want DISABLED after 2 failures, with a reason", s)
	}
	log := deliveries(t, c, sub.SubscriptionId)
	for _, d := range log {
		if d.Status != wire.WebhookDeliveryStatusFailed || aws.ToInt32(d.Attempts) < 2 || aws.ToInt32(d.LastResponseStatus) != 500 || aws.ToString(d.LastResponseBody) != "down for maintenance" {
			t.Errorf("delivery %+v: want FAILED after retries, the last response 500 \"down for maintenance\"", d)
		}
	}
	attempts := map[string]int{}
	for _, m := range down.messages() {
		attempts[m.ID]++
	}
	if len(attempts) != 2 {
		t.Errorf("the receiver saw %d webhook-ids, want 2 (a retry keeps its id): %v", len(attempts), attempts)
	}
	ws := watcher.messages()
	if len(ws) != 1 || !strings.Contains(string(ws[0].Env.Detail), aws.ToString(sub.SubscriptionArn)) {
		t.Fatalf("the watcher got %v, want one Webhook Subscription Disabled event naming %s", ws, aws.ToString(sub.SubscriptionArn))
	}
	// Disabled: nothing is queued for it.
	if _, err := srv.Client.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("three")}); err != nil {
		t.Fatal(err)
	}
	if n := len(deliveries(t, c, sub.SubscriptionId)); n != len(log) {
		t.Errorf("a disabled subscription's log grew from %d to %d", len(log), n)
	}
	u, err := c.UpdateWebhookSubscription(ctx, &wire.UpdateWebhookSubscriptionInput{SubscriptionId: sub.SubscriptionId, Enabled: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if s := u.WebhookSubscription; s.Status != wire.WebhookStatusEnabled || aws.ToInt32(s.ConsecutiveFailures) != 0 || s.StatusReason != nil {
		t.Errorf("enabled again = %+v, want ENABLED with its failures forgotten", s)
	}
}

// TestWebhookValidation: what the model cannot say is refused by the
// service, naming the field.
func TestWebhookValidation(t *testing.T) {
	srv := startSQLite(t)
	c := watclient.FromSDK(srv.Client)
	ctx := context.Background()
	for _, tc := range []struct {
		in    wire.CreateWebhookSubscriptionInput
		field string
	}{
		{wire.CreateWebhookSubscriptionInput{Url: aws.String("ftp://example.com/x")}, "Url"},
		{wire.CreateWebhookSubscriptionInput{Url: aws.String("https://user:pw@example.com/x")}, "Url"},
		{wire.CreateWebhookSubscriptionInput{Url: aws.String("https://example.com/x"), DetailTypes: []string{"Everything"}}, "DetailTypes"},
		{wire.CreateWebhookSubscriptionInput{Url: aws.String("https://example.com/x"), Sources: []string{"aws.ec2"}}, "Sources"},
	} {
		_, err := c.CreateWebhookSubscription(ctx, &tc.in)
		wantValidation(t, err, tc.field)
	}
	_, err := c.GetWebhookSubscription(ctx, &wire.GetWebhookSubscriptionInput{SubscriptionId: aws.String("wh-0123")})
	wantNotFound(t, err)
	// The same token and parameters create one subscription.
	in := &wire.CreateWebhookSubscriptionInput{Url: aws.String("https://example.com/hook"), ClientRequestToken: aws.String("tok-1")}
	a, err := c.CreateWebhookSubscription(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.CreateWebhookSubscription(ctx, in)
	if err != nil || aws.ToString(b.WebhookSubscription.SubscriptionId) != aws.ToString(a.WebhookSubscription.SubscriptionId) {
		t.Errorf("a retried create = %v, %v; want the first subscription", b, err)
	}
}
