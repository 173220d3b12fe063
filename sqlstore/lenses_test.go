package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// lensARN is the ARN of custom lens n of an account.
func lensARN(account string, n int) string {
	return fmt.Sprintf("arn:aws:wellarchitected:us-east-1:%s:lens/%032x", account, n)
}

// newLens is custom lens n of an account, published as "1.0", created at
// t0+d.
func newLens(account string, n int, d time.Duration) *wat.CustomLens {
	return &wat.CustomLens{
		ARN: lensARN(account, n), AccountID: account, Name: fmt.Sprintf("Lens %d", n),
		Description: "A custom lens", LatestVersion: "1.0", HasDraft: true,
		Tags: map[string]string{"team": "platform", "cost-center": "42"}, CreatedAt: t0.Add(d), UpdatedAt: t0.Add(d + time.Minute),
	}
}

// storedLens is l as the store gives it back.
func storedLens(l *wat.CustomLens) *wat.CustomLens {
	c := *l
	c.CreatedAt, c.UpdatedAt = storedTime(l.CreatedAt), storedTime(l.UpdatedAt)
	if len(c.Tags) == 0 {
		c.Tags = nil
	}
	return &c
}

func insertLens(tb testing.TB, db *DB, l *wat.CustomLens) {
	tb.Helper()
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertCustomLens(ctx, l) })
}

func getLens(tb testing.TB, db *DB, arn string) *wat.CustomLens {
	tb.Helper()
	var l *wat.CustomLens
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		l, err = tx.GetCustomLens(ctx, arn, false)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func listLenses(tb testing.TB, db *DB, account string) []*wat.CustomLens {
	tb.Helper()
	var ls []*wat.CustomLens
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		ls, err = tx.ListCustomLenses(ctx, account)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ls
}

func testCustomLenses(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	l2, l1 := newLens("111111111111", 2, 0), newLens("111111111111", 1, time.Hour)
	draftOnly := &wat.CustomLens{ARN: lensARN("111111111111", 3), AccountID: "111111111111", Name: "draft only",
		HasDraft: true, Tags: map[string]string{}, CreatedAt: t0, UpdatedAt: t0}
	other := newLens("222222222222", 1, 0)
	for _, l := range []*wat.CustomLens{l2, draftOnly, l1, other} {
		insertLens(t, db, l)
	}

	got := getLens(t, db, l1.ARN)
	if diff := cmp.Diff(storedLens(l1), got); diff != "" {
		t.Errorf("GetCustomLens (-want +got):\n%s", diff)
	}
	wantUTC(t, got.CreatedAt, got.UpdatedAt)
	if diff := cmp.Diff(storedLens(draftOnly), getLens(t, db, draftOnly.ARN)); diff != "" {
		t.Errorf("GetCustomLens of a draft-only lens (-want +got):\n%s", diff)
	}

	// Every field changes but the ARN and the owner.
	changed := &wat.CustomLens{
		ARN: l2.ARN, AccountID: "222222222222", Name: "Renamed", Description: "",
		LatestVersion: "2.0", Deleted: true, Tags: map[string]string{"k": "v"},
		CreatedAt: t0.Add(time.Second), UpdatedAt: t0.Add(2 * time.Hour),
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateCustomLens(ctx, changed) })
	want := storedLens(changed)
	want.AccountID = "111111111111"
	if diff := cmp.Diff(want, getLens(t, db, l2.ARN)); diff != "" {
		t.Errorf("after UpdateCustomLens (-want +got):\n%s", diff)
	}

	// By ARN, the deleted lens included, only the account's own.
	wantList := []*wat.CustomLens{storedLens(l1), want, storedLens(draftOnly)}
	if diff := cmp.Diff(wantList, listLenses(t, db, "111111111111")); diff != "" {
		t.Errorf("ListCustomLenses (-want +got):\n%s", diff)
	}
	if got := listLenses(t, db, "333333333333"); len(got) != 0 {
		t.Errorf("ListCustomLenses of an account without lenses = %d lenses", len(got))
	}

	missing := newLens("111111111111", 9, 0)
	for _, c := range []struct {
		code     wat.ErrorCode
		resource string
		fn       func(ctx context.Context, tx wat.Tx) error
	}{
		{wat.EConflict, "LENS", func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertCustomLens(ctx, newLens("111111111111", 1, 0))
		}},
		{wat.ENotFound, "ACCOUNT", func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertCustomLens(ctx, newLens("999999999999", 1, 0))
		}},
		{wat.ENotFound, "LENS", func(ctx context.Context, tx wat.Tx) error {
			_, err := tx.GetCustomLens(ctx, missing.ARN, false)
			return err
		}},
		{wat.ENotFound, "LENS", func(ctx context.Context, tx wat.Tx) error {
			_, err := tx.GetCustomLens(ctx, missing.ARN, true)
			return err
		}},
		{wat.ENotFound, "LENS", func(ctx context.Context, tx wat.Tx) error { return tx.UpdateCustomLens(ctx, missing) }},
	} {
		wantError(t, try(db, c.fn), c.code, c.resource)
	}
}

// testCustomLensLock has writers read a lens with lock, wait, and write it
// back changed: the lock must make them take turns, so no change is lost.
func testCustomLensLock(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	l := newLens("111111111111", 1, 0)
	l.Description = "0"
	insertLens(t, db, l)
	if err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetCustomLens(ctx, l.ARN, true)
		return err
	}); err != nil {
		t.Errorf("GetCustomLens(lock) in a View: %v", err)
	}

	const writers = 8
	errs := parallel(writers, func(int) error {
		return try(db, func(ctx context.Context, tx wat.Tx) error {
			got, err := tx.GetCustomLens(ctx, l.ARN, true)
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(got.Description)
			if err != nil {
				return err
			}
			time.Sleep(5 * time.Millisecond) // long enough for an unlocked writer to overtake
			got.Description = strconv.Itoa(n + 1)
			return tx.UpdateCustomLens(ctx, got)
		})
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := getLens(t, db, l.ARN).Description; got != strconv.Itoa(writers) {
		t.Errorf("after %d locked increments the lens reads %s: writers overtook each other", writers, got)
	}
}

// testDeleteAccountLenses checks that deleting an account removes its
// lenses, their versions and drafts, and their shares, and nothing of
// another account's.
func testDeleteAccountLenses(t *testing.T, b *backend) {
	db := b.fresh(t)
	gone, kept := newLens("111111111111", 1, 0), newLens("222222222222", 1, 0)
	for _, l := range []*wat.CustomLens{gone, kept} {
		newAccount(t, db, l.AccountID)
		insertLens(t, db, l)
		putDraft(t, db, &wat.LensVersion{LensARN: l.ARN, Document: []byte(`{"draft":true}`), CreatedAt: t0})
		insertVersion(t, db, &wat.LensVersion{LensARN: l.ARN, Version: "1.0", Document: []byte(`{}`), CreatedAt: t0})
	}
	lensShare := func(n int, l *wat.CustomLens, recipient string) *wat.Share {
		s := newShare(n, l.AccountID, l.ARN, wat.RecipientAccount, recipient, "", 0)
		s.ResourceType, s.Permission = wat.ShareResourceLens, ""
		return s
	}
	for _, s := range []*wat.Share{
		lensShare(1, gone, "222222222222"), // of a lens of the account
		lensShare(2, kept, "111111111111"), // received by the account
		lensShare(3, kept, "333333333333"),
	} {
		insertShare(t, db, s)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })

	for _, c := range []struct {
		table, column, gone, kept string
		keep                      int
	}{
		{"custom_lenses", "account_id", gone.AccountID, kept.AccountID, 1},
		{"lens_versions", "lens_arn", gone.ARN, kept.ARN, 2}, // the draft and 1.0
	} {
		if n := rowCount(t, db, c.table, c.column, c.gone); n != 0 {
			t.Errorf("%d rows of %s are left of the deleted account", n, c.table)
		}
		if n := rowCount(t, db, c.table, c.column, c.kept); n != c.keep {
			t.Errorf("deleting an account removed another's %s (%d rows left)", c.table, n)
		}
	}
	if diff := cmp.Diff([]string{shareID(3)}, allShareIDs(t, db)); diff != "" {
		t.Errorf("shares after DeleteAccount (-want +got):\n%s", diff)
	}
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetCustomLens(ctx, gone.ARN, false)
		return err
	})
	wantError(t, err, wat.ENotFound, "LENS")
	if got := listLenses(t, db, kept.AccountID); len(got) != 1 {
		t.Errorf("the other account has %d lenses, want 1", len(got))
	}
}
