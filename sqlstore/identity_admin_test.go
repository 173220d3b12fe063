package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// newUser creates a user of an existing account.
func newUser(tb testing.TB, db *DB, accountID, name string) *wat.User {
	tb.Helper()
	u := &wat.User{AccountID: accountID, Name: name, ARN: "arn:aws:iam::" + accountID + ":user/" + name, CreatedAt: t0}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateUser(ctx, u) })
	return u
}

// addKey stores an access key of an existing user, created at t0+d.
func addKey(tb testing.TB, db *DB, accountID, user, id string, d time.Duration) {
	tb.Helper()
	k := &wat.AccessKey{ID: id, AccountID: accountID, UserName: user, Secret: "secret of " + id, Active: true, CreatedAt: t0.Add(d)}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateAccessKey(ctx, k) })
}

func addPolicy(tb testing.TB, db *DB, accountID, user, name string) {
	tb.Helper()
	p := &wat.UserPolicy{AccountID: accountID, UserName: user, Name: name, Document: `{"Version":"2012-10-17"}`, CreatedAt: t0}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutUserPolicy(ctx, p) })
}

func listUsers(tb testing.TB, db *DB, accountID string) []string {
	tb.Helper()
	var names []string
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		us, err := tx.ListUsers(ctx, accountID)
		for _, u := range us {
			names = append(names, u.Name)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return names
}

func testListUsers(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	// Byte order: upper case before lower case, whatever the collation.
	for _, n := range []string{"bob", "Zed", "alice", "a.b@c"} {
		newUser(t, db, "111111111111", n)
	}
	newUser(t, db, "222222222222", "carol")
	if diff := cmp.Diff([]string{"Zed", "a.b@c", "alice", "bob"}, listUsers(t, db, "111111111111")); diff != "" {
		t.Errorf("ListUsers (-want +got):\n%s", diff)
	}
	var got []*wat.User
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.ListUsers(ctx, "222222222222")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []*wat.User{{AccountID: "222222222222", Name: "carol", ARN: "arn:aws:iam::222222222222:user/carol", CreatedAt: at(0)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListUsers (-want +got):\n%s", diff)
	}
	if got := listUsers(t, db, "999999999999"); len(got) != 0 {
		t.Errorf("ListUsers of an unknown account = %v", got)
	}
}

// testDeleteUserCascades checks that a user goes with its keys and
// policies, and that other users keep theirs.
func testDeleteUserCascades(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	for _, n := range []string{"gone", "kept"} {
		newUser(t, db, "111111111111", n)
		addKey(t, db, "111111111111", n, "AKIA"+n, 0)
		addPolicy(t, db, "111111111111", n, "p")
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteUser(ctx, "111111111111", "gone") })
	for _, table := range []string{"users", "access_keys", "user_policies"} {
		column := "user_name"
		if table == "users" {
			column = "name"
		}
		if n := rowCount(t, db, table, column, "gone"); n != 0 {
			t.Errorf("%d rows of %s are left of the deleted user", n, table)
		}
		if n := rowCount(t, db, table, column, "kept"); n != 1 {
			t.Errorf("deleting a user changed another's %s (%d rows)", table, n)
		}
	}
	err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteUser(ctx, "111111111111", "gone") })
	wantError(t, err, wat.ENotFound, "USER")
}

// testDeleteAccountCascades checks that an account goes with everything of
// it, and that other accounts keep theirs.
func testDeleteAccountCascades(t *testing.T, b *backend) {
	db := b.fresh(t)
	accounts := map[string]string{"111111111111": workloadID(1), "222222222222": workloadID(2)}
	for a, wid := range accounts {
		newAccount(t, db, a)
		newUser(t, db, a, "alice")
		addKey(t, db, a, "alice", "AKIA"+a, 0)
		addPolicy(t, db, a, "alice", "p")
		w := fullWorkload(a, wid, "workload")
		insertWorkload(t, db, w)
		putReview(t, db, wid, lensWA, 3)
		update(t, db, func(ctx context.Context, tx wat.Tx) error {
			if err := tx.InsertMilestone(ctx, &wat.Milestone{WorkloadID: wid, Number: 1, Name: "v1", RecordedAt: t0, Workload: w}); err != nil {
				return err
			}
			return tx.PutIdempotency(ctx, &wat.Idempotency{AccountID: a, Operation: "CreateWorkload", Token: "t", Result: wid, CreatedAt: t0})
		})
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })

	for _, c := range []struct{ table, column, gone, kept string }{
		{"accounts", "id", "111111111111", "222222222222"},
		{"users", "account_id", "111111111111", "222222222222"},
		{"access_keys", "account_id", "111111111111", "222222222222"},
		{"user_policies", "account_id", "111111111111", "222222222222"},
		{"idempotency", "account_id", "111111111111", "222222222222"},
		{"workloads", "account_id", "111111111111", "222222222222"},
		{"lens_reviews", "workload_id", workloadID(1), workloadID(2)},
		{"answers", "workload_id", workloadID(1), workloadID(2)},
		{"milestones", "workload_id", workloadID(1), workloadID(2)},
	} {
		if n := rowCount(t, db, c.table, c.column, c.gone); n != 0 {
			t.Errorf("%d rows of %s are left of the deleted account", n, c.table)
		}
		if n := rowCount(t, db, c.table, c.column, c.kept); n == 0 {
			t.Errorf("deleting an account removed another's %s", c.table)
		}
	}
	err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	wantError(t, err, wat.ENotFound, "ACCOUNT")
}

func testAccessKeyAdmin(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newUser(t, db, "111111111111", "alice")
	newUser(t, db, "111111111111", "bob")
	addKey(t, db, "111111111111", "alice", "AKIAB", time.Second)
	addKey(t, db, "111111111111", "alice", "AKIAA", 2*time.Second)
	addKey(t, db, "111111111111", "bob", "AKIAC", 0)

	list := func() []*wat.AccessKey {
		t.Helper()
		var ks []*wat.AccessKey
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			ks, err = tx.ListAccessKeys(ctx, "111111111111", "alice")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return ks
	}
	want := []*wat.AccessKey{
		{ID: "AKIAB", AccountID: "111111111111", UserName: "alice", Active: true, CreatedAt: at(time.Second)},
		{ID: "AKIAA", AccountID: "111111111111", UserName: "alice", Active: true, CreatedAt: at(2 * time.Second)},
	}
	if diff := cmp.Diff(want, list()); diff != "" {
		t.Errorf("ListAccessKeys, oldest first and without secrets (-want +got):\n%s", diff)
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.SetAccessKeyStatus(ctx, "AKIAB", false) })
	want[0].Active = false
	if diff := cmp.Diff(want, list()); diff != "" {
		t.Errorf("after deactivating AKIAB (-want +got):\n%s", diff)
	}
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		k, err := tx.GetAccessKey(ctx, "AKIAB")
		if err == nil && (k.Active || k.Secret != "secret of AKIAB") {
			t.Errorf("GetAccessKey after deactivation = %+v", k)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.SetAccessKeyStatus(ctx, "AKIAB", true) })
	want[0].Active = true
	if diff := cmp.Diff(want, list()); diff != "" {
		t.Errorf("after reactivating AKIAB (-want +got):\n%s", diff)
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccessKey(ctx, "AKIAA") })
	if diff := cmp.Diff(want[:1], list()); diff != "" {
		t.Errorf("after deleting AKIAA (-want +got):\n%s", diff)
	}
	if n := rowCount(t, db, "access_keys", "id", "AKIAC"); n != 1 {
		t.Errorf("deleting alice's key removed bob's")
	}
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccessKey(ctx, "AKIAA") })
	wantError(t, err, wat.ENotFound, "ACCESS_KEY")
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.SetAccessKeyStatus(ctx, "AKIAA", false) })
	wantError(t, err, wat.ENotFound, "ACCESS_KEY")
}

func testUserPolicies(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newUser(t, db, "111111111111", "alice")
	newUser(t, db, "111111111111", "bob")
	doc := `{ "Version": "2012-10-17",  "Statement": [] }` // kept as given, spaces and all
	put := func(p *wat.UserPolicy) {
		t.Helper()
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutUserPolicy(ctx, p) })
	}
	list := func(user string) []*wat.UserPolicy {
		t.Helper()
		var ps []*wat.UserPolicy
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			ps, err = tx.ListUserPolicies(ctx, "111111111111", user)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	put(&wat.UserPolicy{AccountID: "111111111111", UserName: "alice", Name: "reader", Document: doc, CreatedAt: t0})
	put(&wat.UserPolicy{AccountID: "111111111111", UserName: "alice", Name: "ReadOnlyAccess", Managed: true, CreatedAt: t0})
	put(&wat.UserPolicy{AccountID: "111111111111", UserName: "bob", Name: "reader", Document: "{}", CreatedAt: t0})
	want := []*wat.UserPolicy{
		{AccountID: "111111111111", UserName: "alice", Name: "ReadOnlyAccess", Managed: true, CreatedAt: at(0)},
		{AccountID: "111111111111", UserName: "alice", Name: "reader", Document: doc, CreatedAt: at(0)},
	}
	if diff := cmp.Diff(want, list("alice")); diff != "" {
		t.Errorf("ListUserPolicies (-want +got):\n%s", diff)
	}

	// The same name replaces, whatever the kind.
	put(&wat.UserPolicy{AccountID: "111111111111", UserName: "alice", Name: "reader", Managed: true, CreatedAt: t0.Add(time.Hour)})
	want[1] = &wat.UserPolicy{AccountID: "111111111111", UserName: "alice", Name: "reader", Managed: true, CreatedAt: at(time.Hour)}
	if diff := cmp.Diff(want, list("alice")); diff != "" {
		t.Errorf("after replacing reader (-want +got):\n%s", diff)
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.DeleteUserPolicy(ctx, "111111111111", "alice", "reader")
	})
	if diff := cmp.Diff(want[:1], list("alice")); diff != "" {
		t.Errorf("after deleting reader (-want +got):\n%s", diff)
	}
	if got := list("bob"); len(got) != 1 || got[0].Document != "{}" {
		t.Errorf("bob's policies = %+v, want his reader untouched", got)
	}
	err := try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.DeleteUserPolicy(ctx, "111111111111", "alice", "reader")
	})
	wantError(t, err, wat.ENotFound, "POLICY")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutUserPolicy(ctx, &wat.UserPolicy{AccountID: "111111111111", UserName: "nobody", Name: "p", CreatedAt: t0})
	})
	wantError(t, err, wat.ENotFound, "USER")
	if got := list("nobody"); len(got) != 0 {
		t.Errorf("policies of an unknown user = %+v", got)
	}
}
