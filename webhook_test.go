package wat

import (
	"encoding/json"
	"testing"
	"time"
)

// TestWebhookBackoff: waits double from the base up to the cap, each
// somewhere between half and all of its step (jitter).
func TestWebhookBackoff(t *testing.T) {
	base, max := 10*time.Second, time.Hour
	for attempt, step := range map[int]time.Duration{1: base, 2: 2 * base, 4: 8 * base, 9: 2560 * time.Second, 10: max, 40: max} {
		for range 200 {
			if d := WebhookBackoff(attempt, base, max); d < step/2 || d > step {
				t.Fatalf("WebhookBackoff(%d) = %v, want within [%v, %v]", attempt, d, step/2, step)
			}
		}
	}
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[WebhookBackoff(3, base, max)] = true
	}
	if len(seen) < 10 {
		t.Errorf("50 waits took %d values: no jitter", len(seen))
	}
}

// TestWebhookSubscriptionFilter: empty filters take everything; a filter
// takes what it names; the previous secret signs only until it expires.
func TestWebhookSubscriptionFilter(t *testing.T) {
	call := &Event{Source: EventSourceAWS, DetailType: EventAPICall}
	ms := &Event{Source: EventSourceWat, DetailType: EventMilestoneCreated}
	for _, c := range []struct {
		sub       WebhookSubscription
		call, mil bool
	}{
		{WebhookSubscription{}, true, true},
		{WebhookSubscription{DetailTypes: []string{EventMilestoneCreated}}, false, true},
		{WebhookSubscription{Sources: []string{EventSourceAWS}}, true, false},
		{WebhookSubscription{Sources: []string{EventSourceAWS}, DetailTypes: []string{EventMilestoneCreated}}, false, false},
	} {
		if c.sub.Matches(call) != c.call || c.sub.Matches(ms) != c.mil {
			t.Errorf("%+v matches the call %v and the milestone %v; want %v, %v", c.sub, c.sub.Matches(call), c.sub.Matches(ms), c.call, c.mil)
		}
	}
	now := time.Now()
	s := WebhookSubscription{Secret: "new", PreviousSecret: "old", PreviousSecretExpires: now.Add(time.Minute)}
	if got := s.Secrets(now); len(got) != 2 || got[0] != "new" {
		t.Errorf("Secrets during the overlap = %v", got)
	}
	if got := s.Secrets(now.Add(2 * time.Minute)); len(got) != 1 {
		t.Errorf("Secrets after the overlap = %v", got)
	}
}

// TestEventEnvelope: an event serialises as EventBridge delivers one.
func TestEventEnvelope(t *testing.T) {
	e := &Event{ID: "e-1", AccountID: "123456789012", Source: EventSourceAWS, DetailType: EventAPICall,
		Time: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC), Region: "eu-west-1", Detail: json.RawMessage(`{"eventName":"CreateWorkload"}`)}
	var got map[string]any
	if err := json.Unmarshal(e.Envelope(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"version": "0", "id": "e-1", "detail-type": "AWS API Call via CloudTrail", "source": "aws.wellarchitected",
		"account": "123456789012", "time": "2026-12-07T10:00:00Z", "region": "eu-west-1", "resources": []any{},
		"detail": map[string]any{"eventName": "CreateWorkload"}}
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("Envelope = %s\nwant       %s", gb, wb)
	}
}
