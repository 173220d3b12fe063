package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestTemplateShares: a review template shared with another account can,
// once accepted, be read and used to create the recipient's workloads with
// its answers; only the owner changes or shares it; deleting the share
// takes it away.
func TestTemplateShares(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		arn := createTemplate(t, owner, "Landing zone")
		if _, err := owner.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}, Notes: aws.String("Platform team")}); err != nil {
			t.Fatal(err)
		}
		rid, rc := newAccount(t, srv, "template-user")
		out, err := owner.CreateTemplateShare(ctx, &wa.CreateTemplateShareInput{TemplateArn: &arn, SharedWith: &rid})
		if err != nil {
			t.Fatal(err)
		}
		shares, err := owner.ListTemplateShares(ctx, &wa.ListTemplateSharesInput{TemplateArn: &arn})
		if err != nil || len(shares.TemplateShareSummaries) != 1 || shares.TemplateShareSummaries[0].Status != types.ShareStatusPending {
			t.Errorf("ListTemplateShares = %+v, %v", shares, err)
		}
		_, err = rc.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
		wantNotFound(t, err)
		invs, err := rc.ListShareInvitations(ctx, &wa.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeTemplate})
		if err != nil || len(invs.ShareInvitationSummaries) != 1 || aws.ToString(invs.ShareInvitationSummaries[0].TemplateArn) != arn ||
			aws.ToString(invs.ShareInvitationSummaries[0].TemplateName) != "Landing zone" {
			t.Fatalf("template invitations = %+v, %v", invs, err)
		}
		up, err := rc.UpdateShareInvitation(ctx, &wa.UpdateShareInvitationInput{ShareInvitationId: invs.ShareInvitationSummaries[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept})
		if err != nil || aws.ToString(up.ShareInvitation.TemplateArn) != arn {
			t.Fatalf("accepting = %+v, %v", up, err)
		}

		if _, err := rc.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn}); err != nil {
			t.Errorf("recipient's GetReviewTemplate: %v", err)
		}
		in := workloadInput("From a shared template")
		in.ReviewTemplateArns = []string{arn}
		id := createWorkload(t, rc, in)
		a, err := rc.GetAnswer(ctx, &wa.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
		if err != nil || len(a.Answer.SelectedChoices) != 1 || aws.ToString(a.Answer.Notes) != "Platform team" {
			t.Errorf("answer copied from the shared template = %+v, %v", a, err)
		}
		_, err = rc.UpdateReviewTemplate(ctx, &wa.UpdateReviewTemplateInput{TemplateArn: &arn, Description: aws.String("Taken over")})
		wantAPIError(t, err, "AccessDeniedException", 403)
		_, err = rc.CreateTemplateShare(ctx, &wa.CreateTemplateShareInput{TemplateArn: &arn, SharedWith: aws.String("123456789012")})
		wantAPIError(t, err, "AccessDeniedException", 403)
		_, err = rc.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &arn, LensAlias: aws.String(lensAlias),
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}})
		wantAPIError(t, err, "AccessDeniedException", 403)

		if _, err := owner.DeleteTemplateShare(ctx, &wa.DeleteTemplateShareInput{TemplateArn: &arn, ShareId: out.ShareId}); err != nil {
			t.Fatal(err)
		}
		_, err = rc.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: &arn})
		wantNotFound(t, err)
		if _, err := rc.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: &id}); err != nil {
			t.Errorf("the workload created from the template stays: %v", err)
		}
	})
}
