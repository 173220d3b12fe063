package sqlstore

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// testLensReviewHead: the head of a review is read in one statement, with
// the workload's owner, tags, lenses and profile, and the revision each
// change of the review stores; a missing workload or review is not found.
func testLensReviewHead(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "headed")
	insertWorkload(t, db, w)
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w.ID, LensARN: lensWA, LensVersion: "2024-06-27", Revision: 7, UpdatedAt: t0})
	})
	ctx := context.Background()
	got, err := db.LensReviewHead(ctx, w.ID, lensWA)
	if err != nil {
		t.Fatal(err)
	}
	want := &wat.LensReviewHead{
		WorkloadID: w.ID, AccountID: w.AccountID, WorkloadARN: w.ARN, Tags: w.Tags, Lenses: w.Lenses,
		ProfileARN: w.ProfileARN, LensARN: lensWA, LensVersion: "2024-06-27", Revision: 7,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LensReviewHead (-want +got):\n%s", diff)
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w.ID, LensARN: lensWA, LensVersion: "2025-02-25", Revision: 8, UpdatedAt: t0})
	})
	if got, err = db.LensReviewHead(ctx, w.ID, lensWA); err != nil || got.Revision != 8 || got.LensVersion != "2025-02-25" {
		t.Errorf("LensReviewHead after a change = %+v, %v; want revision 8 of 2025-02-25", got, err)
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraSelection(ctx, &wat.JiraSelection{WorkloadID: w.ID, LensARN: lensWA,
			Pillars: []wat.JiraSelectedPillar{{PillarID: "security"}}})
	})
	if got, err = db.LensReviewHead(ctx, w.ID, lensWA); err != nil || !got.JiraSelected {
		t.Errorf("LensReviewHead after a Jira selection = %+v, %v; want JiraSelected", got, err)
	}

	_, err = db.LensReviewHead(ctx, w.ID, lensServerless)
	wantError(t, err, wat.ENotFound, "LENS_REVIEW")
	_, err = db.LensReviewHead(ctx, workloadID(2), lensWA)
	wantError(t, err, wat.ENotFound, "LENS_REVIEW")
	db.Close()
	if _, err = db.LensReviewHead(ctx, w.ID, lensWA); wat.ErrorCodeOf(err) != wat.EUnavailable {
		t.Errorf("LensReviewHead on a closed store: %v, want unavailable", err)
	}
}
