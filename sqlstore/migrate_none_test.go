package sqlstore

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens/framework"
)

// TestMigrationNoneChoiceIDs stores answers, milestones and template
// answers with the built-in lens's former "None of these" ids, as wat did
// up to migration 0010, runs 0011, and reads AWS's ids back, on every
// backend. The same ids in a custom lens, and in notes, stay as written.
func TestMigrationNoneChoiceIDs(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testMigrationNoneChoiceIDs(t, b)
		})
	}
}

// lensCustom is a custom lens, whose ids are its owner's: a "None of these"
// choice of its own may be called "priorities_no".
const lensCustom = "arn:aws:wellarchitected:us-east-1:111111111111:lens/0123456789abcdef0123456789abcdef"

func testMigrationNoneChoiceIDs(t *testing.T, b *backend) {
	ctx := context.Background()
	db := b.fresh(t)
	// 0011 changes no schema, so a database whose 0011 is not recorded as
	// applied stands for one at 0010; migrate then runs 0011 alone.
	if _, err := db.write.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = 11`); err != nil {
		t.Fatal(err)
	}
	nones := framework.NoneChoices()
	if len(nones) != 57 {
		t.Fatalf("%d None of these choices, want 57", len(nones))
	}
	sec := nones[11] // securely-operate
	if sec.LegacyID != "securely_operate_no" || sec.ChoiceID != "sec_securely_operate_no" {
		t.Fatalf("NoneChoices()[11] = %+v", sec)
	}
	practice := framework.Lens().Questions()[11].Choices[0].ID

	// answers is one answer per question of the built-in lens, with the
	// given ids, and one to a custom lens whose ids look alike.
	answers := func(workload string, id func(framework.NoneChoice) string) []*wat.Answer {
		var as []*wat.Answer
		for _, n := range nones {
			a := &wat.Answer{WorkloadID: workload, LensARN: framework.ARN, QuestionID: n.QuestionID,
				SelectedChoices: []string{id(n)}, IsApplicable: true, Notes: n.LegacyID, UpdatedAt: at(0)}
			if n == sec {
				// Order is kept; choice states move with their id.
				a.SelectedChoices = []string{practice, id(n)}
				a.Choices = map[string]wat.ChoiceAnswer{id(n): {Notes: "none of it"}, practice: {Notes: "some"}}
			}
			as = append(as, a)
		}
		return append(as, &wat.Answer{WorkloadID: workload, LensARN: lensCustom, QuestionID: "priorities",
			SelectedChoices: []string{"priorities_no"}, Choices: map[string]wat.ChoiceAnswer{"priorities_no": {Notes: "mine"}},
			IsApplicable: true, Notes: "priorities_no", UpdatedAt: at(0)})
	}
	legacy := func(n framework.NoneChoice) string { return n.LegacyID }
	current := func(n framework.NoneChoice) string { return n.ChoiceID }

	newAccount(t, db, "111111111111")
	old, fresh := fullWorkload("111111111111", workloadID(1), "old ids"), fullWorkload("111111111111", workloadID(2), "AWS ids")
	old.Notes = "priorities_no"
	insertWorkload(t, db, old)
	insertWorkload(t, db, fresh)
	rt := newTemplate("111111111111", 1, "old ids")
	rt.Lenses = []string{framework.ARN, lensCustom}
	milestone := &wat.Milestone{WorkloadID: old.ID, Number: 1, Name: "before", RecordedAt: at(0), Workload: old,
		LensReviews: []*wat.LensReview{{WorkloadID: old.ID, LensARN: framework.ARN, UpdatedAt: at(0), Revision: 3}},
		Answers:     answers(old.ID, legacy)}
	empty := &wat.Milestone{WorkloadID: old.ID, Number: 2, Name: "no answers", RecordedAt: at(0), Workload: old}
	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		for _, w := range []*wat.Workload{old, fresh} {
			for _, arn := range []string{framework.ARN, lensCustom} {
				if err := tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w.ID, LensARN: arn, UpdatedAt: at(0), Revision: 7}); err != nil {
					return err
				}
			}
		}
		for _, a := range append(answers(old.ID, legacy), answers(fresh.ID, current)...) {
			if err := tx.PutAnswer(ctx, a); err != nil {
				return err
			}
		}
		if err := tx.InsertMilestone(ctx, milestone); err != nil {
			return err
		}
		if err := tx.InsertMilestone(ctx, empty); err != nil {
			return err
		}
		if err := tx.InsertReviewTemplate(ctx, rt); err != nil {
			return err
		}
		for _, arn := range rt.Lenses {
			if err := tx.PutTemplateLensReview(ctx, &wat.TemplateLensReview{TemplateARN: rt.ARN, LensARN: arn, UpdatedAt: at(0)}); err != nil {
				return err
			}
		}
		for _, a := range answers("", legacy) {
			if err := tx.PutTemplateAnswer(ctx, &wat.TemplateAnswer{TemplateARN: rt.ARN, Answer: *a}); err != nil {
				return err
			}
		}
		return nil
	})

	if err := db.migrate(ctx); err != nil {
		t.Fatalf("migration 0011: %v", err)
	}

	want := answers(old.ID, current)
	var (
		gotOld, gotFresh []*wat.Answer
		gotMilestones    [2]*wat.Milestone
		gotTemplate      []*wat.TemplateAnswer
		revisions        = map[string]int64{}
	)
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		if gotOld, err = tx.ListAnswers(ctx, old.ID, ""); err != nil {
			return err
		}
		if gotFresh, err = tx.ListAnswers(ctx, fresh.ID, ""); err != nil {
			return err
		}
		for i := range gotMilestones {
			if gotMilestones[i], err = tx.GetMilestone(ctx, old.ID, i+1); err != nil {
				return err
			}
		}
		if gotTemplate, err = tx.ListTemplateAnswers(ctx, rt.ARN, ""); err != nil {
			return err
		}
		for _, w := range []string{old.ID, fresh.ID} {
			for _, arn := range []string{framework.ARN, lensCustom} {
				r, err := tx.GetLensReview(ctx, w, arn)
				if err != nil {
					return err
				}
				revisions[w[len(w)-1:]+" "+arn] = r.Revision
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	byQuestion := cmp.Transformer("byQuestion", func(as []*wat.Answer) map[string]*wat.Answer {
		m := map[string]*wat.Answer{}
		for _, a := range as {
			m[a.LensARN+" "+a.QuestionID] = a
		}
		return m
	})
	if diff := cmp.Diff(want, gotOld, byQuestion); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(answers(fresh.ID, current), gotFresh, byQuestion); diff != "" {
		t.Errorf("answers that had AWS's ids (-want +got):\n%s", diff)
	}
	wantMilestone := storedMilestone(milestone)
	wantMilestone.Answers = want
	if diff := cmp.Diff(wantMilestone, gotMilestones[0], byQuestion); diff != "" {
		t.Errorf("milestone (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(storedMilestone(empty), gotMilestones[1]); diff != "" {
		t.Errorf("milestone without answers (-want +got):\n%s", diff)
	}
	wantTemplate := answers("", current)
	var gotTemplateAnswers []*wat.Answer
	for _, a := range gotTemplate {
		if a.TemplateARN != rt.ARN {
			t.Errorf("template answer of %s", a.TemplateARN)
		}
		gotTemplateAnswers = append(gotTemplateAnswers, &a.Answer)
	}
	if diff := cmp.Diff(wantTemplate, gotTemplateAnswers, byQuestion); diff != "" {
		t.Errorf("template answers (-want +got):\n%s", diff)
	}
	// Only the reviews whose answers changed read as changed.
	wantRevisions := map[string]int64{"1 " + framework.ARN: 8, "1 " + lensCustom: 7, "2 " + framework.ARN: 7, "2 " + lensCustom: 7}
	if diff := cmp.Diff(wantRevisions, revisions); diff != "" {
		t.Errorf("lens review revisions (-want +got):\n%s", diff)
	}
}
