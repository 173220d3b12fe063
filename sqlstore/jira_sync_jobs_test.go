package sqlstore

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// TestJiraSyncJobs checks the Jira sync's outbox on every backend: requests
// coalesce per workload and keep a backoff; a claim takes due, unleased
// work only, and again once its lease ran out; a lease refuses another
// owner; ending a sync keeps a request made meanwhile; the webhook secret
// is sealed; and a webhook's issue is found by key within its account.
func TestJiraSyncJobs(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testJiraSyncJobs(t, b)
		})
	}
}

func testJiraSyncJobs(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	insertWorkload(t, db, fullWorkload("111111111111", "w1", "One"))
	insertWorkload(t, db, fullWorkload("111111111111", "w2", "Two"))
	claim := func(owner string, now time.Time) *wat.JiraSyncJob {
		t.Helper()
		var j *wat.JiraSyncJob
		err := db.Update(context.Background(), func(tx wat.Tx) (err error) {
			j, err = tx.ClaimJiraSync(context.Background(), owner, now, now.Add(time.Minute))
			return err
		})
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	enqueue := func(id string, push bool, now time.Time) {
		t.Helper()
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.EnqueueJiraSync(ctx, id, push, "change", now) })
	}

	if j := claim("a", at(0)); j != nil {
		t.Fatalf("claimed %+v from an empty outbox", j)
	}
	enqueue("w1", false, at(0))
	enqueue("w1", true, at(time.Second))
	enqueue("w1", false, at(2*time.Second))
	j := claim("a", at(3*time.Second))
	if j == nil || j.WorkloadID != "w1" || j.Requested != 3 || !j.Push || j.Attempts != 1 || j.LeaseOwner != "a" {
		t.Fatalf("claim = %+v, want w1 with 3 requests coalesced, pushing, leased to a", j)
	}
	if j := claim("b", at(4*time.Second)); j != nil {
		t.Fatalf("b claimed leased work %+v", j)
	}
	// A request while a sync runs stays pending after it ends (pushing, as
	// pending work that pushed: a push also reads Jira's changes).
	enqueue("w1", false, at(5*time.Second))
	j.Done, j.LeaseOwner, j.LeaseUntil, j.Attempts = j.Requested, "", time.Time{}, 0
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateJiraSyncJob(ctx, j) })
	j = claim("b", at(6*time.Second))
	if j == nil || j.Requested != 4 || j.Done != 3 || !j.Push {
		t.Fatalf("claim after a request made during the sync = %+v, want 4 requested, 3 done, pushing", j)
	}
	// A failure's backoff holds against new requests; the lease of a dead
	// worker runs out.
	j.NotBefore, j.LastError, j.LeaseUntil = at(time.Hour), "Jira is unavailable", at(10*time.Second)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateJiraSyncJob(ctx, j) })
	enqueue("w1", true, at(7*time.Second))
	if j := claim("c", at(11*time.Second)); j != nil {
		t.Fatalf("claimed %+v during its backoff", j)
	}
	if j := claim("c", at(time.Hour+time.Second)); j == nil || j.Attempts != 2 || j.LastError != "Jira is unavailable" {
		t.Fatalf("claim after the backoff and the dead lease = %+v", j)
	}
	// LeaseJiraSync: another owner is refused while the lease holds.
	lease := func(id, owner string, now time.Time) error {
		return db.Update(context.Background(), func(tx wat.Tx) error {
			_, err := tx.LeaseJiraSync(context.Background(), id, owner, now, now.Add(time.Minute))
			return err
		})
	}
	if err := lease("w1", "manual", at(time.Hour+2*time.Second)); wat.ErrorCodeOf(err) != wat.EConflict {
		t.Errorf("a lease over c's = %v, want EConflict", err)
	}
	if err := lease("w2", "manual", at(0)); err != nil {
		t.Errorf("a lease of a workload with no row: %v", err)
	}
	if err := lease("nope", "manual", at(0)); wat.ErrorCodeOf(err) != wat.ENotFound {
		t.Errorf("a lease of a missing workload = %v, want ENotFound", err)
	}

	// The webhook secret is sealed; FindJiraIssueLink looks within the account.
	const secret = "whj_0123456789abcdef"
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.PutJiraConnection(ctx, &wat.JiraConnection{AccountID: "111111111111", URL: "https://x", Flavor: "CLOUD",
			Token: "t", WebhookSecret: secret, CreatedAt: t0}); err != nil {
			return err
		}
		return tx.PutJiraIssueLink(ctx, &wat.JiraIssueLink{WorkloadID: "w2", Key: "WA-7", ProjectKey: "WA", SyncedAt: t0})
	})
	var raw []byte
	if err := db.read.QueryRow(db.rebind(`SELECT webhook_secret FROM jira_connections WHERE account_id = ?`), "111111111111").Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) == 0 || bytes.Contains(raw, []byte(secret)) {
		t.Errorf("the webhook secret is stored in clear or not at all: %q", raw)
	}
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		c, err := tx.GetJiraConnection(ctx, "111111111111")
		if err != nil || c.WebhookSecret != secret {
			t.Errorf("GetJiraConnection's secret = %q (%v)", c.WebhookSecret, err)
		}
		if l, err := tx.FindJiraIssueLink(ctx, "111111111111", "WA-7"); err != nil || l.WorkloadID != "w2" {
			t.Errorf("FindJiraIssueLink = %+v (%v)", l, err)
		}
		if _, err := tx.FindJiraIssueLink(ctx, "222222222222", "WA-7"); wat.ErrorCodeOf(err) != wat.ENotFound {
			t.Errorf("FindJiraIssueLink of another account = %v, want ENotFound", err)
		}
		ids, err := tx.ListJiraLinkedWorkloads(ctx)
		if err != nil || len(ids) != 1 || ids[0] != "w2" {
			t.Errorf("ListJiraLinkedWorkloads = %v (%v)", ids, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
