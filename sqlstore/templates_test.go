package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

func templateARN(account string, n int) string {
	return fmt.Sprintf("arn:aws:wellarchitected:us-east-1:%s:review-template/%032x", account, n)
}

func newTemplate(account string, n int, name string) *wat.ReviewTemplate {
	return &wat.ReviewTemplate{
		ARN: templateARN(account, n), AccountID: account, Name: name, Description: "A template", Notes: "Notes",
		Lenses: []string{"arn:aws:wellarchitected::aws:lens/wellarchitected"}, Tags: map[string]string{"team": "platform"},
		CreatedAt: t0, UpdatedAt: t0.Add(time.Minute),
	}
}

func storedTemplate(rt *wat.ReviewTemplate) *wat.ReviewTemplate {
	c := *rt
	c.CreatedAt, c.UpdatedAt = storedTime(rt.CreatedAt), storedTime(rt.UpdatedAt)
	return &c
}

func getTemplate(tb testing.TB, db *DB, arn string) *wat.ReviewTemplate {
	tb.Helper()
	var rt *wat.ReviewTemplate
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		rt, err = tx.GetReviewTemplate(ctx, arn, false)
		return err
	}); err != nil {
		tb.Fatalf("GetReviewTemplate(%s): %v", arn, err)
	}
	return rt
}

func testReviewTemplates(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	newAccount(t, db, "222222222222")
	t2 := newTemplate("111111111111", 2, "Second")
	t1 := newTemplate("111111111111", 1, "First")
	t1.Tags, t1.Notes = nil, ""
	other := newTemplate("222222222222", 3, "First")
	for _, rt := range []*wat.ReviewTemplate{t2, t1, other} {
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertReviewTemplate(ctx, rt) })
	}
	if diff := cmp.Diff(storedTemplate(t2), getTemplate(t, db, t2.ARN)); diff != "" {
		t.Errorf("GetReviewTemplate (-want +got):\n%s", diff)
	}
	wantUTC(t, getTemplate(t, db, t2.ARN).CreatedAt)

	// Names are unique in an account, by NameKey, on insert and update.
	err := db.Update(context.Background(), func(tx wat.Tx) error {
		return tx.InsertReviewTemplate(context.Background(), newTemplate("111111111111", 4, "  first "))
	})
	wantError(t, err, wat.EConflict, "REVIEW_TEMPLATE")
	clash := *t2
	clash.Name = "FIRST"
	err = db.Update(context.Background(), func(tx wat.Tx) error { return tx.UpdateReviewTemplate(context.Background(), &clash) })
	wantError(t, err, wat.EConflict, "REVIEW_TEMPLATE")

	changed := *t2
	changed.AccountID, changed.CreatedAt = "222222222222", t0.Add(time.Hour) // never change
	changed.Name, changed.Description, changed.Notes = "Renamed", "Changed", "New notes"
	changed.Lenses = append(changed.Lenses, "arn:aws:wellarchitected:us-east-1:111111111111:lens/abc")
	changed.UpdatedAt = t0.Add(2 * time.Hour)
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.UpdateReviewTemplate(ctx, &changed) })
	want := changed
	want.AccountID, want.CreatedAt = t2.AccountID, t2.CreatedAt
	if diff := cmp.Diff(storedTemplate(&want), getTemplate(t, db, t2.ARN)); diff != "" {
		t.Errorf("after UpdateReviewTemplate (-want +got):\n%s", diff)
	}

	var list []*wat.ReviewTemplate
	update(t, db, func(ctx context.Context, tx wat.Tx) (err error) {
		list, err = tx.ListReviewTemplates(ctx, "111111111111")
		return err
	})
	if len(list) != 2 || list[0].ARN != t1.ARN || list[1].ARN != t2.ARN {
		t.Errorf("ListReviewTemplates = %v, want %s and %s in ARN order", list, t1.ARN, t2.ARN)
	}
	err = db.Update(context.Background(), func(tx wat.Tx) error {
		return tx.UpdateReviewTemplate(context.Background(), newTemplate("111111111111", 9, "Missing"))
	})
	wantError(t, err, wat.ENotFound, "REVIEW_TEMPLATE")
}

func testTemplateAnswers(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	rt := newTemplate("111111111111", 1, "Answers")
	lens := rt.Lenses[0]
	r := &wat.TemplateLensReview{TemplateARN: rt.ARN, LensARN: lens, LensVersion: "1.0", Notes: "n",
		PillarNotes: map[string]string{"security": "s"}, UpdatedAt: t0}
	a := &wat.TemplateAnswer{TemplateARN: rt.ARN, Answer: wat.Answer{LensARN: lens, QuestionID: "q1",
		SelectedChoices: []string{"c1", "c2"}, Choices: map[string]wat.ChoiceAnswer{"c3": {Status: wat.ChoiceNotApplicable, Reason: "OUT_OF_SCOPE", Notes: "x"}},
		IsApplicable: true, Notes: "answer notes", UpdatedAt: t0}}
	na := &wat.TemplateAnswer{TemplateARN: rt.ARN, Answer: wat.Answer{LensARN: lens, QuestionID: "q0", IsApplicable: false, Reason: "OTHER", UpdatedAt: t0}}
	// An answer needs its lens review, which needs its template.
	err := db.Update(context.Background(), func(tx wat.Tx) error { return tx.PutTemplateLensReview(context.Background(), r) })
	wantError(t, err, wat.ENotFound, "REVIEW_TEMPLATE")
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertReviewTemplate(ctx, rt) })
	err = db.Update(context.Background(), func(tx wat.Tx) error { return tx.PutTemplateAnswer(context.Background(), a) })
	wantError(t, err, wat.ENotFound, "LENS_REVIEW")
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		if err := tx.PutTemplateLensReview(ctx, r); err != nil {
			return err
		}
		if err := tx.PutTemplateAnswer(ctx, a); err != nil {
			return err
		}
		return tx.PutTemplateAnswer(ctx, na)
	})
	r.Notes = "replaced"
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutTemplateLensReview(ctx, r) })

	var (
		gotR  *wat.TemplateLensReview
		gotRs []*wat.TemplateLensReview
		gotA  *wat.TemplateAnswer
		gotAs []*wat.TemplateAnswer
	)
	if err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		if gotR, err = tx.GetTemplateLensReview(ctx, rt.ARN, lens); err != nil {
			return err
		}
		if gotRs, err = tx.ListTemplateLensReviews(ctx, rt.ARN); err != nil {
			return err
		}
		if gotA, err = tx.GetTemplateAnswer(ctx, rt.ARN, lens, "q1"); err != nil {
			return err
		}
		gotAs, err = tx.ListTemplateAnswers(ctx, rt.ARN, "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	wantR := *r
	wantR.UpdatedAt = storedTime(r.UpdatedAt)
	if diff := cmp.Diff(&wantR, gotR); diff != "" {
		t.Errorf("GetTemplateLensReview (-want +got):\n%s", diff)
	}
	if len(gotRs) != 1 {
		t.Errorf("ListTemplateLensReviews has %d reviews, want 1", len(gotRs))
	}
	wantA := *a
	wantA.UpdatedAt = storedTime(a.UpdatedAt)
	if diff := cmp.Diff(&wantA, gotA); diff != "" {
		t.Errorf("GetTemplateAnswer (-want +got):\n%s", diff)
	}
	if len(gotAs) != 2 || gotAs[0].QuestionID != "q0" || gotAs[0].IsApplicable || gotAs[1].QuestionID != "q1" {
		t.Errorf("ListTemplateAnswers = %+v, want q0 (not applicable) then q1", gotAs)
	}

	// Deleting the template removes its reviews and answers.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteReviewTemplate(ctx, rt.ARN) })
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetTemplateAnswer(ctx, rt.ARN, lens, "q1")
		return err
	})
	wantError(t, err, wat.ENotFound, "ANSWER")
	err = db.Update(context.Background(), func(tx wat.Tx) error { return tx.DeleteReviewTemplate(context.Background(), rt.ARN) })
	wantError(t, err, wat.ENotFound, "REVIEW_TEMPLATE")

	// Deleting the account removes its templates.
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertReviewTemplate(ctx, rt) })
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteAccount(ctx, "111111111111") })
	err = view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetReviewTemplate(ctx, rt.ARN, false)
		return err
	})
	wantError(t, err, wat.ENotFound, "REVIEW_TEMPLATE")
}
