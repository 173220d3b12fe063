package sqlstore

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// TestAnswerChange checks on every backend that GetAnswerChange reads what
// GetLensReview, GetAnswer, GetJiraPlanSettings and ListWebhookRoutes say,
// as each row is stored or not, and nothing of other questions, workloads
// or accounts.
func TestAnswerChange(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testAnswerChange(t, b)
		})
	}
}

func testAnswerChange(t *testing.T, b *backend) {
	db := b.fresh(t)
	const acct, other = "111111111111", "222222222222"
	newAccount(t, db, acct)
	newAccount(t, db, other)
	w, w2 := workloadID(1), workloadID(2)
	insertWorkload(t, db, fullWorkload(acct, w, "changed"))
	insertWorkload(t, db, fullWorkload(acct, w2, "beside"))
	q := newAnswer(w, lensWA, 7).QuestionID

	missing := try(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAnswerChange(ctx, w, acct, lensWA, q)
		return err
	})
	wantError(t, missing, wat.ENotFound, "LENS_REVIEW")
	var got, want *wat.Error
	errors.As(missing, &got)
	errors.As(try(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetLensReview(ctx, w, lensWA)
		return err
	}), &want)
	if got.Message != want.Message {
		t.Errorf("missing review: message %q, want GetLensReview's %q", got.Message, want.Message)
	}

	// check compares GetAnswerChange with the reads it stands for.
	check := func(step string, wantAnswer, wantWebhooks bool) {
		t.Helper()
		err := try(db, func(ctx context.Context, tx wat.Tx) error {
			c, err := tx.GetAnswerChange(ctx, w, acct, lensWA, q)
			if err != nil {
				return err
			}
			r, err := tx.GetLensReview(ctx, w, lensWA)
			if err != nil {
				return err
			}
			a, err := tx.GetAnswer(ctx, w, lensWA, q)
			if wat.ErrorCodeOf(err) == wat.ENotFound {
				a, err = nil, nil
			}
			if err != nil {
				return err
			}
			ws, as, connected, err := tx.GetJiraPlanSettings(ctx, w, acct)
			if err != nil {
				return err
			}
			routes, err := tx.ListWebhookRoutes(ctx, acct)
			if err != nil {
				return err
			}
			if (a != nil) != wantAnswer || (len(routes) > 0) != wantWebhooks {
				t.Fatalf("%s: stored answer %v, routes %v; want an answer %v, routes %v", step, a, routes, wantAnswer, wantWebhooks)
			}
			want := &wat.AnswerChange{Review: r, Answer: a, Webhooks: len(routes) > 0,
				JiraWorkload: ws, JiraAccount: as, JiraConnected: connected}
			if diff := cmp.Diff(want, c); diff != "" {
				t.Errorf("%s: (-want +got):\n%s", step, diff)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		err := tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w, LensARN: lensWA, LensVersion: "v1",
			Notes: "review notes", PillarNotes: map[string]string{"security": "sec"}, UpdatedAt: t0, Revision: 4})
		if err != nil {
			return err
		}
		// Answers beside the one read: another question of the review,
		// the same question of another workload.
		if err := tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: w2, LensARN: lensWA, LensVersion: "v1", UpdatedAt: t0}); err != nil {
			return err
		}
		return errors.Join(tx.PutAnswer(ctx, newAnswer(w, lensWA, 6)), tx.PutAnswer(ctx, newAnswer(w2, lensWA, 7)))
	})
	check("no answer yet", false, false)

	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutAnswer(ctx, newAnswer(w, lensWA, 7)) })
	check("an answer with choice notes", true, false)

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		a := newAnswer(w, lensWA, 7)
		a.SelectedChoices, a.Choices, a.IsApplicable, a.Reason = []string{}, nil, false, "ARCHITECTURE_CONSTRAINTS"
		return tx.PutAnswer(ctx, a)
	})
	check("a question not applicable", true, false)

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(
			tx.InsertWebhookSubscription(ctx, &wat.WebhookSubscription{ID: "wh-01", ARN: "arn:wh-01", AccountID: other,
				URL: "https://h.example/1", Status: wat.WebhookEnabled, Secret: "whsec_b25l", CreatedAt: t0, UpdatedAt: t0}),
			tx.InsertWebhookSubscription(ctx, &wat.WebhookSubscription{ID: "wh-02", ARN: "arn:wh-02", AccountID: acct,
				URL: "https://h.example/2", Status: wat.WebhookDisabled, Secret: "whsec_dHdv", CreatedAt: t0, UpdatedAt: t0}))
	})
	check("a disabled subscription, an enabled one of another account", true, false)

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.InsertWebhookSubscription(ctx, &wat.WebhookSubscription{ID: "wh-03", ARN: "arn:wh-03", AccountID: acct,
			URL: "https://h.example/3", Status: wat.WebhookEnabled, DetailTypes: []string{wat.EventMilestoneCreated},
			Secret: "whsec_dGhyZWU=", CreatedAt: t0, UpdatedAt: t0})
	})
	check("an enabled subscription", true, true)

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return errors.Join(
			tx.PutJiraWorkloadSettings(ctx, &wat.JiraWorkloadSettings{WorkloadID: w,
				IssueManagement: wat.JiraEnabled, SyncType: wat.JiraAuto, ProjectKey: "OPS", UpdatedAt: t0}),
			tx.PutJiraConnection(ctx, &wat.JiraConnection{AccountID: acct, URL: "https://acme.atlassian.net",
				Flavor: "CLOUD", Email: "a@example.com", Token: "tok", CreatedAt: t0}))
	})
	check("workload settings, connected", true, true)

	update(t, db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutJiraAccountSettings(ctx, &wat.JiraAccountSettings{AccountID: acct,
			IssueManagement: wat.JiraEnabled, SyncType: wat.JiraManual, ProjectKey: "ACC", UpdatedAt: at(1)})
	})
	check("both settings", true, true)
}
