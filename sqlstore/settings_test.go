package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// testAccountSettings checks that settings default to off, round-trip, are
// kept per account and go with their account.
func testAccountSettings(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	get := func(account string) *wat.AccountSettings {
		t.Helper()
		var s *wat.AccountSettings
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			s, err = tx.GetAccountSettings(ctx, account)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if diff := cmp.Diff(&wat.AccountSettings{AccountID: "111111111111"}, get("111111111111")); diff != "" {
		t.Errorf("settings never stored (-want +got):\n%s", diff)
	}
	put := func(s wat.AccountSettings) {
		t.Helper()
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutAccountSettings(ctx, &s) })
	}
	put(wat.AccountSettings{AccountID: "111111111111", OrganizationSharing: true, UpdatedAt: t0})
	put(wat.AccountSettings{AccountID: "222222222222", DiscoveryIntegration: true, UpdatedAt: t0})
	want := &wat.AccountSettings{AccountID: "111111111111", OrganizationSharing: true, UpdatedAt: at(0)}
	if diff := cmp.Diff(want, get("111111111111")); diff != "" {
		t.Errorf("GetAccountSettings (-want +got):\n%s", diff)
	}
	wantUTC(t, get("111111111111").UpdatedAt)
	put(wat.AccountSettings{AccountID: "111111111111", DiscoveryIntegration: true, UpdatedAt: t0.Add(time.Hour)})
	want = &wat.AccountSettings{AccountID: "111111111111", DiscoveryIntegration: true, UpdatedAt: at(time.Hour)}
	if diff := cmp.Diff(want, get("111111111111")); diff != "" {
		t.Errorf("after replacing (-want +got):\n%s", diff)
	}
	if got := get("222222222222"); got.OrganizationSharing || !got.DiscoveryIntegration {
		t.Errorf("another account's settings changed: %+v", got)
	}
	err := try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutAccountSettings(ctx, &wat.AccountSettings{AccountID: "999999999999", UpdatedAt: t0})
	})
	wantError(t, err, wat.ENotFound, "ACCOUNT")
	// Deleting the account deletes its settings.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "222222222222") })
	if n := rowCount(t, db, "account_settings", "account_id", "222222222222"); n != 0 {
		t.Errorf("the settings of a deleted account are left")
	}
}
