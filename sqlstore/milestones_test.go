package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// fullMilestone is milestone number of workload w, with a snapshot of w,
// two lens reviews and their answers.
func fullMilestone(w *wat.Workload, number int, name string) *wat.Milestone {
	m := &wat.Milestone{
		WorkloadID: w.ID, Number: number, Name: name, RecordedAt: t0.Add(time.Duration(number) * time.Hour),
		Workload: w,
		LensReviews: []*wat.LensReview{
			{WorkloadID: w.ID, LensARN: lensWA, LensVersion: "v1", Notes: "n", PillarNotes: map[string]string{"security": "s"}, UpdatedAt: t0},
			{WorkloadID: w.ID, LensARN: lensServerless, UpdatedAt: t0},
		},
	}
	for i := range 3 {
		m.Answers = append(m.Answers, newAnswer(w.ID, lensWA, i))
	}
	m.Answers = append(m.Answers, &wat.Answer{WorkloadID: w.ID, LensARN: lensServerless, QuestionID: "q", UpdatedAt: t0})
	return m
}

// storedMilestone is m as the store gives it back.
func storedMilestone(m *wat.Milestone) *wat.Milestone {
	c := *m
	c.RecordedAt = storedTime(m.RecordedAt)
	c.Workload = stored(m.Workload)
	c.LensReviews, c.Answers = nil, nil
	for _, r := range m.LensReviews {
		sr := *r
		sr.UpdatedAt = storedTime(r.UpdatedAt)
		c.LensReviews = append(c.LensReviews, &sr)
	}
	for _, a := range m.Answers {
		c.Answers = append(c.Answers, storedAnswer(a))
	}
	return &c
}

func testMilestones(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "milestoned")
	insertWorkload(t, db, w)
	m := fullMilestone(w, 1, "Version 1")
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertMilestone(ctx, m) })

	var got *wat.Milestone
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.GetMilestone(ctx, w.ID, 1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storedMilestone(m), got); diff != "" {
		t.Errorf("GetMilestone (-want +got):\n%s", diff)
	}
	wantUTC(t, got.RecordedAt, got.Workload.CreatedAt, got.Answers[0].UpdatedAt, got.LensReviews[0].UpdatedAt)

	clashes := []*wat.Milestone{
		{WorkloadID: w.ID, Number: 1, Name: "another name"}, // number taken
		{WorkloadID: w.ID, Number: 2, Name: "version1"},     // name taken, by NameKey
		{WorkloadID: w.ID, Number: 3, Name: " VERSION 1 "},
	}
	for _, c := range clashes {
		err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertMilestone(ctx, c) })
		wantError(t, err, wat.EConflict, "MILESTONE")
	}
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertMilestone(ctx, &wat.Milestone{WorkloadID: workloadID(2), Number: 1, Name: "v1"})
	})
	wantError(t, err, wat.ENotFound, "WORKLOAD")
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetMilestone(ctx, w.ID, 2)
		return err
	})
	wantError(t, err, wat.ENotFound, "MILESTONE")

	// A milestone without a workload snapshot keeps none.
	bare := &wat.Milestone{WorkloadID: w.ID, Number: 2, Name: "bare", RecordedAt: t0}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertMilestone(ctx, bare) })
	err = view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		got, err = tx.GetMilestone(ctx, w.ID, 2)
		return err
	})
	if diff := cmp.Diff(&wat.Milestone{WorkloadID: w.ID, Number: 2, Name: "bare", RecordedAt: at(0)}, got); err != nil || diff != "" {
		t.Errorf("GetMilestone of a bare milestone: %v (-want +got):\n%s", err, diff)
	}
}

func testListMilestones(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	w := fullWorkload("111111111111", workloadID(1), "milestoned")
	insertWorkload(t, db, w)
	last := func(workload string) (number, count int) {
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			number, count, err = tx.LastMilestone(ctx, workload)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return number, count
	}
	if n, c := last(w.ID); n != 0 || c != 0 {
		t.Errorf("LastMilestone without milestones = %d, %d; want 0, 0", n, c)
	}

	var want []*wat.Milestone
	for _, n := range []int{1, 2, 3, 4, 5, 6, 9} { // 7 and 8 are missing
		m := fullMilestone(w, n, fmt.Sprintf("v%d", n))
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertMilestone(ctx, m) })
		want = append(want, storedMilestone(m))
	}
	if n, c := last(w.ID); n != 9 || c != 7 {
		t.Errorf("LastMilestone = %d, %d; want 9, 7", n, c)
	}
	if n, c := last(workloadID(2)); n != 0 || c != 0 {
		t.Errorf("LastMilestone of a missing workload = %d, %d; want 0, 0", n, c)
	}

	var got []*wat.Milestone
	after, pages := 0, 0
	for ; pages < 10; pages++ {
		var page []*wat.Milestone
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			page, err = tx.ListMilestones(ctx, w.ID, after, 3)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		if len(page) > 3 {
			t.Fatalf("ListMilestones returned %d milestones, over the limit of 3", len(page))
		}
		got = append(got, page...)
		after = page[len(page)-1].Number
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListMilestones by 3 (-want +got):\n%s", diff)
	}
	if pages != 3 {
		t.Errorf("7 milestones took %d pages of 3, want 3", pages)
	}
}

func testIdempotency(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	get := func(account, op, token string) (*wat.Idempotency, error) {
		var r *wat.Idempotency
		err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
			r, err = tx.GetIdempotency(ctx, account, op, token)
			return err
		})
		return r, err
	}
	_, err := get("111111111111", "CreateWorkload", "token-1")
	wantError(t, err, wat.ENotFound, "IDEMPOTENCY")

	r := &wat.Idempotency{AccountID: "111111111111", Operation: "CreateWorkload", Token: "token-1", Fingerprint: "fp1", Result: workloadID(1), CreatedAt: t0}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutIdempotency(ctx, r) })
	got, err := get("111111111111", "CreateWorkload", "token-1")
	want := *r
	want.CreatedAt = at(0)
	if diff := cmp.Diff(&want, got); err != nil || diff != "" {
		t.Errorf("GetIdempotency: %v (-want +got):\n%s", err, diff)
	}

	// Tokens are per account and per operation.
	_, err = get("222222222222", "CreateWorkload", "token-1")
	wantError(t, err, wat.ENotFound, "IDEMPOTENCY")
	_, err = get("111111111111", "CreateMilestone", "token-1")
	wantError(t, err, wat.ENotFound, "IDEMPOTENCY")

	// Put again replaces.
	r2 := want
	r2.Fingerprint, r2.Result, r2.CreatedAt = "fp2", workloadID(2), at(time.Hour)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutIdempotency(ctx, &r2) })
	got, err = get("111111111111", "CreateWorkload", "token-1")
	if diff := cmp.Diff(&r2, got); err != nil || diff != "" {
		t.Errorf("GetIdempotency after replacing: %v (-want +got):\n%s", err, diff)
	}
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutIdempotency(ctx, &wat.Idempotency{AccountID: "999999999999", Operation: "x", Token: "t"})
	})
	wantError(t, err, wat.ENotFound, "ACCOUNT")
}
