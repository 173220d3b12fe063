package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

func newOrganization(tb testing.TB, db *DB, id, management string) *wat.Organization {
	tb.Helper()
	o := &wat.Organization{
		ID: id, ARN: "arn:aws:organizations::" + management + ":organization/" + id,
		Name: "organization " + id, ManagementAccountID: management, CreatedAt: t0,
	}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateOrganization(ctx, o) })
	return o
}

func newOU(tb testing.TB, db *DB, id, organization string) *wat.OrganizationalUnit {
	tb.Helper()
	ou := &wat.OrganizationalUnit{
		ID: id, ARN: "arn:aws:organizations::111111111111:ou/" + organization + "/" + id,
		OrganizationID: organization, Name: "unit " + id, CreatedAt: t0.Add(time.Minute),
	}
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.CreateOU(ctx, ou) })
	return ou
}

func setOrganization(tb testing.TB, db *DB, account, organization, ou string) {
	tb.Helper()
	update(tb, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.SetAccountOrganization(ctx, account, organization, ou)
	})
}

// membership is where GetAccount places an account: "org/ou".
func membership(tb testing.TB, db *DB, account string) string {
	tb.Helper()
	var a *wat.Account
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		a, err = tx.GetAccount(ctx, account)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return a.OrganizationID + "/" + a.OUID
}

// members lists the IDs of ListOrganizationAccounts.
func members(tb testing.TB, db *DB, organization string) []string {
	tb.Helper()
	var ids []string
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		as, err := tx.ListOrganizationAccounts(ctx, organization)
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ids
}

func testOrganizations(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	o2 := newOrganization(t, db, "o-zzzzzzzzzz", "222222222222")
	o1 := newOrganization(t, db, "o-aaaaaaaaaa", "111111111111")
	ou2 := newOU(t, db, "ou-aaaa-bbbbbbbb", o1.ID)
	ou1 := newOU(t, db, "ou-aaaa-aaaaaaaa", o1.ID)
	newOU(t, db, "ou-zzzz-aaaaaaaa", o2.ID)

	var (
		orgs []*wat.Organization
		ous  []*wat.OrganizationalUnit
	)
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		if orgs, err = tx.ListOrganizations(ctx); err != nil {
			return err
		}
		ous, err = tx.ListOUs(ctx, o1.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	wantOrg := func(o *wat.Organization) *wat.Organization {
		c := *o
		c.CreatedAt = at(0)
		return &c
	}
	wantOU := func(ou *wat.OrganizationalUnit) *wat.OrganizationalUnit {
		c := *ou
		c.CreatedAt = at(time.Minute)
		return &c
	}
	if diff := cmp.Diff([]*wat.Organization{wantOrg(o1), wantOrg(o2)}, orgs); diff != "" {
		t.Errorf("ListOrganizations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*wat.OrganizationalUnit{wantOU(ou1), wantOU(ou2)}, ous); diff != "" {
		t.Errorf("ListOUs (-want +got):\n%s", diff)
	}
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		o, err := tx.GetOrganization(ctx, o2.ID)
		if diff := cmp.Diff(wantOrg(o2), o); err == nil && diff != "" {
			t.Errorf("GetOrganization (-want +got):\n%s", diff)
		}
		if err == nil {
			wantUTC(t, o.CreatedAt)
			var ou *wat.OrganizationalUnit
			ou, err = tx.GetOU(ctx, ou2.ID)
			if diff := cmp.Diff(wantOU(ou2), ou); err == nil && diff != "" {
				t.Errorf("GetOU (-want +got):\n%s", diff)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		code     wat.ErrorCode
		resource string
		fn       func(ctx context.Context, tx wat.Tx) error
	}{
		{wat.EConflict, "ORGANIZATION", func(ctx context.Context, tx wat.Tx) error { return tx.CreateOrganization(ctx, o1) }},
		{wat.ENotFound, "ACCOUNT", func(ctx context.Context, tx wat.Tx) error {
			return tx.CreateOrganization(ctx, &wat.Organization{ID: "o-bbbbbbbbbb", ManagementAccountID: "999999999999"})
		}},
		{wat.EConflict, "ORGANIZATIONAL_UNIT", func(ctx context.Context, tx wat.Tx) error { return tx.CreateOU(ctx, ou1) }},
		{wat.ENotFound, "ORGANIZATION", func(ctx context.Context, tx wat.Tx) error {
			return tx.CreateOU(ctx, &wat.OrganizationalUnit{ID: "ou-bbbb-bbbbbbbb", OrganizationID: "o-bbbbbbbbbb"})
		}},
		{wat.ENotFound, "ORGANIZATION", func(ctx context.Context, tx wat.Tx) error {
			_, err := tx.GetOrganization(ctx, "o-bbbbbbbbbb")
			return err
		}},
		{wat.ENotFound, "ORGANIZATIONAL_UNIT", func(ctx context.Context, tx wat.Tx) error {
			_, err := tx.GetOU(ctx, "ou-bbbb-bbbbbbbb")
			return err
		}},
		{wat.ENotFound, "ORGANIZATION", func(ctx context.Context, tx wat.Tx) error { return tx.DeleteOrganization(ctx, "o-bbbbbbbbbb") }},
		{wat.ENotFound, "ORGANIZATIONAL_UNIT", func(ctx context.Context, tx wat.Tx) error { return tx.DeleteOU(ctx, "ou-bbbb-bbbbbbbb") }},
	} {
		wantError(t, try(db, c.fn), c.code, c.resource)
	}

	// An organization goes with its OUs; the others keep theirs.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteOrganization(ctx, o1.ID) })
	if n := rowCount(t, db, "organizational_units", "organization_id", o1.ID); n != 0 {
		t.Errorf("%d OUs are left of the deleted organization", n)
	}
	if n := rowCount(t, db, "organizational_units", "organization_id", o2.ID); n != 1 {
		t.Errorf("deleting an organization changed another's OUs (%d)", n)
	}
	// Its management account going takes the organization with it.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "222222222222") })
	if n := rowCount(t, db, "organizations", "id", o2.ID); n != 0 {
		t.Errorf("the organization of a deleted management account is left")
	}
}

// testAccountOrganizations checks SetAccountOrganization, what GetAccount,
// ListAccounts and ListOrganizationAccounts make of it, and what deleting an
// OU or an organization leaves of the memberships.
func testAccountOrganizations(t *testing.T, b *backend) {
	db := b.fresh(t)
	for _, a := range []string{"444444444444", "111111111111", "222222222222", "333333333333"} {
		newAccount(t, db, a)
	}
	o := newOrganization(t, db, "o-aaaaaaaaaa", "111111111111")
	other := newOrganization(t, db, "o-zzzzzzzzzz", "444444444444")
	ouA := newOU(t, db, "ou-aaaa-aaaaaaaa", o.ID)
	ouB := newOU(t, db, "ou-aaaa-bbbbbbbb", o.ID)
	foreign := newOU(t, db, "ou-zzzz-aaaaaaaa", other.ID)
	setOrganization(t, db, "333333333333", o.ID, ouA.ID)
	setOrganization(t, db, "111111111111", o.ID, "")
	setOrganization(t, db, "222222222222", o.ID, ouB.ID)
	setOrganization(t, db, "444444444444", other.ID, foreign.ID)
	// Setting again moves the account.
	setOrganization(t, db, "222222222222", o.ID, ouA.ID)

	var accounts []*wat.Account
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		accounts, err = tx.ListAccounts(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []*wat.Account{
		{ID: "111111111111", Name: "account 111111111111", CreatedAt: at(0), OrganizationID: o.ID},
		{ID: "222222222222", Name: "account 222222222222", CreatedAt: at(0), OrganizationID: o.ID, OUID: ouA.ID},
		{ID: "333333333333", Name: "account 333333333333", CreatedAt: at(0), OrganizationID: o.ID, OUID: ouA.ID},
		{ID: "444444444444", Name: "account 444444444444", CreatedAt: at(0), OrganizationID: other.ID, OUID: foreign.ID},
	}
	if diff := cmp.Diff(want, accounts); diff != "" {
		t.Errorf("ListAccounts (-want +got):\n%s", diff)
	}
	if got := membership(t, db, "222222222222"); got != o.ID+"/"+ouA.ID {
		t.Errorf("GetAccount places the account in %q", got)
	}
	if diff := cmp.Diff([]string{"111111111111", "222222222222", "333333333333"}, members(t, db, o.ID)); diff != "" {
		t.Errorf("ListOrganizationAccounts (-want +got):\n%s", diff)
	}
	if got := members(t, db, "o-bbbbbbbbbb"); len(got) != 0 {
		t.Errorf("accounts of an unknown organization = %v", got)
	}

	for _, c := range []struct {
		code                     wat.ErrorCode
		resource                 string
		account, organization, o string
	}{
		{wat.ENotFound, "ACCOUNT", "999999999999", o.ID, ""},
		{wat.ENotFound, "ACCOUNT", "999999999999", "", ""},
		{wat.ENotFound, "ORGANIZATION", "333333333333", "o-bbbbbbbbbb", ""},
		{wat.ENotFound, "ORGANIZATIONAL_UNIT", "333333333333", o.ID, "ou-aaaa-cccccccc"},
		// An OU of another organization is not one of this one's.
		{wat.ENotFound, "ORGANIZATIONAL_UNIT", "333333333333", o.ID, foreign.ID},
		{wat.EInvalid, "", "333333333333", "", ouA.ID},
	} {
		err := try(db, func(ctx context.Context, tx wat.Tx) error {
			return tx.SetAccountOrganization(ctx, c.account, c.organization, c.o)
		})
		wantError(t, err, c.code, c.resource)
	}
	if got := membership(t, db, "333333333333"); got != o.ID+"/"+ouA.ID {
		t.Errorf("failed SetAccountOrganization calls moved the account to %q", got)
	}

	// Leaving the organization, and leaving it again.
	setOrganization(t, db, "333333333333", "", "")
	setOrganization(t, db, "333333333333", "", "")
	if got := membership(t, db, "333333333333"); got != "/" {
		t.Errorf("after leaving, the account is in %q", got)
	}
	setOrganization(t, db, "333333333333", o.ID, ouB.ID)

	// Deleting an OU leaves its accounts in the organization, in no OU.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteOU(ctx, ouA.ID) })
	for account, want := range map[string]string{
		"111111111111": o.ID + "/", "222222222222": o.ID + "/", "333333333333": o.ID + "/" + ouB.ID,
		"444444444444": other.ID + "/" + foreign.ID,
	} {
		if got := membership(t, db, account); got != want {
			t.Errorf("after DeleteOU, account %s is in %q, want %q", account, got, want)
		}
	}
	// Deleting the organization leaves its accounts in none.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteOrganization(ctx, o.ID) })
	for account, want := range map[string]string{
		"111111111111": "/", "222222222222": "/", "333333333333": "/", "444444444444": other.ID + "/" + foreign.ID,
	} {
		if got := membership(t, db, account); got != want {
			t.Errorf("after DeleteOrganization, account %s is in %q, want %q", account, got, want)
		}
	}
	// An account can join again after its organization is gone.
	setOrganization(t, db, "111111111111", other.ID, foreign.ID)
	if diff := cmp.Diff([]string{"111111111111", "444444444444"}, members(t, db, other.ID)); diff != "" {
		t.Errorf("ListOrganizationAccounts (-want +got):\n%s", diff)
	}
}
