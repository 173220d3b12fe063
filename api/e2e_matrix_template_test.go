package api_test

// The review-template part of the access-control matrix
// (e2e_matrix_test.go): each column's target has a review template of the
// owner's. Templates are not shared, so to every other account it does not
// exist. The owner reads it, answers it, updates it and deletes it.

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/internal/testserver"
)

// newTemplateTarget creates tg's review template.
func (e *matrixEnv) newTemplateTarget(t *testing.T, tg *matrixTarget, name string) {
	t.Helper()
	out, err := e.owner.CreateReviewTemplate(context.Background(), &wa.CreateReviewTemplateInput{TemplateName: &name,
		Description: aws.String("Matrix template"), Lenses: []string{lensAlias}, ClientRequestToken: &name})
	if err != nil {
		t.Fatalf("CreateReviewTemplate(%s): %v", name, err)
	}
	tg.templateARN, tg.templateName = aws.ToString(out.TemplateArn), name
	e.secrets = append(e.secrets, tg.templateARN, name)
	e.names = append(e.names, name)
}

// theTemplate is what a denial on a template row names.
func theTemplate(_ *matrixEnv, tg *matrixTarget) string { return tg.templateARN }

// templateRows are the rows that act on review templates, in the order
// they run.
func templateRows() []*matrixRow {
	lens, question := aws.String(lensAlias), aws.String("priorities")
	return []*matrixRow{
		{op: "ListReviewTemplates", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListReviewTemplates, &wa.ListReviewTemplatesInput{})
		}},
		{op: "GetReviewTemplate", kind: opLens, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetReviewTemplate, &wa.GetReviewTemplateInput{TemplateArn: &tg.templateARN})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			if got := aws.ToString(out.(*wa.GetReviewTemplateOutput).ReviewTemplate.TemplateName); got != tg.templateName {
				t.Errorf("GetReviewTemplate's name = %q, want %q", got, tg.templateName)
			}
		}},
		{op: "GetReviewTemplateLensReview", kind: opLens, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetReviewTemplateLensReview, &wa.GetReviewTemplateLensReviewInput{TemplateArn: &tg.templateARN, LensAlias: lens})
		}},
		{op: "ListReviewTemplateAnswers", kind: opLens, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListReviewTemplateAnswers, &wa.ListReviewTemplateAnswersInput{TemplateArn: &tg.templateARN, LensAlias: lens})
		}},
		{op: "GetReviewTemplateAnswer", kind: opLens, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetReviewTemplateAnswer, &wa.GetReviewTemplateAnswerInput{TemplateArn: &tg.templateARN, LensAlias: lens, QuestionId: question})
		}},

		// Any authenticated caller may create a template in its own account.
		{op: "CreateReviewTemplate", kind: opAccount, write: true, resource: func(e *matrixEnv, _ *matrixTarget) string {
			return "arn:aws:wellarchitected:" + testserver.Region + ":" + e.account + ":review-template/*"
		}, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			name := testserver.RandomName("Matrix New Template")
			return sdkDo(ctx, c.CreateReviewTemplate, &wa.CreateReviewTemplateInput{TemplateName: &name, Description: aws.String("New"),
				Lenses: []string{lensAlias}, ClientRequestToken: &name})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			arn := aws.ToString(out.(*wa.CreateReviewTemplateOutput).TemplateArn)
			if prefix := "arn:aws:wellarchitected:" + testserver.Region + ":" + accountOf(c.user) + ":review-template/"; !strings.HasPrefix(arn, prefix) {
				t.Errorf("CreateReviewTemplate made %s, want a template of the caller's account", arn)
			}
		}},
		{op: "UpdateReviewTemplate", kind: opLens, write: true, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateReviewTemplate, &wa.UpdateReviewTemplateInput{TemplateArn: &tg.templateARN, Notes: aws.String("Updated notes")})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			if got := aws.ToString(out.(*wa.UpdateReviewTemplateOutput).ReviewTemplate.Notes); got != "Updated notes" {
				t.Errorf("the updated template's notes = %q", got)
			}
		}},
		{op: "UpdateReviewTemplateLensReview", kind: opLens, write: true, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateReviewTemplateLensReview, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: &tg.templateARN, LensAlias: lens, LensNotes: aws.String("Lens notes")})
		}},
		{op: "UpdateReviewTemplateAnswer", kind: opLens, write: true, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateReviewTemplateAnswer, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &tg.templateARN, LensAlias: lens, QuestionId: question,
				SelectedChoices: []string{"ops_priorities_no"}})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			out, err := e.owner.GetReviewTemplate(context.Background(), &wa.GetReviewTemplateInput{TemplateArn: &tg.templateARN})
			if err != nil {
				t.Fatalf("the owner's GetReviewTemplate: %v", err)
			}
			if got := out.ReviewTemplate.QuestionCounts["ANSWERED"]; got != 1 {
				t.Errorf("the template's answered questions = %d, want 1", got)
			}
		}},
		// The framework lens has no newer version: the owner's side is refused as invalid.
		{op: "UpgradeReviewTemplateLensReview", kind: opLens, write: true, ownerInvalid: true, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpgradeReviewTemplateLensReview, &wa.UpgradeReviewTemplateLensReviewInput{TemplateArn: &tg.templateARN, LensAlias: lens})
		}},
		{op: "CreateTemplateShare", kind: opLens, write: true, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateTemplateShare, &wa.CreateTemplateShareInput{TemplateArn: &tg.templateARN, SharedWith: aws.String("222233334444")})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			tg.templateShareID = aws.ToString(out.(*wa.CreateTemplateShareOutput).ShareId)
			if got := ownerTemplateShares(t, e, tg); got[tg.templateShareID] != "222233334444" {
				t.Errorf("the owner's template shares = %v, want the new one", got)
			}
		}},
		{op: "ListTemplateShares", kind: opLens, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListTemplateShares, &wa.ListTemplateSharesInput{TemplateArn: &tg.templateARN})
		}},
		{op: "DeleteTemplateShare", kind: opLens, write: true, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			id := tg.templateShareID
			if id == "" { // the caller could not share it: any well-formed ID
				id = "0123456789abcdef0123456789abcdef"
			}
			return sdkDo(ctx, c.DeleteTemplateShare, &wa.DeleteTemplateShareInput{TemplateArn: &tg.templateARN, ShareId: &id, ClientRequestToken: aws.String("del-" + id)})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			if got := ownerTemplateShares(t, e, tg); len(got) != 0 {
				t.Errorf("the owner's template shares after DeleteTemplateShare = %v, want none", got)
			}
		}},
		{op: "DeleteReviewTemplate", kind: opLens, write: true, resource: theTemplate, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteReviewTemplate, &wa.DeleteReviewTemplateInput{TemplateArn: &tg.templateARN, ClientRequestToken: &tg.templateARN})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			_, err := e.owner.GetReviewTemplate(context.Background(), &wa.GetReviewTemplateInput{TemplateArn: &tg.templateARN})
			wantNotFound(t, err)
		}},
	}
}

// ownerTemplateShares maps the target template's share IDs to whom they
// share with, as the owner lists them.
func ownerTemplateShares(t *testing.T, e *matrixEnv, tg *matrixTarget) map[string]string {
	t.Helper()
	out, err := e.owner.ListTemplateShares(context.Background(), &wa.ListTemplateSharesInput{TemplateArn: &tg.templateARN})
	if err != nil {
		t.Fatalf("the owner's ListTemplateShares: %v", err)
	}
	m := map[string]string{}
	for _, s := range out.TemplateShareSummaries {
		m[aws.ToString(s.ShareId)] = aws.ToString(s.SharedWith)
	}
	return m
}
