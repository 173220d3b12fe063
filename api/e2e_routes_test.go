package api_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
)

// implemented lists the operations the core serves; the end-to-end tests
// of the other files exercise them.
var implemented = []string{
	"AssociateLenses", "CreateMilestone", "CreateWorkload", "DeleteWorkload", "DisassociateLenses",
	"GetAnswer", "GetLens", "GetLensReview", "GetMilestone", "GetWorkload", "ListAnswers",
	"ListLensReviewImprovements", "ListLensReviews", "ListLenses", "ListMilestones",
	"ListNotifications", "ListTagsForResource", "ListWorkloads", "TagResource", "UntagResource",
	"UpdateAnswer", "UpdateLensReview", "UpdateWorkload",
	"CreateWorkloadShare", "DeleteWorkloadShare", "ListWorkloadShares", "UpdateWorkloadShare",
	"ListShareInvitations", "UpdateShareInvitation", "GetGlobalSettings", "UpdateGlobalSettings",
	"GetLensVersionDifference", "UpgradeLensReview", "GetLensReviewReport", "GetConsolidatedReport",
	"ImportLens", "ExportLens", "CreateLensVersion", "DeleteLens", "CreateLensShare", "ListLensShares", "DeleteLensShare",
	"GetProfileTemplate", "CreateProfile", "GetProfile", "UpdateProfile", "DeleteProfile", "ListProfiles",
	"AssociateProfiles", "DisassociateProfiles", "UpgradeProfileVersion", "ListProfileNotifications",
}

// TestUnimplementedOperationsAreRouted calls every other operation of the
// API through the SDK with minimal valid input: each is routed, passes
// validation and answers 501 NotImplementedException, never a 404 or 500.
func TestUnimplementedOperationsAreRouted(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	c := srv.Client
	workload := aws.String(createWorkload(t, c, workloadInput("Routes")))
	var (
		acct     = srv.Admin.AccountID
		profile  = aws.String("arn:aws:wellarchitected:us-east-1:" + acct + ":profile/0a1b2c3d")
		template = aws.String("arn:aws:wellarchitected:us-east-1:" + acct + ":review-template/" + strings.Repeat("a", 32))
		share    = aws.String(strings.Repeat("b", 32))
		lens     = aws.String(lensAlias)
		question = aws.String("priorities")
		other    = aws.String("123456789012")
	)
	calls := map[string]func(ctx context.Context) error{
		"CreateProfileShare": func(ctx context.Context) error {
			_, err := c.CreateProfileShare(ctx, &wa.CreateProfileShareInput{ProfileArn: profile, SharedWith: other})
			return err
		},
		"CreateReviewTemplate": func(ctx context.Context) error {
			_, err := c.CreateReviewTemplate(ctx, &wa.CreateReviewTemplateInput{TemplateName: aws.String("Template"), Description: aws.String("A template"), Lenses: []string{lensAlias}})
			return err
		},
		"CreateTemplateShare": func(ctx context.Context) error {
			_, err := c.CreateTemplateShare(ctx, &wa.CreateTemplateShareInput{TemplateArn: template, SharedWith: other})
			return err
		},
		"DeleteProfileShare": func(ctx context.Context) error {
			_, err := c.DeleteProfileShare(ctx, &wa.DeleteProfileShareInput{ProfileArn: profile, ShareId: share})
			return err
		},
		"DeleteReviewTemplate": func(ctx context.Context) error {
			_, err := c.DeleteReviewTemplate(ctx, &wa.DeleteReviewTemplateInput{TemplateArn: template})
			return err
		},
		"DeleteTemplateShare": func(ctx context.Context) error {
			_, err := c.DeleteTemplateShare(ctx, &wa.DeleteTemplateShareInput{TemplateArn: template, ShareId: share})
			return err
		},
		"GetReviewTemplate": func(ctx context.Context) error {
			_, err := c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: template})
			return err
		},
		"GetReviewTemplateAnswer": func(ctx context.Context) error {
			_, err := c.GetReviewTemplateAnswer(ctx, &wa.GetReviewTemplateAnswerInput{TemplateArn: template, LensAlias: lens, QuestionId: question})
			return err
		},
		"GetReviewTemplateLensReview": func(ctx context.Context) error {
			_, err := c.GetReviewTemplateLensReview(ctx, &wa.GetReviewTemplateLensReviewInput{TemplateArn: template, LensAlias: lens})
			return err
		},
		"ListCheckDetails": func(ctx context.Context) error {
			_, err := c.ListCheckDetails(ctx, &wa.ListCheckDetailsInput{WorkloadId: workload, LensArn: aws.String(lensARN), PillarId: aws.String("operationalExcellence"), QuestionId: question, ChoiceId: aws.String("priorities_no")})
			return err
		},
		"ListCheckSummaries": func(ctx context.Context) error {
			_, err := c.ListCheckSummaries(ctx, &wa.ListCheckSummariesInput{WorkloadId: workload, LensArn: aws.String(lensARN), PillarId: aws.String("operationalExcellence"), QuestionId: question, ChoiceId: aws.String("priorities_no")})
			return err
		},
		"ListProfileShares": func(ctx context.Context) error {
			_, err := c.ListProfileShares(ctx, &wa.ListProfileSharesInput{ProfileArn: profile})
			return err
		},
		"ListReviewTemplateAnswers": func(ctx context.Context) error {
			_, err := c.ListReviewTemplateAnswers(ctx, &wa.ListReviewTemplateAnswersInput{TemplateArn: template, LensAlias: lens})
			return err
		},
		"ListReviewTemplates": func(ctx context.Context) error {
			_, err := c.ListReviewTemplates(ctx, &wa.ListReviewTemplatesInput{})
			return err
		},
		"ListTemplateShares": func(ctx context.Context) error {
			_, err := c.ListTemplateShares(ctx, &wa.ListTemplateSharesInput{TemplateArn: template})
			return err
		},
		"UpdateIntegration": func(ctx context.Context) error {
			_, err := c.UpdateIntegration(ctx, &wa.UpdateIntegrationInput{WorkloadId: workload, IntegratingService: types.IntegratingServiceJira})
			return err
		},
		"UpdateReviewTemplate": func(ctx context.Context) error {
			_, err := c.UpdateReviewTemplate(ctx, &wa.UpdateReviewTemplateInput{TemplateArn: template, Notes: aws.String("n")})
			return err
		},
		"UpdateReviewTemplateAnswer": func(ctx context.Context) error {
			_, err := c.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: template, LensAlias: lens, QuestionId: question, SelectedChoices: []string{"priorities_no"}})
			return err
		},
		"UpdateReviewTemplateLensReview": func(ctx context.Context) error {
			_, err := c.UpdateReviewTemplateLensReview(ctx, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: template, LensAlias: lens, LensNotes: aws.String("n")})
			return err
		},
		"UpgradeReviewTemplateLensReview": func(ctx context.Context) error {
			_, err := c.UpgradeReviewTemplateLensReview(ctx, &wa.UpgradeReviewTemplateLensReviewInput{TemplateArn: template, LensAlias: lens})
			return err
		},
	}

	// Every operation of the model is either implemented or called here.
	if len(wire.Operations) != 72 {
		t.Errorf("the wire layer routes %d operations, want the model's 72", len(wire.Operations))
	}
	for _, op := range wire.Operations {
		_, called := calls[op.Name]
		if impl := slices.Contains(implemented, op.Name); called == impl {
			t.Errorf("operation %s: listed as implemented %v, called here %v; want exactly one", op.Name, impl, called)
		}
	}
	for name := range calls {
		if wire.OperationByName(name) == nil {
			t.Errorf("%s is not an operation of the wire layer", name)
		}
	}

	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			wantAPIError(t, call(context.Background()), "NotImplementedException", 501)
		})
	}
}
