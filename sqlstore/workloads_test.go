package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// fullWorkload is a workload of account with every field set.
func fullWorkload(account, id, name string) *wat.Workload {
	return &wat.Workload{
		ID:                              id,
		ARN:                             "arn:aws:wellarchitected:us-east-1:" + account + ":workload/" + id,
		AccountID:                       account,
		Name:                            name,
		Description:                     "A workload with every field set",
		Environment:                     wat.EnvironmentPreproduction,
		AccountIDs:                      []string{"333333333333", "444444444444"},
		AWSRegions:                      []string{"eu-west-1", "us-east-1"},
		NonAWSRegions:                   []string{"on-premises"},
		ArchitecturalDesign:             "https://example.com/design",
		ReviewOwner:                     "alice@example.com",
		IsReviewOwnerUpdateAcknowledged: true,
		IndustryType:                    "Manufacturing",
		Industry:                        "Automotive",
		PillarPriorities:                []string{"security", "reliability"},
		Notes:                           "Notes with \"quotes\", ünïcödé and\nnew lines",
		ImprovementStatus:               wat.ImprovementInProgress,
		Applications:                    []string{"arn:aws:resource-groups:us-east-1:" + account + ":group/app"},
		DiscoveryConfig: &wat.DiscoveryConfig{
			TrustedAdvisorIntegrationStatus: "ENABLED",
			WorkloadResourceDefinition:      []string{"WORKLOAD_METADATA", "APP_REGISTRY"},
		},
		Lenses:         []string{"arn:aws:wellarchitected::aws:lens/wellarchitected", "arn:aws:wellarchitected::aws:lens/serverless"},
		ProfileARN:     "arn:aws:wellarchitected:us-east-1:" + account + ":profile/" + strings.Repeat("c", 32),
		ProfileVersion: 3,
		Tags:           map[string]string{"team": "platform", "cost-center": "42"},
		CreatedAt:      t0,
		UpdatedAt:      t0.Add(time.Hour),
	}
}

// stored is w as the store gives it back: times in UTC, to the microsecond.
func stored(w *wat.Workload) *wat.Workload {
	c := *w
	c.CreatedAt, c.UpdatedAt = storedTime(w.CreatedAt), storedTime(w.UpdatedAt)
	return &c
}

func insertWorkload(tb testing.TB, db *DB, w *wat.Workload) {
	tb.Helper()
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertWorkload(ctx, w) })
}

func getWorkload(tb testing.TB, db *DB, id string) *wat.Workload {
	tb.Helper()
	var w *wat.Workload
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		w, err = tx.GetWorkload(ctx, id, false)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// workloadID is a valid workload ID made of n.
func workloadID(n int) string { return fmt.Sprintf("%032x", n) }

func testWorkloadRoundTrip(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "My Workload")
	insertWorkload(t, db, w)

	got := getWorkload(t, db, w.ID)
	if diff := cmp.Diff(stored(w), got); diff != "" {
		t.Errorf("GetWorkload (-want +got):\n%s", diff)
	}
	wantUTC(t, got.CreatedAt, got.UpdatedAt)

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		locked, err := tx.GetWorkload(ctx, w.ID, true)
		if diff := cmp.Diff(stored(w), locked); err == nil && diff != "" {
			t.Errorf("GetWorkload(lock) (-want +got):\n%s", diff)
		}
		return err
	})
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetWorkload(ctx, workloadID(2), false)
		return err
	})
	wantError(t, err, wat.ENotFound, "WORKLOAD")
}

// testWorkloadEmptyFields checks that empty lists and maps, nil or not,
// come back nil, and a missing discovery config as nil.
func testWorkloadEmptyFields(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := &wat.Workload{
		ID: workloadID(1), AccountID: "111111111111", Name: "bare",
		AccountIDs: []string{}, Tags: map[string]string{}, CreatedAt: t0, UpdatedAt: t0,
	}
	insertWorkload(t, db, w)
	want := &wat.Workload{ID: w.ID, AccountID: w.AccountID, Name: "bare", CreatedAt: at(0), UpdatedAt: at(0)}
	if diff := cmp.Diff(want, getWorkload(t, db, w.ID)); diff != "" {
		t.Errorf("GetWorkload (-want +got):\n%s", diff)
	}
}

func testWorkloadNameConflict(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	insertWorkload(t, db, fullWorkload("111111111111", workloadID(1), "My Workload"))

	for i, name := range []string{"My Workload", "my workload", " MYWORKLOAD ", "My\tWork load"} {
		err := try(db, func(ctx context.Context, tx wat.Tx) error {
			return tx.InsertWorkload(ctx, fullWorkload("111111111111", workloadID(10+i), name))
		})
		wantError(t, err, wat.EConflict, "WORKLOAD")
	}
	// The same ID again is a conflict too.
	err := try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertWorkload(ctx, fullWorkload("111111111111", workloadID(1), "Another"))
	})
	wantError(t, err, wat.EConflict, "WORKLOAD")
	// Names are unique per account only.
	insertWorkload(t, db, fullWorkload("222222222222", workloadID(2), "My Workload"))
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertWorkload(ctx, fullWorkload("999999999999", workloadID(3), "Orphan"))
	})
	wantError(t, err, wat.ENotFound, "ACCOUNT")

	for account, want := range map[string]int{"111111111111": 1, "222222222222": 1, "999999999999": 0} {
		err := view(db, func(ctx context.Context, tx wat.Tx) error {
			n, err := tx.CountWorkloads(ctx, account)
			if err == nil && n != want {
				t.Errorf("CountWorkloads(%s) = %d, want %d", account, n, want)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func testUpdateWorkload(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	w := fullWorkload("111111111111", workloadID(1), "First")
	insertWorkload(t, db, w)
	insertWorkload(t, db, fullWorkload("111111111111", workloadID(2), "Second"))

	changed := &wat.Workload{
		ID: w.ID, ARN: w.ARN, AccountID: w.AccountID, Name: "First, renamed",
		Description: "changed", Environment: wat.EnvironmentProduction,
		AWSRegions: []string{"ap-south-1"}, ReviewOwner: "bob", ImprovementStatus: wat.ImprovementComplete,
		Lenses: []string{"arn:aws:wellarchitected::aws:lens/wellarchitected"}, Tags: map[string]string{"k": "v"},
		CreatedAt: t0, UpdatedAt: t0.Add(2 * time.Hour),
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateWorkload(ctx, changed) })
	if diff := cmp.Diff(stored(changed), getWorkload(t, db, w.ID)); diff != "" {
		t.Errorf("after UpdateWorkload (-want +got):\n%s", diff)
	}

	// The old name is free again; the other workload's is not.
	insertWorkload(t, db, fullWorkload("111111111111", workloadID(3), "first"))
	clash := *changed
	clash.Name = "SECOND"
	err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateWorkload(ctx, &clash) })
	wantError(t, err, wat.EConflict, "WORKLOAD")

	// The owner never changes.
	moved := *changed
	moved.AccountID = "222222222222"
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateWorkload(ctx, &moved) })
	if got := getWorkload(t, db, w.ID).AccountID; got != "111111111111" {
		t.Errorf("UpdateWorkload moved the workload to account %s", got)
	}

	missing := *changed
	missing.ID = workloadID(99)
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateWorkload(ctx, &missing) })
	wantError(t, err, wat.ENotFound, "WORKLOAD")
}

// testTouchWorkload: TouchWorkload moves UpdatedAt and nothing else.
func testTouchWorkload(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "First")
	insertWorkload(t, db, w)
	at := t0.Add(5*time.Hour + 1234*time.Microsecond)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.TouchWorkload(ctx, w.ID, at) })
	want := *w
	want.UpdatedAt = at
	if diff := cmp.Diff(stored(&want), getWorkload(t, db, w.ID)); diff != "" {
		t.Errorf("after TouchWorkload (-want +got):\n%s", diff)
	}
	err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.TouchWorkload(ctx, workloadID(99), at) })
	wantError(t, err, wat.ENotFound, "WORKLOAD")
}
