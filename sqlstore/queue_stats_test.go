package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestQueueStats: every queue's backlog is counted by state and aged from
// its oldest waiting item, on every backend; a drained queue reads zero in
// every state, and work done leaves it.
func TestQueueStats(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testQueueStats(t, b)
		})
	}
}

// queueIs checks the backlog of queue at now.
func queueIs(t *testing.T, db *DB, queue string, now time.Time, depth map[string]int, oldest time.Time) {
	t.Helper()
	st, err := db.QueueStats(context.Background(), queue, now)
	if err != nil {
		t.Fatalf("QueueStats(%s): %v", queue, err)
	}
	if diff := cmp.Diff(depth, st.Depth); diff != "" {
		t.Errorf("%s's depth at %v (-want +got):\n%s", queue, now.Sub(t0), diff)
	}
	if !st.Oldest.Equal(oldest) {
		t.Errorf("%s's oldest = %v, want %v", queue, st.Oldest, oldest)
	}
}

func testQueueStats(t *testing.T, b *backend) {
	db := b.fresh(t)
	ctx := context.Background()
	newAccount(t, db, "111111111111")
	insertWorkload(t, db, fullWorkload("111111111111", "w1", "One"))
	now := at(time.Hour)
	three := func(pending, leased, retrying int) map[string]int {
		return map[string]int{wat.QueuePending: pending, wat.QueueLeased: leased, wat.QueueRetrying: retrying}
	}
	for _, q := range []string{wat.QueueAgentGeneration, wat.QueueJiraSync} {
		queueIs(t, db, q, now, three(0, 0, 0), time.Time{})
	}
	queueIs(t, db, wat.QueueWebhookDelivery, now, map[string]int{"pending": 0, "leased": 0, "retrying": 0, "disabled": 0}, time.Time{})
	queueIs(t, db, wat.QueueInvitationExpiry, now, map[string]int{"due": 0}, time.Time{})
	if _, err := db.QueueStats(ctx, "nightly", now); err == nil {
		t.Error("QueueStats of an unknown queue answered")
	}

	// Agent generations: queued, then one claimed, then its lease runs out.
	p := newAgentProfile("111111111111", 1, "shop")
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(tx.InsertAgentProfile(ctx, p), tx.InsertAgentGeneration(ctx, newAgentGeneration(p.ARN, 1, at(0))),
			tx.InsertAgentGeneration(ctx, newAgentGeneration(p.ARN, 2, at(time.Second))))
	})
	queueIs(t, db, wat.QueueAgentGeneration, now, three(2, 0, 0), at(0))
	g, err := claim(t, db, "worker-a", now)
	if err != nil {
		t.Fatal(err)
	}
	queueIs(t, db, wat.QueueAgentGeneration, now.Add(time.Second), three(1, 1, 0), at(0))
	queueIs(t, db, wat.QueueAgentGeneration, now.Add(2*time.Minute), three(1, 0, 1), at(0))
	g.Status, g.LeaseOwner, g.LeaseUntil = wat.AgentGenerationCompleted, "", time.Time{}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateAgentGeneration(ctx, g) })
	queueIs(t, db, wat.QueueAgentGeneration, now, three(1, 0, 0), at(time.Second))

	// Jira: requests coalesce and age from the first; a claim leases, a
	// failure retries, success drains, and the next request ages anew.
	enqueue := func(d time.Duration) {
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			return tx.EnqueueJiraSync(ctx, "w1", true, "change", at(d))
		})
	}
	enqueue(0)
	enqueue(5 * time.Second)
	queueIs(t, db, wat.QueueJiraSync, now, three(1, 0, 0), at(0))
	var j *wat.JiraSyncJob
	update(t, db, func(ctx context.Context, tx wat.Tx) (err error) {
		j, err = tx.ClaimJiraSync(ctx, "worker-a", now, now.Add(time.Minute))
		return err
	})
	queueIs(t, db, wat.QueueJiraSync, now, three(0, 1, 0), at(0))
	j.LeaseOwner, j.LeaseUntil, j.NotBefore = "", time.Time{}, now.Add(time.Hour)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateJiraSyncJob(ctx, j) })
	enqueue(10 * time.Second)
	queueIs(t, db, wat.QueueJiraSync, now, three(0, 0, 1), at(0))
	j.Done, j.Attempts = j.Requested+1, 0
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateJiraSyncJob(ctx, j) })
	queueIs(t, db, wat.QueueJiraSync, now, three(0, 0, 0), time.Time{})
	enqueue(30 * time.Minute)
	queueIs(t, db, wat.QueueJiraSync, now, three(1, 0, 0), at(30*time.Minute))
	// A request of an older binary leaves waiting_since alone: the row
	// ages from its not_before.
	j.Done = j.Requested + 2
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateJiraSyncJob(ctx, j) })
	if _, err := db.write.ExecContext(ctx, db.rebind(`UPDATE jira_sync_jobs SET requested = requested + 1, not_before = ?`), timeValue(at(40*time.Minute))); err != nil {
		t.Fatal(err)
	}
	queueIs(t, db, wat.QueueJiraSync, now, three(1, 0, 0), at(40*time.Minute))

	// Webhooks: a disabled subscription's deliveries are counted, not aged.
	on := &wat.WebhookSubscription{ID: "wh-01", ARN: "arn:wh-01", AccountID: "111111111111", URL: "https://h.example/1",
		Status: wat.WebhookEnabled, Secret: "whsec_Y3VycmVudA==", CreatedAt: t0, UpdatedAt: t0}
	off := &wat.WebhookSubscription{ID: "wh-02", ARN: "arn:wh-02", AccountID: "111111111111", URL: "https://h.example/2",
		Status: wat.WebhookDisabled, Secret: "whsec_b2Zm", CreatedAt: t0, UpdatedAt: t0}
	delivered := newWebhookDelivery("wh-01", 5, at(0))
	delivered.Status = wat.WebhookDelivered
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(tx.InsertWebhookSubscription(ctx, on), tx.InsertWebhookSubscription(ctx, off),
			tx.InsertWebhookDelivery(ctx, newWebhookDelivery("wh-01", 1, at(time.Second))),
			tx.InsertWebhookDelivery(ctx, newWebhookDelivery("wh-01", 2, at(2*time.Second))),
			tx.InsertWebhookDelivery(ctx, newWebhookDelivery("wh-02", 3, at(0))), tx.InsertWebhookDelivery(ctx, delivered))
	})
	queueIs(t, db, wat.QueueWebhookDelivery, now, map[string]int{"pending": 2, "leased": 0, "retrying": 0, "disabled": 1}, at(time.Second))
	d, err := claimDelivery(db, "worker-a", now)
	if err != nil {
		t.Fatal(err)
	}
	queueIs(t, db, wat.QueueWebhookDelivery, now, map[string]int{"pending": 1, "leased": 1, "retrying": 0, "disabled": 1}, at(time.Second))
	d.Attempts, d.LeaseOwner, d.LeaseUntil, d.NextAttemptAt = 1, "", time.Time{}, now.Add(time.Minute)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateWebhookDelivery(ctx, d) })
	queueIs(t, db, wat.QueueWebhookDelivery, now, map[string]int{"pending": 1, "leased": 0, "retrying": 1, "disabled": 1}, at(time.Second))

	// Invitations come due InvitationTTL after they were made.
	insertShare(t, db, newShare(1, "111111111111", "w1", wat.RecipientAccount, "222222222222", "", -8*24*time.Hour))
	insertShare(t, db, newShare(2, "111111111111", "w1", wat.RecipientAccount, "333333333333", "", 0))
	queueIs(t, db, wat.QueueInvitationExpiry, now, map[string]int{"due": 1}, at(-8*24*time.Hour+wat.InvitationTTL))
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.ExpireInvitations(ctx, now.Add(-wat.InvitationTTL))
		return err
	})
	queueIs(t, db, wat.QueueInvitationExpiry, now, map[string]int{"due": 0}, time.Time{})
}
