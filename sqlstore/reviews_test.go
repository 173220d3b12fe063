package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

const (
	lensWA         = "arn:aws:wellarchitected::aws:lens/wellarchitected"
	lensServerless = "arn:aws:wellarchitected::aws:lens/serverless"
)

// newAnswer is answer i to a question of lens in workload, with notes and
// a choice marked not applicable.
func newAnswer(workload, lens string, i int) *wat.Answer {
	return &wat.Answer{
		WorkloadID:      workload,
		LensARN:         lens,
		QuestionID:      fmt.Sprintf("question_%02d", i),
		SelectedChoices: []string{fmt.Sprintf("q%02d_choice_1", i), fmt.Sprintf("q%02d_choice_3", i)},
		Choices: map[string]wat.ChoiceAnswer{
			fmt.Sprintf("q%02d_choice_2", i): {Status: wat.ChoiceNotApplicable, Reason: "OUT_OF_SCOPE", Notes: "not for us"},
		},
		IsApplicable: true,
		Notes:        fmt.Sprintf("answer %d", i),
		UpdatedAt:    t0.Add(time.Duration(i) * time.Minute),
	}
}

// storedAnswer is a as the store gives it back.
func storedAnswer(a *wat.Answer) *wat.Answer {
	c := *a
	c.UpdatedAt = storedTime(a.UpdatedAt)
	return &c
}

// putReview stores the review of lens in workload with n answers.
func putReview(tb testing.TB, db *DB, workload, lens string, n int) {
	tb.Helper()
	update(tb, db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: workload, LensARN: lens, LensVersion: "v1", UpdatedAt: t0}); err != nil {
			return err
		}
		for i := range n {
			if err := tx.PutAnswer(ctx, newAnswer(workload, lens, i)); err != nil {
				return err
			}
		}
		return nil
	})
}

func testLensReviews(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := workloadID(1)
	insertWorkload(t, db, fullWorkload("111111111111", w, "reviewed"))
	r := &wat.LensReview{
		WorkloadID: w, LensARN: lensWA, LensVersion: "2024-06-27", Notes: "review notes",
		PillarNotes: map[string]string{"security": "sec notes", "reliability": "rel notes"}, UpdatedAt: t0,
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w, LensARN: lensWA, LensVersion: "old", UpdatedAt: t0}); err != nil {
			return err
		}
		if err := tx.PutLensReview(ctx, r); err != nil { // replaces the first
			return err
		}
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w, LensARN: lensServerless, UpdatedAt: t0})
	})

	want := *r
	want.UpdatedAt = at(0)
	var got *wat.LensReview
	var all []*wat.LensReview
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		if got, err = tx.GetLensReview(ctx, w, lensWA); err != nil {
			return err
		}
		all, err = tx.ListLensReviews(ctx, w)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("GetLensReview (-want +got):\n%s", diff)
	}
	wantAll := []*wat.LensReview{
		{WorkloadID: w, LensARN: lensServerless, UpdatedAt: at(0)}, // by lens ARN
		&want,
	}
	if diff := cmp.Diff(wantAll, all); diff != "" {
		t.Errorf("ListLensReviews (-want +got):\n%s", diff)
	}

	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetLensReview(ctx, w, "arn:aws:wellarchitected::aws:lens/missing")
		return err
	})
	wantError(t, err, wat.ENotFound, "LENS_REVIEW")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: workloadID(2), LensARN: lensWA})
	})
	wantError(t, err, wat.ENotFound, "WORKLOAD")
}

func testAnswers(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := workloadID(1)
	insertWorkload(t, db, fullWorkload("111111111111", w, "answered"))
	putReview(t, db, w, lensWA, 0)

	a := newAnswer(w, lensWA, 7)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutAnswer(ctx, a) })
	getAnswer := func() (*wat.Answer, error) {
		var got *wat.Answer
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			got, err = tx.GetAnswer(ctx, w, lensWA, a.QuestionID)
			return err
		})
		return got, err
	}
	got, err := getAnswer()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storedAnswer(a), got); diff != "" {
		t.Errorf("GetAnswer (-want +got):\n%s", diff)
	}

	// Replaced, with nothing selected: empty lists and maps come back nil.
	b2 := &wat.Answer{
		WorkloadID: w, LensARN: lensWA, QuestionID: a.QuestionID, SelectedChoices: []string{},
		Choices: map[string]wat.ChoiceAnswer{}, IsApplicable: false, Reason: "ARCHITECTURE_CONSTRAINTS", UpdatedAt: t0,
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutAnswer(ctx, b2) })
	got, err = getAnswer()
	if err != nil {
		t.Fatal(err)
	}
	want := &wat.Answer{WorkloadID: w, LensARN: lensWA, QuestionID: a.QuestionID, Reason: "ARCHITECTURE_CONSTRAINTS", UpdatedAt: at(0)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GetAnswer after replacing (-want +got):\n%s", diff)
	}

	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAnswer(ctx, w, lensWA, "unanswered")
		return err
	})
	wantError(t, err, wat.ENotFound, "ANSWER")
	err = try(db, func(ctx context.Context, tx wat.Tx) error { return tx.PutAnswer(ctx, newAnswer(w, lensServerless, 1)) })
	wantError(t, err, wat.ENotFound, "LENS_REVIEW")
}

func testListAnswers(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w, other := workloadID(1), workloadID(2)
	insertWorkload(t, db, fullWorkload("111111111111", w, "answered"))
	insertWorkload(t, db, fullWorkload("111111111111", other, "other"))
	putReview(t, db, w, lensWA, 57)
	putReview(t, db, w, lensServerless, 3)
	putReview(t, db, other, lensWA, 5)
	putReview(t, db, w, "arn:aws:wellarchitected::aws:lens/unanswered", 0)

	var wa, serverless, every []*wat.Answer
	for i := range 57 {
		wa = append(wa, storedAnswer(newAnswer(w, lensWA, i)))
	}
	for i := range 3 {
		serverless = append(serverless, storedAnswer(newAnswer(w, lensServerless, i)))
	}
	every = append(append(every, serverless...), wa...) // by lens ARN, then question

	tests := []struct {
		workload, lens string
		want           []*wat.Answer
	}{
		{w, lensWA, wa},
		{w, lensServerless, serverless},
		{w, "", every},
		{w, "arn:aws:wellarchitected::aws:lens/unanswered", nil},
		{workloadID(3), "", nil},
	}
	for _, tt := range tests {
		var got []*wat.Answer
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			got, err = tx.ListAnswers(ctx, tt.workload, tt.lens)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ListAnswers(%s, %q) (-want +got):\n%s", tt.workload, tt.lens, diff)
		}
	}
}
