package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// testSaveAnswerChange: SaveAnswerChange stores what PutAnswer,
// PutLensReview and TouchWorkload would (a new answer, then a changed one),
// and fails as they do when the review or the workload is missing, leaving
// nothing written.
func testSaveAnswerChange(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "saved")
	insertWorkload(t, db, w)
	r := &wat.LensReview{WorkloadID: w.ID, LensARN: lensWA, LensVersion: "2024-06-27", Notes: "notes",
		PillarNotes: map[string]string{"security": "s"}, UpdatedAt: t0, Revision: 1}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutLensReview(ctx, r) })

	check := func(a *wat.Answer, rev int64, touched time.Time) {
		t.Helper()
		err := view(db, func(ctx context.Context, tx wat.Tx) error {
			got, err := tx.GetAnswer(ctx, w.ID, lensWA, a.QuestionID)
			if err != nil {
				return err
			}
			if diff := cmp.Diff(storedAnswer(a), got); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}
			gr, err := tx.GetLensReview(ctx, w.ID, lensWA)
			if err != nil {
				return err
			}
			if gr.Revision != rev || !gr.UpdatedAt.Equal(storedTime(touched)) || gr.Notes != "notes" || gr.PillarNotes["security"] != "s" {
				t.Errorf("review %+v, want revision %d updated at %v with its notes", gr, rev, touched)
			}
			gw, err := tx.GetWorkload(ctx, w.ID, false)
			if err != nil {
				return err
			}
			if !gw.UpdatedAt.Equal(storedTime(touched)) {
				t.Errorf("workload updated at %v, want %v", gw.UpdatedAt, touched)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, step := range []string{"a new answer", "the answer changed"} {
		a := newAnswer(w.ID, lensWA, 1)
		a.Notes = step
		if i == 1 {
			a.SelectedChoices = []string{"q01_choice_2"}
			a.Choices = nil // as the store gives an empty map back
			a.IsApplicable = false
			a.Reason = "OTHER"
		}
		touched := t0.Add(time.Duration(i+1) * time.Hour)
		a.UpdatedAt = touched
		r.Revision++
		r.UpdatedAt = touched
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.SaveAnswerChange(ctx, a, r, touched) })
		check(a, r.Revision, touched)
	}

	// A review that does not exist: its answer cannot be stored.
	ctx := context.Background()
	a := newAnswer(w.ID, lensServerless, 2)
	err := db.Update(ctx, func(tx wat.Tx) error {
		return tx.SaveAnswerChange(ctx, a, &wat.LensReview{WorkloadID: workloadID(9), LensARN: lensServerless, UpdatedAt: t0}, t0)
	})
	if code := wat.ErrorCodeOf(err); code != wat.ENotFound {
		t.Errorf("SaveAnswerChange of a missing review: %v, want not found", err)
	}
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAnswer(ctx, w.ID, lensServerless, a.QuestionID)
		return err
	})
	if code := wat.ErrorCodeOf(err); code != wat.ENotFound {
		t.Errorf("after the failed SaveAnswerChange the answer reads %v, want not found", err)
	}
}
