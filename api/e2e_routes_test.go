package api_test

import (
	"context"
	"slices"
	"testing"

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
	"CreateProfileShare", "ListProfileShares", "DeleteProfileShare",
	"CreateTemplateShare", "ListTemplateShares", "DeleteTemplateShare",
	"GetLensVersionDifference", "UpgradeLensReview", "GetLensReviewReport", "GetConsolidatedReport",
	"ImportLens", "ExportLens", "CreateLensVersion", "DeleteLens", "CreateLensShare", "ListLensShares", "DeleteLensShare",
	"GetProfileTemplate", "CreateProfile", "GetProfile", "UpdateProfile", "DeleteProfile", "ListProfiles",
	"AssociateProfiles", "DisassociateProfiles", "UpgradeProfileVersion", "ListProfileNotifications",
	"CreateReviewTemplate", "GetReviewTemplate", "UpdateReviewTemplate", "DeleteReviewTemplate", "ListReviewTemplates",
	"GetReviewTemplateLensReview", "UpdateReviewTemplateLensReview", "ListReviewTemplateAnswers",
	"GetReviewTemplateAnswer", "UpdateReviewTemplateAnswer", "UpgradeReviewTemplateLensReview",
	"ListCheckSummaries", "ListCheckDetails", "UpdateIntegration",
	// wat's own operations (spec/wat.json), beyond the AWS model.
	"PutWorkloadEvidence", "GetSuggestedAnswers", "ApplySuggestedAnswers", "GetLensReviewExport", "GetJiraSyncStatus",
}

// TestUnimplementedOperationsAreRouted calls every other operation of the
// API through the SDK with minimal valid input: each is routed, passes
// validation and answers 501 NotImplementedException, never a 404 or 500.
func TestUnimplementedOperationsAreRouted(t *testing.T) {
	t.Parallel()
	// None is left: every operation of the model is served.
	calls := map[string]func(ctx context.Context) error{}

	// Every operation of the model is either implemented or called here.
	if len(wire.Operations) != 95 {
		t.Errorf("the wire layer routes %d operations, want the model's 95", len(wire.Operations))
	}
	for _, op := range wire.Operations {
		_, called := calls[op.Name]
		impl := slices.Contains(implemented, op.Name) || slices.Contains(agentOperations, op.Name) // the Agent's (e2e_agent_test.go)
		if called == impl {
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
