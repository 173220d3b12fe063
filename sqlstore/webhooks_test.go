package sqlstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// TestWebhookStore runs the contract of wat.WebhookTx on every backend.
func TestWebhookStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testWebhookClaims(t, b)
			testWebhookRoutes(t, b)
		})
	}
}

func newWebhookDelivery(sub string, n int, due time.Time) *wat.WebhookDelivery {
	return &wat.WebhookDelivery{ID: fmt.Sprintf("msg_%016x", n), SubscriptionID: sub, AccountID: "111111111111", EventID: fmt.Sprint("e", n),
		DetailType: wat.EventAPICall, Payload: []byte(`{"n":1}`), Status: wat.WebhookPending, NextAttemptAt: due, CreatedAt: due}
}

func claimDelivery(db *DB, owner string, now time.Time) (*wat.WebhookDelivery, error) {
	var d *wat.WebhookDelivery
	err := db.Update(context.Background(), func(tx wat.Tx) (err error) {
		d, err = tx.ClaimWebhookDelivery(context.Background(), owner, now, now.Add(time.Minute))
		return err
	})
	return d, err
}

// testWebhookClaims: secrets are stored sealed and read back opened;
// claims take due deliveries of enabled subscriptions only, the longest
// due first, never one under another worker's lease; on PostgreSQL two
// transactions claiming at once take different deliveries.
func testWebhookClaims(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	on := &wat.WebhookSubscription{ID: "wh-01", ARN: "arn:wh-01", AccountID: "111111111111", URL: "https://h.example/1",
		Status: wat.WebhookEnabled, Secret: "whsec_Y3VycmVudA==", PreviousSecret: "whsec_cHJldmlvdXM=", PreviousSecretExpires: at(time.Hour), CreatedAt: t0, UpdatedAt: t0}
	off := &wat.WebhookSubscription{ID: "wh-02", ARN: "arn:wh-02", AccountID: "111111111111", URL: "https://h.example/2",
		Status: wat.WebhookDisabled, Secret: "whsec_b2Zm", CreatedAt: t0, UpdatedAt: t0}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(tx.InsertWebhookSubscription(ctx, on), tx.InsertWebhookSubscription(ctx, off),
			tx.InsertWebhookDelivery(ctx, newWebhookDelivery("wh-01", 2, at(2*time.Second))),
			tx.InsertWebhookDelivery(ctx, newWebhookDelivery("wh-01", 1, at(time.Second))),
			tx.InsertWebhookDelivery(ctx, newWebhookDelivery("wh-01", 3, at(time.Hour))),
			tx.InsertWebhookDelivery(ctx, newWebhookDelivery("wh-02", 4, t0)))
	})
	var raw []byte
	if err := db.read.QueryRowContext(context.Background(), `SELECT secret FROM webhook_subscriptions WHERE id = 'wh-01'`).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("Y3VycmVudA")) {
		t.Error("the secret is stored in the clear")
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		got, err := tx.GetWebhookSubscription(ctx, "111111111111", "wh-01")
		if err == nil && (got.Secret != on.Secret || got.PreviousSecret != on.PreviousSecret) {
			t.Errorf("secrets read back as %q, %q", got.Secret, got.PreviousSecret)
		}
		if _, err := tx.GetWebhookSubscription(ctx, "222222222222", "wh-01"); wat.ErrorCodeOf(err) != wat.ENotFound {
			t.Errorf("another account's Get: %v, want ENotFound", err)
		}
		return err
	})

	now := at(time.Minute)
	if b.name == "postgres" {
		// Two claims at once: the first holds its row locked until told.
		held, done := make(chan struct{}), make(chan struct{})
		var first *wat.WebhookDelivery
		go func() {
			defer close(done)
			_ = db.Update(context.Background(), func(tx wat.Tx) (err error) {
				first, err = tx.ClaimWebhookDelivery(context.Background(), "a", now, now.Add(time.Minute))
				held <- struct{}{}
				<-held
				return err
			})
		}()
		<-held
		second, err := claimDelivery(db, "b", now)
		held <- struct{}{}
		<-done
		if err != nil || first == nil || first.ID == second.ID {
			t.Fatalf("concurrent claims took %v and %v (%v); want two different deliveries", first, second, err)
		}
	} else {
		for _, owner := range []string{"a", "b"} {
			if _, err := claimDelivery(db, owner, now); err != nil {
				t.Fatal(err)
			}
		}
	}
	if d, err := claimDelivery(db, "c", now); wat.ErrorCodeOf(err) != wat.ENotFound {
		t.Fatalf("a third claim = %+v, %v; want ENotFound (leased, not due, or disabled)", d, err)
	}
	n, oldest, err := queue(db, now)
	if err != nil || n != 2 || !oldest.Equal(at(time.Second)) {
		t.Errorf("WebhookQueue = %d, %v, %v; want the 2 leased, the oldest at 1s", n, oldest, err)
	}
	// After the leases, the longest due is taken again.
	if d, err := claimDelivery(db, "c", now.Add(2*time.Minute)); err != nil || d.ID != fmt.Sprintf("msg_%016x", 1) {
		t.Fatalf("claim after the leases = %+v, %v", d, err)
	}
}

func queue(db *DB, now time.Time) (n int, oldest time.Time, err error) {
	err = db.View(context.Background(), func(tx wat.Tx) (err error) {
		n, oldest, err = tx.WebhookQueue(context.Background(), now)
		return err
	})
	return n, oldest, err
}

// testWebhookRoutes: ListWebhookRoutes lists the account's enabled
// subscriptions alone, with their filters, and opens no secret.
func testWebhookRoutes(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	subs := []*wat.WebhookSubscription{
		{ID: "wh-01", ARN: "arn:wh-01", AccountID: "111111111111", URL: "https://h.example/1", Status: wat.WebhookEnabled,
			DetailTypes: []string{wat.EventMilestoneCreated, wat.EventRiskChanged}, Sources: []string{wat.EventSourceWat},
			Secret: "whsec_Y3VycmVudA==", Tags: map[string]string{"team": "ops"}, CreatedAt: t0, UpdatedAt: t0},
		{ID: "wh-02", ARN: "arn:wh-02", AccountID: "111111111111", URL: "https://h.example/2", Status: wat.WebhookDisabled,
			Secret: "whsec_b2Zm", CreatedAt: t0, UpdatedAt: t0},
		{ID: "wh-03", ARN: "arn:wh-03", AccountID: "111111111111", URL: "https://h.example/3", Status: wat.WebhookEnabled,
			Secret: "whsec_dGhyZWU=", CreatedAt: t0, UpdatedAt: t0},
		{ID: "wh-04", ARN: "arn:wh-04", AccountID: "222222222222", URL: "https://h.example/4", Status: wat.WebhookEnabled,
			Secret: "whsec_Zm91cg==", CreatedAt: t0, UpdatedAt: t0},
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		for _, s := range subs {
			if err := tx.InsertWebhookSubscription(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		got, err := tx.ListWebhookRoutes(ctx, "111111111111")
		if err != nil {
			return err
		}
		want := []*wat.WebhookSubscription{
			{ID: "wh-01", AccountID: "111111111111", Status: wat.WebhookEnabled,
				DetailTypes: []string{wat.EventMilestoneCreated, wat.EventRiskChanged}, Sources: []string{wat.EventSourceWat}},
			{ID: "wh-03", AccountID: "111111111111", Status: wat.WebhookEnabled},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ListWebhookRoutes (-want +got):\n%s", diff)
		}
		return nil
	})
}
