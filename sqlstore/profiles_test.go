package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

func profileARN(account string, n int) string {
	return fmt.Sprintf("arn:aws:wellarchitected:us-east-1:%s:profile/%032x", account, n)
}

func newProfile(account string, n int, name string) *wat.Profile {
	return &wat.Profile{
		ARN: profileARN(account, n), AccountID: account, Name: name, Description: "A profile",
		Version: 1, Tags: map[string]string{"team": "platform"}, CreatedAt: t0, UpdatedAt: t0.Add(time.Minute),
	}
}

func storedProfile(p *wat.Profile) *wat.Profile {
	c := *p
	c.CreatedAt, c.UpdatedAt = storedTime(p.CreatedAt), storedTime(p.UpdatedAt)
	return &c
}

func getProfile(tb testing.TB, db *DB, arn string) *wat.Profile {
	tb.Helper()
	var p *wat.Profile
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		p, err = tx.GetProfile(ctx, arn, false)
		return err
	}); err != nil {
		tb.Fatalf("GetProfile(%s): %v", arn, err)
	}
	return p
}

func testProfiles(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	p2 := newProfile("111111111111", 2, "Second")
	p1 := newProfile("111111111111", 1, "First")
	p1.Tags = nil
	other := newProfile("222222222222", 3, "First")
	for _, p := range []*wat.Profile{p2, p1, other} {
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertProfile(ctx, p) })
	}
	if diff := cmp.Diff(storedProfile(p2), getProfile(t, db, p2.ARN)); diff != "" {
		t.Errorf("GetProfile (-want +got):\n%s", diff)
	}
	wantUTC(t, getProfile(t, db, p2.ARN).CreatedAt)

	changed := *p2
	changed.Name, changed.AccountID = "ignored", "222222222222" // never change
	changed.Description, changed.Version, changed.Deleted = "Changed", 4, true
	changed.Tags, changed.UpdatedAt = map[string]string{"x": "y"}, t0.Add(time.Hour)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		if _, err := tx.GetProfile(ctx, p2.ARN, true); err != nil {
			return err
		}
		return tx.UpdateProfile(ctx, &changed)
	})
	want := storedProfile(&changed)
	want.Name, want.AccountID = p2.Name, p2.AccountID
	if diff := cmp.Diff(want, getProfile(t, db, p2.ARN)); diff != "" {
		t.Errorf("GetProfile after UpdateProfile (-want +got):\n%s", diff)
	}

	var got []*wat.Profile
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.ListProfiles(ctx, "111111111111")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*wat.Profile{storedProfile(p1), want}, got); diff != "" {
		t.Errorf("ListProfiles (-want +got):\n%s", diff)
	}

	missing := profileARN("111111111111", 9)
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetProfile(ctx, missing, false)
		return err
	})
	wantError(t, err, wat.ENotFound, "PROFILE")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.UpdateProfile(ctx, newProfile("111111111111", 9, "Gone"))
	})
	wantError(t, err, wat.ENotFound, "PROFILE")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertProfile(ctx, newProfile("999999999999", 9, "Orphan"))
	})
	wantError(t, err, wat.ENotFound, "ACCOUNT")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertProfile(ctx, newProfile("111111111111", 1, "Same ARN"))
	})
	wantError(t, err, wat.EConflict, "PROFILE")
}

// testProfileNames: names are unique by NameKey among the profiles of an
// account that are not deleted.
func testProfileNames(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	p := newProfile("111111111111", 1, "Critical Apps")
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertProfile(ctx, p) })
	err := try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertProfile(ctx, newProfile("111111111111", 2, "critical  apps"))
	})
	wantError(t, err, wat.EConflict, "PROFILE")
	p.Deleted = true
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateProfile(ctx, p) })
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertProfile(ctx, newProfile("111111111111", 2, "critical  apps"))
	})
}

func testProfileVersions(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	p := newProfile("111111111111", 1, "Versions")
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertProfile(ctx, p) })
	v1 := &wat.ProfileVersion{ProfileARN: p.ARN, Version: 1, CreatedAt: t0, Answers: []wat.ProfileAnswer{
		{QuestionID: "cost_sensitivity", SelectedChoiceIDs: []string{"cost_high"}},
		{QuestionID: "regulatory_regime", SelectedChoiceIDs: []string{"reg_privacy", "reg_health"}},
	}}
	v2 := &wat.ProfileVersion{ProfileARN: p.ARN, Version: 2, CreatedAt: t0.Add(time.Hour)}
	for _, v := range []*wat.ProfileVersion{v1, v2} {
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertProfileVersion(ctx, v) })
	}
	for _, want := range []*wat.ProfileVersion{v1, v2} {
		var got *wat.ProfileVersion
		if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			got, err = tx.GetProfileVersion(ctx, p.ARN, want.Version)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		w := *want
		w.CreatedAt = storedTime(want.CreatedAt)
		if diff := cmp.Diff(&w, got); diff != "" {
			t.Errorf("GetProfileVersion(%d) (-want +got):\n%s", want.Version, diff)
		}
	}
	err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertProfileVersion(ctx, v1) })
	wantError(t, err, wat.EConflict, "PROFILE_VERSION")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertProfileVersion(ctx, &wat.ProfileVersion{ProfileARN: profileARN("111111111111", 8), Version: 1, CreatedAt: t0})
	})
	wantError(t, err, wat.ENotFound, "PROFILE")
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetProfileVersion(ctx, p.ARN, 3)
		return err
	})
	wantError(t, err, wat.ENotFound, "PROFILE_VERSION")
}

// testDeleteAccountProfiles: an account's profiles and their versions go
// with it.
func testDeleteAccountProfiles(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	p := newProfile("111111111111", 1, "Doomed")
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.InsertProfile(ctx, p); err != nil {
			return err
		}
		return tx.InsertProfileVersion(ctx, &wat.ProfileVersion{ProfileARN: p.ARN, Version: 1, CreatedAt: t0})
	})
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	newAccount(t, db, "111111111111")
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetProfileVersion(ctx, p.ARN, 1)
		return err
	})
	wantError(t, err, wat.ENotFound, "PROFILE_VERSION")
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetProfile(ctx, p.ARN, false)
		return err
	})
	wantError(t, err, wat.ENotFound, "PROFILE")
}
