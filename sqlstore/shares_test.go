package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// shareID and invitationID are valid IDs made of n.
func shareID(n int) string      { return fmt.Sprintf("%032x", 0x5000+n) }
func invitationID(n int) string { return fmt.Sprintf("%032x", 0x1000+n) }

// newShare is a share n of workload by owner to a recipient of kind, created
// at t0+d. Account and user shares are PENDING invitations, the others
// ASSOCIATED without one.
func newShare(n int, owner, workload, kind, recipientID, user string, d time.Duration) *wat.Share {
	s := &wat.Share{
		ID: shareID(n), ResourceType: wat.ShareResourceWorkload, ResourceID: workload, OwnerAccountID: owner,
		SharedWith: recipientID, RecipientKind: kind, RecipientID: recipientID, RecipientUser: user,
		Permission: wat.PermissionReadOnly, Status: wat.ShareAssociated, CreatedAt: t0.Add(d), UpdatedAt: t0.Add(d),
	}
	if kind == wat.RecipientAccount || kind == wat.RecipientUser {
		s.InvitationID, s.Status = invitationID(n), wat.SharePending
	}
	if kind == wat.RecipientUser {
		s.SharedWith = "arn:aws:iam::" + recipientID + ":user/" + user
	}
	return s
}

// storedShare is s as the store gives it back.
func storedShare(s *wat.Share) *wat.Share {
	c := *s
	c.CreatedAt, c.UpdatedAt = storedTime(s.CreatedAt), storedTime(s.UpdatedAt)
	return &c
}

func insertShare(tb testing.TB, db *DB, s *wat.Share) {
	tb.Helper()
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertShare(ctx, s) })
}

// shareIDs lists the IDs of ss, in order.
func shareIDs(ss []*wat.Share) []string {
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.ID)
	}
	return ids
}

func listShares(tb testing.TB, db *DB, resourceID string) []*wat.Share {
	tb.Helper()
	var ss []*wat.Share
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		ss, err = tx.ListShares(ctx, wat.ShareResourceWorkload, resourceID)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ss
}

// withWorkload creates the accounts and a workload of the first one.
func withWorkload(tb testing.TB, db *DB, workload string, accounts ...string) {
	tb.Helper()
	for _, a := range accounts {
		newAccount(tb, db, a)
	}
	insertWorkload(tb, db, fullWorkload(accounts[0], workload, "shared "+workload))
}

func testShares(t *testing.T, b *backend) {
	db := b.fresh(t)
	w := workloadID(1)
	withWorkload(t, db, w, "111111111111")
	// Inserted out of order: listed oldest first, then by ID.
	s3 := newShare(3, "111111111111", w, wat.RecipientAccount, "333333333333", "", time.Hour)
	s2 := newShare(2, "111111111111", w, wat.RecipientUser, "222222222222", "alice", time.Hour)
	s1 := newShare(1, "111111111111", w, wat.RecipientOrganization, "o-abcdefghij", "", 2*time.Hour)
	s4 := newShare(4, "111111111111", w, wat.RecipientOU, "ou-abcd-12345678", "", 0)
	for _, s := range []*wat.Share{s3, s2, s1, s4} {
		insertShare(t, db, s)
	}
	want := []*wat.Share{storedShare(s4), storedShare(s2), storedShare(s3), storedShare(s1)}
	if diff := cmp.Diff(want, listShares(t, db, w)); diff != "" {
		t.Errorf("ListShares (-want +got):\n%s", diff)
	}
	if got := listShares(t, db, workloadID(2)); len(got) != 0 {
		t.Errorf("ListShares of another workload = %v", shareIDs(got))
	}

	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		got, err := tx.GetShare(ctx, s2.ID)
		if diff := cmp.Diff(storedShare(s2), got); err == nil && diff != "" {
			t.Errorf("GetShare (-want +got):\n%s", diff)
		}
		if err == nil {
			wantUTC(t, got.CreatedAt, got.UpdatedAt)
			got, err = tx.GetShareByInvitation(ctx, s3.InvitationID)
		}
		if diff := cmp.Diff(storedShare(s3), got); err == nil && diff != "" {
			t.Errorf("GetShareByInvitation (-want +got):\n%s", diff)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// Accepting an invitation changes its status, permission and time only.
	s3.Status, s3.Permission, s3.UpdatedAt = wat.ShareAccepted, wat.PermissionContributor, t0.Add(3*time.Hour)
	changed := *s3
	changed.SharedWith, changed.CreatedAt = "ignored", t0.Add(time.Minute)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateShare(ctx, &changed) })
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteShare(ctx, s1.ID) })
	want = []*wat.Share{storedShare(s4), storedShare(s2), storedShare(s3)}
	if diff := cmp.Diff(want, listShares(t, db, w)); diff != "" {
		t.Errorf("after UpdateShare and DeleteShare (-want +got):\n%s", diff)
	}

	for _, c := range []struct {
		resource string
		fn       func(ctx context.Context, tx wat.Tx) error
	}{
		{"SHARE", func(ctx context.Context, tx wat.Tx) error { _, err := tx.GetShare(ctx, s1.ID); return err }},
		{"SHARE", func(ctx context.Context, tx wat.Tx) error { return tx.DeleteShare(ctx, s1.ID) }},
		{"SHARE", func(ctx context.Context, tx wat.Tx) error { return tx.UpdateShare(ctx, s1) }},
		{"SHARE_INVITATION", func(ctx context.Context, tx wat.Tx) error {
			_, err := tx.GetShareByInvitation(ctx, invitationID(99))
			return err
		}},
		// Organization and OU shares have no invitation: "" finds none of them.
		{"SHARE_INVITATION", func(ctx context.Context, tx wat.Tx) error {
			_, err := tx.GetShareByInvitation(ctx, "")
			return err
		}},
	} {
		wantError(t, try(db, c.fn), wat.ENotFound, c.resource)
	}
}

// testShareConflict checks that a resource is shared once with a recipient
// (kind, ID and user), and that invitation IDs are unique.
func testShareConflict(t *testing.T, b *backend) {
	db := b.fresh(t)
	w := workloadID(1)
	withWorkload(t, db, w, "111111111111")
	insertShare(t, db, newShare(1, "111111111111", w, wat.RecipientUser, "222222222222", "alice", 0))
	insertShare(t, db, newShare(2, "111111111111", w, wat.RecipientOrganization, "o-abcdefghij", "", 0))

	// The same recipient again, under a new ID, whatever SharedWith says.
	again := newShare(3, "111111111111", w, wat.RecipientUser, "222222222222", "alice", time.Hour)
	again.SharedWith = "another spelling"
	err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertShare(ctx, again) })
	wantError(t, err, wat.EConflict, "SHARE")
	sameInvitation := newShare(4, "111111111111", w, wat.RecipientAccount, "444444444444", "", 0)
	sameInvitation.InvitationID = invitationID(1)
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertShare(ctx, sameInvitation) })
	wantError(t, err, wat.EConflict, "SHARE")
	orphan := newShare(5, "999999999999", w, wat.RecipientAccount, "444444444444", "", 0)
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertShare(ctx, orphan) })
	wantError(t, err, wat.ENotFound, "ACCOUNT")

	// Other recipients of the same resource, and the same recipient of
	// another resource, are not conflicts; nor are two shares without an
	// invitation.
	for _, s := range []*wat.Share{
		newShare(6, "111111111111", w, wat.RecipientUser, "222222222222", "bob", 0),
		newShare(7, "111111111111", w, wat.RecipientAccount, "222222222222", "", 0),
		newShare(8, "111111111111", w, wat.RecipientOU, "ou-abcd-12345678", "", 0),
		newShare(9, "111111111111", workloadID(2), wat.RecipientUser, "222222222222", "alice", 0),
	} {
		insertShare(t, db, s)
	}
	if n := rowCount(t, db, "shares", "owner_account_id", "111111111111"); n != 6 {
		t.Errorf("%d shares stored, want 6", n)
	}
}

func testListSharesFor(t *testing.T, b *backend) {
	db := b.fresh(t)
	w := workloadID(1)
	withWorkload(t, db, w, "111111111111")
	lens := "arn:aws:wellarchitected:us-east-1:111111111111:lens/custom"
	rejected := newShare(1, "111111111111", w, wat.RecipientAccount, "222222222222", "", 2*time.Hour)
	rejected.Status = wat.ShareRejected
	lensShare := newShare(10, "111111111111", lens, wat.RecipientAccount, "222222222222", "", 0)
	lensShare.ResourceType, lensShare.Permission = wat.ShareResourceLens, ""
	noOrg := newShare(11, "111111111111", w, wat.RecipientOrganization, "", "", 0)
	for _, s := range []*wat.Share{
		rejected, // listed whatever its status
		newShare(2, "111111111111", w, wat.RecipientUser, "222222222222", "alice", time.Hour),
		newShare(3, "111111111111", w, wat.RecipientUser, "222222222222", "bob", 0),
		newShare(4, "111111111111", w, wat.RecipientUser, "333333333333", "alice", 0),
		newShare(5, "111111111111", w, wat.RecipientOrganization, "o-abcdefghij", "", 2*time.Hour),
		newShare(6, "111111111111", w, wat.RecipientOrganization, "o-zzzzzzzzzz", "", 0),
		newShare(7, "111111111111", w, wat.RecipientOU, "ou-abcd-12345678", "", 0),
		newShare(8, "111111111111", w, wat.RecipientOU, "ou-abcd-87654321", "", 0),
		newShare(9, "111111111111", w, wat.RecipientAccount, "333333333333", "", 0),
		lensShare,
		noOrg, // a recipient in no organization must not match it
	} {
		insertShare(t, db, s)
	}
	alice := wat.Recipient{AccountID: "222222222222", UserName: "alice", OrganizationID: "o-abcdefghij", OUID: "ou-abcd-12345678"}
	tests := []struct {
		name         string
		r            wat.Recipient
		resourceType string
		want         []int
	}{
		{"every kind", alice, wat.ShareResourceWorkload, []int{7, 2, 1, 5}},
		{"no user", wat.Recipient{AccountID: "222222222222", OrganizationID: "o-abcdefghij", OUID: "ou-abcd-12345678"}, wat.ShareResourceWorkload, []int{7, 1, 5}},
		{"no organization", wat.Recipient{AccountID: "222222222222", UserName: "alice"}, wat.ShareResourceWorkload, []int{2, 1}},
		{"organization without OU", wat.Recipient{AccountID: "222222222222", OrganizationID: "o-abcdefghij"}, wat.ShareResourceWorkload, []int{1, 5}},
		{"another user", wat.Recipient{AccountID: "222222222222", UserName: "bob"}, wat.ShareResourceWorkload, []int{3, 1}},
		{"another account", wat.Recipient{AccountID: "333333333333", UserName: "bob"}, wat.ShareResourceWorkload, []int{9}},
		{"nothing shared", wat.Recipient{AccountID: "444444444444", UserName: "alice", OrganizationID: "o-yyyyyyyyyy"}, wat.ShareResourceWorkload, nil},
		{"lenses", alice, wat.ShareResourceLens, []int{10}},
	}
	for _, tt := range tests {
		var got []*wat.Share
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			got, err = tx.ListSharesFor(ctx, tt.r, tt.resourceType)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, n := range tt.want {
			want = append(want, shareID(n))
		}
		if diff := cmp.Diff(want, shareIDs(got)); diff != "" {
			t.Errorf("ListSharesFor, %s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// testExpireInvitations checks that only PENDING shares created strictly
// before the cutoff expire.
func testExpireInvitations(t *testing.T, b *backend) {
	db := b.fresh(t)
	w := workloadID(1)
	withWorkload(t, db, w, "111111111111")
	accepted := newShare(5, "111111111111", w, wat.RecipientAccount, "666666666666", "", 0)
	accepted.Status = wat.ShareAccepted
	for _, s := range []*wat.Share{
		newShare(1, "111111111111", w, wat.RecipientAccount, "222222222222", "", 0),
		newShare(2, "111111111111", w, wat.RecipientUser, "333333333333", "alice", 30*time.Minute),
		newShare(3, "111111111111", w, wat.RecipientAccount, "444444444444", "", time.Hour), // at the cutoff
		newShare(4, "111111111111", w, wat.RecipientAccount, "555555555555", "", 2*time.Hour),
		accepted,
		newShare(6, "111111111111", w, wat.RecipientOrganization, "o-abcdefghij", "", 0),
	} {
		insertShare(t, db, s)
	}
	expire := func() int {
		t.Helper()
		var n int
		update(t, db, func(ctx context.Context, tx wat.Tx) (err error) {
			n, err = tx.ExpireInvitations(ctx, t0.Add(time.Hour))
			return err
		})
		return n
	}
	if n := expire(); n != 2 {
		t.Errorf("ExpireInvitations marked %d shares, want 2", n)
	}
	want := map[string]string{
		shareID(1): wat.ShareExpired, shareID(2): wat.ShareExpired, shareID(3): wat.SharePending,
		shareID(4): wat.SharePending, shareID(5): wat.ShareAccepted, shareID(6): wat.ShareAssociated,
	}
	got := map[string]string{}
	for _, s := range listShares(t, db, w) {
		got[s.ID] = s.Status
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses after ExpireInvitations (-want +got):\n%s", diff)
	}
	if n := expire(); n != 0 {
		t.Errorf("ExpireInvitations again marked %d shares, want 0", n)
	}
}
