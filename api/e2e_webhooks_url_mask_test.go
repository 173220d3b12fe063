package api_test

import (
	"context"
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// TestWebhookURLMasked: a webhook URL's path and query (where chat and
// automation services put the receiver's token) reach neither the audit
// log nor the API-call events another subscription receives, which keep
// its host; its owner still reads the whole URL.
func TestWebhookURLMasked(t *testing.T) {
	srv := startSQLite(t)
	ctx := context.Background()
	c := watclient.FromSDK(srv.Client)
	r := newHookReceiver(t)
	_, secret := subscribe(t, c, r.URL, wat.EventAPICall)
	r.trust(secret)

	const host = "hooks.example.com"
	tokens := []string{"PATHTOKEN1", "QUERYTOKEN1", "PATHTOKEN2", "QUERYTOKEN2"}
	created := "https://" + host + "/services/T000/" + tokens[0] + "?token=" + tokens[1]
	updated := "https://" + host + "/v2/" + tokens[2] + "?token=" + tokens[3]
	// Subscribed to an event nothing here raises: nothing is posted to it.
	sub, _ := subscribe(t, c, created, wat.EventJiraSyncFailed)
	if _, err := c.UpdateWebhookSubscription(ctx, &wire.UpdateWebhookSubscriptionInput{SubscriptionId: sub.SubscriptionId, Url: aws.String(updated)}); err != nil {
		t.Fatalf("UpdateWebhookSubscription: %v", err)
	}
	if _, err := c.RotateWebhookSecret(ctx, &wire.RotateWebhookSecretInput{SubscriptionId: sub.SubscriptionId}); err != nil {
		t.Fatalf("RotateWebhookSecret: %v", err)
	}
	got, err := c.GetWebhookSubscription(ctx, &wire.GetWebhookSubscriptionInput{SubscriptionId: sub.SubscriptionId})
	if err != nil {
		t.Fatalf("GetWebhookSubscription: %v", err)
	}
	if u := aws.ToString(got.WebhookSubscription.Url); u != updated {
		t.Errorf("GetWebhookSubscription's Url = %q, want the whole URL %q", u, updated)
	}

	// What each operation must show of the URL, in its parameters and its
	// response: the host, with the rest masked.
	const shown = "https://" + host + "/****"
	want := map[string]int{"CreateWebhookSubscription": 2, "UpdateWebhookSubscription": 2, "RotateWebhookSecret": 1}
	var events []*wat.AuditEvent
	if err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
		events, err = tx.ListAuditEvents(ctx, wat.AuditFilter{}, 0, 100)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range events {
		text, _ := json.Marshal(e)
		noTokens(t, "audit record "+e.EventName, string(text), tokens)
		if _, ok := want[e.EventName]; ok {
			seen[e.EventName] = strings.Count(e.RequestParameters+e.ResponseElements, shown)
		}
	}
	if !maps.Equal(seen, want) {
		t.Errorf("audit records show %q this many times: %v, want %v", shown, seen, want)
	}

	deliver(t, srv, loopbackWorker(t))
	seen = map[string]int{}
	for _, m := range hooksOfType(r.messages(), wat.EventAPICall) {
		noTokens(t, "event "+m.ID, string(m.Body), tokens)
		var d struct {
			EventName string `json:"eventName"`
		}
		if err := json.Unmarshal(m.Env.Detail, &d); err != nil {
			t.Fatal(err)
		}
		if _, ok := want[d.EventName]; ok {
			seen[d.EventName] = strings.Count(string(m.Env.Detail), shown)
		}
	}
	if !maps.Equal(seen, want) {
		t.Errorf("events show %q this many times: %v, want %v", shown, seen, want)
	}
}

// noTokens fails when text holds any of tokens.
func noTokens(t *testing.T, what, text string, tokens []string) {
	t.Helper()
	for _, tok := range tokens {
		if strings.Contains(text, tok) {
			t.Errorf("%s holds the URL's token %q: %s", what, tok, text)
		}
	}
}
