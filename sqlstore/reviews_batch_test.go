package sqlstore

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// testReviewsOfWorkloads: ListLensReviewsOf and ListAnswersOf give what
// ListLensReviews and ListAnswers give workload by workload, for just the
// workloads asked for.
func testReviewsOfWorkloads(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	ids := []string{workloadID(1), workloadID(2), workloadID(3)}
	for i, w := range ids {
		insertWorkload(t, db, fullWorkload("111111111111", w, "batch "+w))
		putReview(t, db, w, lensWA, 2+i)
		if i == 1 {
			putReview(t, db, w, lensServerless, 1)
		}
	}
	var (
		reviews, want  []*wat.LensReview
		answers, wantA []*wat.Answer
		none           []*wat.LensReview
	)
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		asked := []string{ids[2], ids[0], "ffffffffffffffffffffffffffffffff"}
		if reviews, err = tx.ListLensReviewsOf(ctx, asked); err != nil {
			return err
		}
		if answers, err = tx.ListAnswersOf(ctx, asked); err != nil {
			return err
		}
		for _, w := range []string{ids[0], ids[2]} { // the order asked for: by workload
			rs, err := tx.ListLensReviews(ctx, w)
			if err != nil {
				return err
			}
			want = append(want, rs...)
			as, err := tx.ListAnswers(ctx, w, "")
			if err != nil {
				return err
			}
			wantA = append(wantA, as...)
		}
		none, err = tx.ListLensReviewsOf(ctx, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, reviews); diff != "" {
		t.Errorf("ListLensReviewsOf (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantA, answers); diff != "" {
		t.Errorf("ListAnswersOf (-want +got):\n%s", diff)
	}
	if len(wantA) != 2+4 || len(none) != 0 {
		t.Errorf("%d answers for two workloads, want 6; %d reviews for no workload", len(wantA), len(none))
	}
}
