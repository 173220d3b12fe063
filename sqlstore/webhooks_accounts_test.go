package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestAccountsWithWebhooks: of the accounts asked about, those with an
// enabled subscription, each once, whatever else they have; none for
// accounts with only disabled subscriptions, none at all or no such
// account.
func TestAccountsWithWebhooks(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testAccountsWithWebhooks(t, b)
		})
	}
}

func testAccountsWithWebhooks(t *testing.T, b *backend) {
	db := b.fresh(t)
	const (
		twoEnabled = "111111111111"
		mixed      = "222222222222"
		disabled   = "333333333333"
		none       = "444444444444"
		enabled    = "555555555555"
	)
	for _, id := range []string{twoEnabled, mixed, disabled, none, enabled} {
		newAccount(t, db, id)
	}
	n := 0
	subscribe := func(account, status string) *wat.WebhookSubscription {
		n++
		id := fmt.Sprintf("wh-%02d", n)
		return &wat.WebhookSubscription{ID: id, ARN: "arn:" + id, AccountID: account, URL: "https://h.example/" + id,
			Status: status, Secret: "whsec_Y3VycmVudA==", CreatedAt: t0, UpdatedAt: t0}
	}
	subs := []*wat.WebhookSubscription{
		subscribe(twoEnabled, wat.WebhookEnabled), subscribe(twoEnabled, wat.WebhookEnabled),
		subscribe(mixed, wat.WebhookDisabled), subscribe(mixed, wat.WebhookEnabled),
		subscribe(disabled, wat.WebhookDisabled), subscribe(enabled, wat.WebhookEnabled),
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		for _, s := range subs {
			if err := tx.InsertWebhookSubscription(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	for _, tt := range []struct {
		name     string
		accounts []string
		want     []string
	}{
		{"all", []string{none, disabled, mixed, twoEnabled, enabled, "999999999999"}, []string{twoEnabled, mixed, enabled}},
		{"some", []string{enabled, disabled}, []string{enabled}},
		{"without", []string{none, disabled, "999999999999"}, nil},
		{"empty", nil, nil},
	} {
		var got []string
		if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			got, err = tx.AccountsWithWebhooks(ctx, tt.accounts)
			return err
		}); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		slices.Sort(got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
}
