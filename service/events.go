package service

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// Outbound events (wat.Event) go into the webhook outbox in the
// transaction of the change they tell: one delivery per subscription of
// the account that wants the event. A change rolled back leaves no
// delivery; one committed is delivered at least once, whatever happens to
// the replica after the commit.

// PublishEvent writes e into the outbox of every enabled subscription of
// its account that matches it. It is the one way events are published:
// the API's audit log calls it for every mutating call (in the
// transaction of the audit record), the use cases for wat's own
// detail-types. A subscription being disabled receives nothing; re-enabled,
// it receives what happens from then on.
func PublishEvent(ctx context.Context, tx wat.WebhookTx, e *wat.Event) error {
	subs, err := subscribersOf(ctx, tx, e)
	if err != nil || len(subs) == 0 {
		return err
	}
	if e.ID == "" {
		e.ID = newUUID()
	}
	payload := e.Envelope()
	now := e.Time.UTC()
	if now.IsZero() {
		now = time.Now().UTC()
	}
	for _, s := range subs {
		d := &wat.WebhookDelivery{
			ID: newDeliveryID(now), SubscriptionID: s.ID, AccountID: e.AccountID, EventID: e.ID,
			DetailType: e.DetailType, Payload: payload, Status: wat.WebhookPending,
			NextAttemptAt: now, CreatedAt: now,
		}
		if err := tx.InsertWebhookDelivery(ctx, d); err != nil {
			return fmt.Errorf("PublishEvent(%s): %w", e.DetailType, err)
		}
	}
	return nil
}

// subscribersOf returns the enabled subscriptions of e's account that want
// e, none for an event without an account. It reads their IDs and filters
// alone (ListWebhookRoutes): it runs on every change, mostly to find that
// nobody wants the event, before its envelope is built.
func subscribersOf(ctx context.Context, tx wat.WebhookTx, e *wat.Event) ([]*wat.WebhookSubscription, error) {
	if e.AccountID == "" {
		return nil, nil // a call nobody was authenticated for: no account to tell
	}
	routes, err := tx.ListWebhookRoutes(ctx, e.AccountID)
	if err != nil {
		return nil, err
	}
	var out []*wat.WebhookSubscription
	for _, s := range routes {
		if s.Matches(e) {
			out = append(out, s)
		}
	}
	return out, nil
}

// publish writes one of wat's own events about resources of accountID;
// detail is encoded as the event's detail. It is what the use cases call
// in their transactions.
func (s *Service) publish(ctx context.Context, tx wat.WebhookTx, accountID, detailType string, resources []string, detail any) error {
	b, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("publish(%s): %w", detailType, err)
	}
	return PublishEvent(ctx, tx, &wat.Event{
		AccountID: accountID, Source: wat.EventSourceWat, DetailType: detailType, Time: s.nowUTC(),
		Region: s.region, Resources: resources, Detail: b,
	})
}

// PublishRecommendationsCompleted tells the account that an Agent
// generation ended. The Agent's worker calls it in the transaction that
// ends the generation, whichever way it ended: one detail-type for both,
// because what automation waits for is the end of the job, and the detail
// says how (status COMPLETED, or ERROR with its errorCode, as
// GetAgentRecommendationGeneration shows them).
func (s *Service) PublishRecommendationsCompleted(ctx context.Context, tx wat.WebhookTx, g *wat.AgentGeneration, accountID string) error {
	detail := map[string]any{
		"agentProfileArn": g.ProfileARN, "generationId": g.ID, "status": g.Status,
		"endedAt": g.EndedAt.UTC().Format(time.RFC3339),
	}
	if g.ErrorCode != "" {
		detail["errorCode"] = g.ErrorCode
	}
	return s.publish(ctx, tx, accountID, wat.EventRecommendationsCompleted, []string{g.ProfileARN}, detail)
}

// publishGenerationError is PublishRecommendationsCompleted for a
// generation the worker ended in ERROR, which knows only the profile's
// ARN: the profile says whose it is.
func (s *Service) publishGenerationError(ctx context.Context, tx wat.Tx, g *wat.AgentGeneration) error {
	prof, err := tx.GetAgentProfile(ctx, g.ProfileARN, false)
	if err != nil {
		return err
	}
	return s.PublishRecommendationsCompleted(ctx, tx, g, prof.AccountID)
}

// WireEvents connects the hooks through which other parts of wat publish
// events to the outbox: failed Jira syncs (SetJiraEvents). `wat serve`
// and internal/testserver both call it, so that tests see the events the
// product publishes.
func (s *Service) WireEvents() {
	s.SetJiraEvents(s)
}

// JiraSyncFailed publishes the "Jira sync failed" event to the workload's
// owner, in the transaction that records the failure: Service is the
// JiraEvents WireEvents sets.
func (s *Service) JiraSyncFailed(ctx context.Context, tx wat.Tx, f JiraSyncFailure) error {
	arn := s.workloadARN(f.AccountID, f.WorkloadID)
	detail := map[string]any{"workloadId": f.WorkloadID, "workloadArn": arn, "attempts": f.Attempts,
		"message": f.Message, "willRetry": !f.NextAttempt.IsZero()}
	if !f.NextAttempt.IsZero() {
		detail["nextAttemptAt"] = f.NextAttempt.UTC().Format(time.RFC3339)
	}
	return s.publish(ctx, tx, f.AccountID, wat.EventJiraSyncFailed, []string{arn}, detail)
}

// newUUID returns a random UUID (version 4).
func newUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newDeliveryID returns a delivery's id, the webhook-id of its message:
// "msg_", the time in hex (so that ids sort as they were made and the
// delivery log pages by id), and randomness.
func newDeliveryID(now time.Time) string {
	return fmt.Sprintf("msg_%016x%s", now.UnixNano(), newID(8))
}
