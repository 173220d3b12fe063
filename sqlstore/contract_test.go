package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestContract runs the wat.Store contract on every backend.
func TestContract(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			runContract(t, b)
		})
	}
}

// runContract checks every behaviour that wat.Store promises, each on a
// fresh database of b.
func runContract(t *testing.T, b *backend) {
	tests := []struct {
		name string
		run  func(*testing.T, *backend)
	}{
		{"Accounts", testAccounts},
		{"Users", testUsers},
		{"AccessKeys", testAccessKeys},
		{"ListUsers", testListUsers},
		{"DeleteUserCascades", testDeleteUserCascades},
		{"DeleteAccountCascades", testDeleteAccountCascades},
		{"AccessKeyAdmin", testAccessKeyAdmin},
		{"UserPolicies", testUserPolicies},
		{"LockAccount", testLockAccount},
		{"Transactions", testTransactions},
		{"WorkloadRoundTrip", testWorkloadRoundTrip},
		{"WorkloadEmptyFields", testWorkloadEmptyFields},
		{"WorkloadNameConflict", testWorkloadNameConflict},
		{"UpdateWorkload", testUpdateWorkload},
		{"TouchWorkload", testTouchWorkload},
		{"DeleteWorkloadCascades", testDeleteWorkloadCascades},
		{"ListWorkloads", testListWorkloads},
		{"ListWorkloadsPrefix", testListWorkloadsPrefix},
		{"LensReviews", testLensReviews},
		{"SaveAnswerChange", testSaveAnswerChange},
		{"LensReviewHead", testLensReviewHead},
		{"Answers", testAnswers},
		{"ListAnswers", testListAnswers},
		{"Milestones", testMilestones},
		{"ListMilestones", testListMilestones},
		{"Shares", testShares},
		{"ShareConflict", testShareConflict},
		{"ListSharesFor", testListSharesFor},
		{"ExpireInvitations", testExpireInvitations},
		{"SharesRemoved", testSharesRemoved},
		{"ListWorkloadsShared", testListWorkloadsShared},
		{"Organizations", testOrganizations},
		{"AccountOrganizations", testAccountOrganizations},
		{"AccountSettings", testAccountSettings},
		{"CustomLenses", testCustomLenses},
		{"CustomLensLock", testCustomLensLock},
		{"LensDrafts", testLensDrafts},
		{"LensVersions", testLensVersions},
		{"LensDocumentLarge", testLensDocumentLarge},
		{"DeleteAccountLenses", testDeleteAccountLenses},
		{"Profiles", testProfiles},
		{"ProfileNames", testProfileNames},
		{"ProfileVersions", testProfileVersions},
		{"DeleteAccountProfiles", testDeleteAccountProfiles},
		{"ReviewTemplates", testReviewTemplates},
		{"TemplateAnswers", testTemplateAnswers},
		{"Idempotency", testIdempotency},
		{"ReviewsOfWorkloads", testReviewsOfWorkloads},
		{"AuditLog", testAuditLog},
		{"SecretsEncryptedAtRest", testSecretsEncryptedAtRest},
		{"WrongMasterKey", testWrongMasterKey},
		{"ConcurrentSameName", testConcurrentSameName},
		{"ConcurrentQuota", testConcurrentQuota},
		{"Replicas", testReplicas},
		{"ConcurrentOpen", testConcurrentOpen},
		{"DeadlockRetried", testDeadlockRetried},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, b) })
	}
}

// t0 is a time with nanoseconds and a zone: the store keeps microseconds
// and gives times back in UTC.
var t0 = time.Date(2025, 3, 4, 5, 6, 7, 891234567, time.FixedZone("CET", 3600))

// at is t0 plus d, as the store gives it back.
func at(d time.Duration) time.Time { return storedTime(t0.Add(d)) }

func newAccount(tb testing.TB, db *DB, id string) *wat.Account {
	tb.Helper()
	a := &wat.Account{ID: id, Name: "account " + id, CreatedAt: t0}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateAccount(ctx, a) })
	return a
}

// wantUTC fails the test unless every time is in UTC.
func wantUTC(tb testing.TB, times ...time.Time) {
	tb.Helper()
	for _, tm := range times {
		if tm.Location() != time.UTC {
			tb.Errorf("time %v is in %v, want UTC", tm, tm.Location())
		}
	}
}

func testAccounts(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "222222222222")
	newAccount(t, db, "111111111111")
	err := try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.CreateAccount(ctx, &wat.Account{ID: "111111111111", Name: "again"})
	})
	wantError(t, err, wat.EConflict, "ACCOUNT")

	var got []*wat.Account
	err = view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.ListAccounts(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []*wat.Account{
		{ID: "111111111111", Name: "account 111111111111", CreatedAt: at(0)},
		{ID: "222222222222", Name: "account 222222222222", CreatedAt: at(0)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListAccounts (-want +got):\n%s", diff)
	}
	wantUTC(t, got[0].CreatedAt)

	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		a, err := tx.GetAccount(ctx, "222222222222")
		if err == nil && a.Name != "account 222222222222" {
			t.Errorf("GetAccount = %+v", a)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAccount(ctx, "333333333333")
		return err
	})
	wantError(t, err, wat.ENotFound, "ACCOUNT")
}

func testUsers(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	u := &wat.User{AccountID: "111111111111", Name: "alice", ARN: "arn:aws:iam::111111111111:user/alice", IsAdmin: true, CreatedAt: t0}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateUser(ctx, u) })

	var got *wat.User
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.GetUser(ctx, "111111111111", "alice")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := *u
	want.CreatedAt = at(0)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("GetUser (-want +got):\n%s", diff)
	}

	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateUser(ctx, u) })
	wantError(t, err, wat.EConflict, "USER")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.CreateUser(ctx, &wat.User{AccountID: "999999999999", Name: "bob"})
	})
	wantError(t, err, wat.ENotFound, "ACCOUNT")
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetUser(ctx, "111111111111", "bob")
		return err
	})
	wantError(t, err, wat.ENotFound, "USER")
}

// newAccessKey creates an account, its user alice and an access key.
func newAccessKey(tb testing.TB, db *DB, id, secret string) *wat.AccessKey {
	tb.Helper()
	k := &wat.AccessKey{ID: id, AccountID: "111111111111", UserName: "alice", Secret: secret, Active: true, CreatedAt: t0}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error {
		if _, err := tx.GetAccount(ctx, k.AccountID); err != nil {
			if err := tx.CreateAccount(ctx, &wat.Account{ID: k.AccountID, Name: "a", CreatedAt: t0}); err != nil {
				return err
			}
			if err := tx.CreateUser(ctx, &wat.User{AccountID: k.AccountID, Name: "alice", CreatedAt: t0}); err != nil {
				return err
			}
		}
		return tx.CreateAccessKey(ctx, k)
	})
	return k
}

func testAccessKeys(t *testing.T, b *backend) {
	db := b.fresh(t)
	k := newAccessKey(t, db, "AKIAEXAMPLE1", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	var got *wat.AccessKey
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.GetAccessKey(ctx, k.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := *k
	want.CreatedAt = at(0)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("GetAccessKey (-want +got):\n%s", diff)
	}

	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateAccessKey(ctx, k) })
	wantError(t, err, wat.EConflict, "ACCESS_KEY")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.CreateAccessKey(ctx, &wat.AccessKey{ID: "AKIAEXAMPLE2", AccountID: "111111111111", UserName: "nobody", Secret: "s"})
	})
	wantError(t, err, wat.ENotFound, "USER")
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAccessKey(ctx, "AKIAMISSING")
		return err
	})
	wantError(t, err, wat.ENotFound, "ACCESS_KEY")
}

func testLockAccount(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.LockAccount(ctx, "111111111111") })
	if err := view(db, func(ctx context.Context, tx wat.Tx) error { return tx.LockAccount(ctx, "111111111111") }); err != nil {
		t.Errorf("LockAccount in a View: %v", err)
	}
	err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.LockAccount(ctx, "999999999999") })
	wantError(t, err, wat.ENotFound, "ACCOUNT")
}

// testTransactions checks that Update commits only when fn succeeds, gives
// fn's error back as it is, and that View cannot write.
func testTransactions(t *testing.T, b *backend) {
	db := b.fresh(t)
	errStop := errors.New("stop")
	err := try(db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.CreateAccount(ctx, &wat.Account{ID: "111111111111", Name: "rolled back"}); err != nil {
			return err
		}
		return errStop
	})
	if err != errStop {
		t.Errorf("Update = %v, want fn's error as it is", err)
	}
	if n := rowCount(t, db, "accounts", "id", "111111111111"); n != 0 {
		t.Errorf("an account created by a failed Update was kept")
	}
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.CreateAccount(ctx, &wat.Account{ID: "222222222222", Name: "in a view"})
	})
	if err == nil {
		t.Errorf("CreateAccount in a View succeeded")
	}
	if n := rowCount(t, db, "accounts", "id", "222222222222"); n != 0 {
		t.Errorf("View wrote an account")
	}
}
