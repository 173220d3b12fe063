package api_test

// The rows of the access-control matrix (e2e_matrix_test.go): one or more
// per implemented operation. An operation that starts being implemented
// fails TestAccessMatrixCoversEveryOperation until it has a row here.

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// opKind is who may perform a row's operation.
type opKind int

const (
	opRead       opKind = iota // reads a workload: its owner and every recipient
	opContribute               // answers a workload's questions: its owner and CONTRIBUTOR recipients
	opOwn                      // only the workload's owner account
	opAccount                  // acts on the caller's own account: any authenticated caller
	opInvitation               // answers the caller's own invitation
	opInvalid                  // has no valid input yet: refused as invalid, whoever asks
	// opLens acts on the owner's custom lens: only the owner account; no
	// other column's account has a lens share, so for them it does not exist.
	opLens
)

// matrixRow is one row of the matrix.
type matrixRow struct {
	op      string
	variant string // tells apart the rows of one operation
	kind    opKind
	// write rows change state: when refused, the owner's data must be unchanged.
	write bool
	// resource is what a denial names; nil for the target workload's ARN.
	resource func(e *matrixEnv, tg *matrixTarget) string
	call     func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error)
	// untypedNotFound: the model declares no ResourceNotFoundException for
	// the operation, so the SDK cannot type the 404 it gets.
	untypedNotFound bool
	// ownerInvalid: the row has no valid input yet for the owner's side (it
	// would change what later rows rely on), which gets a 400 where it
	// would be allowed; everyone else gets what the kind says.
	ownerInvalid bool
	// effect, when set, checks what an allowed call did or returned.
	effect func(t *testing.T, e *matrixEnv, c *matrixCaller, tg *matrixTarget, out any)
	// action is the IAM action a denial names, when it is not the
	// operation's name (wat's export asks for GetLensReviewReport's).
	action string
}

func (r *matrixRow) name() string {
	if r.variant != "" {
		return r.op + "/" + r.variant
	}
	return r.op
}

// sdkDo calls an SDK operation, returning its output as any (nil on error).
func sdkDo[I, O any](ctx context.Context, f func(context.Context, I, ...func(*wa.Options)) (O, error), in I) (any, error) {
	out, err := f(ctx, in)
	if err != nil {
		return nil, err
	}
	return out, nil
}

func anyResource(*matrixEnv, *matrixTarget) string { return "*" }

// matrixRows returns the rows in the order they run: for the target
// workload, then for the target custom lens (lensRows), reads,
// account-scoped operations, writes, and the destructive writes last.
func matrixRows() []*matrixRow {
	w := workloadRows()
	last := len(w) - 1 // DeleteWorkload: the profile rows need the workload
	rows := append(append(append(append(append([]*matrixRow{}, w[:last]...), evidenceRows()...), jiraRows()...), profileRows()...), templateRows()...)
	rows = append(rows, w[last])
	return append(append(append(append(rows, lensRows()...), catalogRows()...), agentRows()...), webhookRows()...)
}

// workloadRows are the rows that act on the target workload or on the
// caller's account.
func workloadRows() []*matrixRow {
	lens, question := aws.String(lensAlias), aws.String("priorities")
	const (
		newChoice = "ops_priorities_ext_cust_needs"
		newNotes  = "Reviewed in the matrix"
		newDesc   = "Changed in the matrix"
		newShare  = "222233334444"
	)
	wantEq := func(t *testing.T, what string, got, want any) {
		t.Helper()
		if !cmp.Equal(got, want, sdkOpts) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	ownerShares := func(t *testing.T, e *matrixEnv, tg *matrixTarget) map[string]types.WorkloadShareSummary {
		t.Helper()
		out, err := e.owner.ListWorkloadShares(context.Background(), &wa.ListWorkloadSharesInput{WorkloadId: &tg.id})
		if err != nil {
			t.Fatalf("the owner's ListWorkloadShares: %v", err)
		}
		m := map[string]types.WorkloadShareSummary{}
		for _, s := range out.WorkloadShareSummaries {
			m[aws.ToString(s.ShareId)] = s
		}
		return m
	}
	ownerTags := func(t *testing.T, e *matrixEnv, tg *matrixTarget) map[string]string {
		t.Helper()
		out, err := e.owner.ListTagsForResource(context.Background(), &wa.ListTagsForResourceInput{WorkloadArn: &tg.arn})
		if err != nil {
			t.Fatalf("the owner's ListTagsForResource: %v", err)
		}
		return out.Tags
	}
	return []*matrixRow{
		{op: "GetWorkload", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetWorkload, &wa.GetWorkloadInput{WorkloadId: &tg.id})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			w := out.(*wa.GetWorkloadOutput).Workload
			wantEq(t, "GetWorkload's WorkloadId, Owner", []string{aws.ToString(w.WorkloadId), aws.ToString(w.Owner)}, []string{tg.id, e.account})
		}},
		{op: "ListLensReviews", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListLensReviews, &wa.ListLensReviewsInput{WorkloadId: &tg.id})
		}},
		{op: "GetLensReview", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetLensReview, &wa.GetLensReviewInput{WorkloadId: &tg.id, LensAlias: lens})
		}},
		{op: "GetLensReviewReport", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetLensReviewReport, &wa.GetLensReviewReportInput{WorkloadId: &tg.id, LensAlias: lens})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			if r := out.(*wa.GetLensReviewReportOutput).LensReviewReport; r == nil || !strings.HasPrefix(aws.ToString(r.Base64String), "JVBERi0") {
				t.Errorf("GetLensReviewReport did not return a PDF")
			}
		}},
		{op: "ListAnswers", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListAnswers, &wa.ListAnswersInput{WorkloadId: &tg.id, LensAlias: lens})
		}},
		{op: "GetAnswer", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetAnswer, &wa.GetAnswerInput{WorkloadId: &tg.id, LensAlias: lens, QuestionId: question})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			a := out.(*wa.GetAnswerOutput).Answer
			wantEq(t, "GetAnswer's choices and notes", []any{a.SelectedChoices, aws.ToString(a.Notes)}, []any{[]string{matrixChoice}, matrixSecretNotes})
		}},
		{op: "ListLensReviewImprovements", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListLensReviewImprovements, &wa.ListLensReviewImprovementsInput{WorkloadId: &tg.id, LensAlias: lens})
		}},
		{op: "ListMilestones", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListMilestones, &wa.ListMilestonesInput{WorkloadId: &tg.id})
		}},
		{op: "GetMilestone", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetMilestone, &wa.GetMilestoneInput{WorkloadId: &tg.id, MilestoneNumber: aws.Int32(1)})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			wantEq(t, "GetMilestone's name", aws.ToString(out.(*wa.GetMilestoneOutput).Milestone.MilestoneName), matrixMilestone)
		}},
		{op: "ListTagsForResource", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListTagsForResource, &wa.ListTagsForResourceInput{WorkloadArn: &tg.arn})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			wantEq(t, "ListTagsForResource", out.(*wa.ListTagsForResourceOutput).Tags, map[string]string{"team": "matrix"})
		}},
		{op: "ListNotifications", variant: "workload", kind: opRead, untypedNotFound: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListNotifications, &wa.ListNotificationsInput{WorkloadId: &tg.id})
		}},

		{op: "GetConsolidatedReport", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetConsolidatedReport, &wa.GetConsolidatedReportInput{Format: types.ReportFormatJson, IncludeSharedResources: aws.Bool(true)})
		}},
		{op: "ListWorkloads", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListWorkloads, &wa.ListWorkloadsInput{MaxResults: aws.Int32(50)})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, tg *matrixTarget, out any) {
			if c.kind == callerOutsider {
				return
			}
			for _, s := range out.(*wa.ListWorkloadsOutput).WorkloadSummaries {
				if aws.ToString(s.WorkloadId) == tg.id {
					return
				}
			}
			t.Errorf("ListWorkloads does not list %s", tg.id)
		}},
		{op: "ListNotifications", variant: "account", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListNotifications, &wa.ListNotificationsInput{})
		}},
		{op: "ListShareInvitations", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListShareInvitations, &wa.ListShareInvitationsInput{})
		}},
		// Only the owner account lists the owner's custom lens; checkCell
		// checks that nobody else's answer mentions it.
		{op: "ListLenses", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListLenses, &wa.ListLensesInput{})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, tg *matrixTarget, out any) {
			listed := false
			for _, s := range out.(*wa.ListLensesOutput).LensSummaries {
				listed = listed || aws.ToString(s.LensArn) == tg.lensARN
			}
			if want := c.kind == callerOwner; listed != want {
				t.Errorf("ListLenses lists the owner's custom lens %s: %v, want %v", tg.lensARN, listed, want)
			}
		}},
		{op: "GetLens", kind: opAccount, resource: func(*matrixEnv, *matrixTarget) string { return lensARN }, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetLens, &wa.GetLensInput{LensAlias: lens})
		}},
		{op: "CreateWorkload", kind: opAccount, write: true, resource: func(e *matrixEnv, _ *matrixTarget) string {
			return "arn:aws:wellarchitected:" + testserver.Region + ":" + e.account + ":workload/*"
		}, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateWorkload, workloadInput(testserver.RandomName("Own")))
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			if _, err := c.client.GetWorkload(context.Background(), &wa.GetWorkloadInput{WorkloadId: out.(*wa.CreateWorkloadOutput).WorkloadId}); err != nil {
				t.Errorf("the creator cannot read the workload it created: %v", err)
			}
		}},
		{op: "GetGlobalSettings", kind: opAccount, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetGlobalSettings, &wa.GetGlobalSettingsInput{})
		}},
		// Each account changes only its own settings; the effect puts them
		// back, so that a refused change by a later column would show.
		{op: "UpdateGlobalSettings", kind: opAccount, write: true, resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateGlobalSettings, &wa.UpdateGlobalSettingsInput{DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusEnabled})
		}, effect: func(t *testing.T, _ *matrixEnv, c *matrixCaller, _ *matrixTarget, _ any) {
			ctx := context.Background()
			got, err := c.client.GetGlobalSettings(ctx, &wa.GetGlobalSettingsInput{})
			if err != nil {
				t.Fatal(err)
			}
			wantEq(t, "DiscoveryIntegrationStatus after enabling it", got.DiscoveryIntegrationStatus, types.DiscoveryIntegrationStatusEnabled)
			if _, err := c.client.UpdateGlobalSettings(ctx, &wa.UpdateGlobalSettingsInput{DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusDisabled}); err != nil {
				t.Fatal(err)
			}
		}},
		{op: "UpdateShareInvitation", kind: opInvitation, write: true, resource: anyResource, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateShareInvitation, &wa.UpdateShareInvitationInput{ShareInvitationId: &tg.invitationID, ShareInvitationAction: types.ShareInvitationActionAccept})
		}},

		{op: "UpdateAnswer", kind: opContribute, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateAnswer, &wa.UpdateAnswerInput{WorkloadId: &tg.id, LensAlias: lens, QuestionId: question, SelectedChoices: []string{newChoice}})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			a, err := e.owner.GetAnswer(context.Background(), &wa.GetAnswerInput{WorkloadId: &tg.id, LensAlias: lens, QuestionId: question})
			if err != nil {
				t.Fatal(err)
			}
			wantEq(t, "the answer the owner reads", a.Answer.SelectedChoices, []string{newChoice})
		}},
		// The owner's account has no Jira connection: whoever may sync is
		// told so (400), after the access checks.
		{op: "UpdateIntegration", kind: opContribute, write: true, ownerInvalid: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateIntegration, &wa.UpdateIntegrationInput{WorkloadId: &tg.id, ClientRequestToken: aws.String("sync"), IntegratingService: types.IntegratingServiceJira})
		}},
		{op: "UpdateLensReview", kind: opContribute, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateLensReview, &wa.UpdateLensReviewInput{WorkloadId: &tg.id, LensAlias: lens, LensNotes: aws.String(newNotes)})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			r, err := e.owner.GetLensReview(context.Background(), &wa.GetLensReviewInput{WorkloadId: &tg.id, LensAlias: lens})
			if err != nil {
				t.Fatal(err)
			}
			wantEq(t, "the lens notes the owner reads", aws.ToString(r.LensReview.Notes), newNotes)
		}},
		{op: "UpdateWorkload", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateWorkload, &wa.UpdateWorkloadInput{WorkloadId: &tg.id, Description: aws.String(newDesc)})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			w, err := e.owner.GetWorkload(context.Background(), &wa.GetWorkloadInput{WorkloadId: &tg.id})
			if err != nil {
				t.Fatal(err)
			}
			wantEq(t, "the description the owner reads", aws.ToString(w.Workload.Description), newDesc)
		}},
		// The target workload has only the framework lens, which is on its
		// latest version: the owner's side gets a 400 after authorisation.
		{op: "UpgradeLensReview", kind: opOwn, write: true, ownerInvalid: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpgradeLensReview, &wa.UpgradeLensReviewInput{WorkloadId: &tg.id, LensAlias: lens, MilestoneName: aws.String("Before upgrade")})
		}},
		// PinLensReviewVersion takes a custom lens: the owner's side gets a
		// 400 naming LensAlias after authorisation, as an upgrade's does.
		{op: "PinLensReviewVersion", kind: opOwn, write: true, ownerInvalid: true, action: "UpgradeLensReview", call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return watclient.FromSDK(c).PinLensReviewVersion(ctx, &wire.PinLensReviewVersionInput{WorkloadId: &tg.id, LensAlias: lens, LensVersion: aws.String("1")})
		}},
		{op: "CreateMilestone", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateMilestone, &wa.CreateMilestoneInput{WorkloadId: &tg.id, MilestoneName: aws.String("Matrix second")})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			m, err := e.owner.GetMilestone(context.Background(), &wa.GetMilestoneInput{WorkloadId: &tg.id, MilestoneNumber: out.(*wa.CreateMilestoneOutput).MilestoneNumber})
			if err != nil {
				t.Fatal(err)
			}
			wantEq(t, "the new milestone's name", aws.ToString(m.Milestone.MilestoneName), "Matrix second")
		}},
		{op: "ImportMilestone", kind: opOwn, write: true, action: "CreateMilestone", call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return watclient.FromSDK(c).ImportMilestone(ctx, matrixImportedMilestone(tg.id))
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			m, err := e.owner.GetMilestone(context.Background(), &wa.GetMilestoneInput{WorkloadId: &tg.id, MilestoneNumber: aws.Int32(matrixImportedNumber)})
			if err != nil {
				t.Fatal(err)
			}
			wantEq(t, "the imported milestone's name and date", []any{aws.ToString(m.Milestone.MilestoneName), m.Milestone.RecordedAt.UTC()},
				[]any{"Matrix imported", matrixImportedAt})
		}},
		{op: "TagResource", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.TagResource, &wa.TagResourceInput{WorkloadArn: &tg.arn, Tags: map[string]string{"reviewed": "yes"}})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			wantEq(t, "the tags the owner reads", ownerTags(t, e, tg), map[string]string{"team": "matrix", "reviewed": "yes"})
		}},
		{op: "UntagResource", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UntagResource, &wa.UntagResourceInput{WorkloadArn: &tg.arn, TagKeys: []string{"team"}})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			if _, ok := ownerTags(t, e, tg)["team"]; ok {
				t.Errorf("the tag is still there")
			}
		}},
		{op: "AssociateLenses", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.AssociateLenses, &wa.AssociateLensesInput{WorkloadId: &tg.id, LensAliases: []string{lensAlias}})
		}},
		// Only the framework lens exists until custom lenses do, and it
		// cannot be removed: every caller gets the same 400.
		{op: "DisassociateLenses", kind: opInvalid, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DisassociateLenses, &wa.DisassociateLensesInput{WorkloadId: &tg.id, LensAliases: []string{lensAlias}})
		}},
		{op: "ListWorkloadShares", kind: opOwn, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListWorkloadShares, &wa.ListWorkloadSharesInput{WorkloadId: &tg.id})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			if n := len(out.(*wa.ListWorkloadSharesOutput).WorkloadShareSummaries); n != 5 {
				t.Errorf("ListWorkloadShares lists %d shares, want 5", n)
			}
		}},
		{op: "CreateWorkloadShare", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateWorkloadShare, &wa.CreateWorkloadShareInput{WorkloadId: &tg.id, SharedWith: aws.String(newShare), PermissionType: types.PermissionTypeReadonly})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			if s, ok := ownerShares(t, e, tg)[aws.ToString(out.(*wa.CreateWorkloadShareOutput).ShareId)]; !ok || aws.ToString(s.SharedWith) != newShare {
				t.Errorf("the owner does not see the new share: %+v", s)
			}
		}},
		{op: "UpdateWorkloadShare", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.UpdateWorkloadShare, &wa.UpdateWorkloadShareInput{WorkloadId: &tg.id, ShareId: &tg.shareID, PermissionType: types.PermissionTypeContributor})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			wantEq(t, "the updated share's permission", ownerShares(t, e, tg)[tg.shareID].PermissionType, types.PermissionTypeContributor)
		}},
		{op: "DeleteWorkloadShare", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteWorkloadShare, &wa.DeleteWorkloadShareInput{WorkloadId: &tg.id, ShareId: &tg.shareID})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			if _, ok := ownerShares(t, e, tg)[tg.shareID]; ok {
				t.Errorf("the deleted share is still listed")
			}
		}},
		{op: "DeleteWorkload", kind: opOwn, write: true, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteWorkload, &wa.DeleteWorkloadInput{WorkloadId: &tg.id})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			_, err := e.owner.GetWorkload(context.Background(), &wa.GetWorkloadInput{WorkloadId: &tg.id})
			wantNotFound(t, err)
		}},
	}
}

// isNotImplemented reports whether err is the 501 of an unimplemented operation.
func isNotImplemented(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == "NotImplementedException" && httpStatus(err) == 501
}

// implementedOperations returns the operations that answer anything but
// NotImplementedException to a minimal valid call by the owner's admin,
// with what each answered: the matrix rows' calls (run in order on tg)
// and, for the operations without a row, the probes.
func implementedOperations(t *testing.T, e *matrixEnv, tg *matrixTarget) map[string]error {
	t.Helper()
	ctx := context.Background()
	got := map[string]error{}
	for _, r := range matrixRows() {
		if _, err := r.call(ctx, e.owner, tg); !isNotImplemented(err) {
			got[r.op] = err
		}
	}
	for name, probe := range unimplementedProbes(e.owner, tg) {
		if err := probe(ctx); !isNotImplemented(err) {
			got[name] = err
		}
	}
	return got
}

// TestAccessMatrixCoversEveryOperation fails when an operation is
// implemented but has no row in the matrix, or has a row but is not
// implemented.
func TestAccessMatrixCoversEveryOperation(t *testing.T) {
	t.Parallel()
	srv, advance := startMatrixServer(t, "")
	e := newMatrixEnv(t, srv, advance)
	rows := map[string]bool{}
	for _, r := range matrixRows() {
		rows[r.op] = true
	}
	probes := unimplementedProbes(e.owner, e.callers[0].target)
	if len(wire.Operations) != 95 {
		t.Errorf("the wire layer routes %d operations, want the model's 95", len(wire.Operations))
	}
	for _, op := range wire.Operations {
		if _, probed := probes[op.Name]; rows[op.Name] == probed {
			t.Errorf("operation %s: has a matrix row %v, a probe %v; want exactly one", op.Name, rows[op.Name], probed)
		}
	}
	for name := range probes {
		if wire.OperationByName(name) == nil {
			t.Errorf("probe %s is not an operation of the wire layer", name)
		}
	}
	impl := implementedOperations(t, e, e.callers[0].target)
	var names []string
	for name, err := range impl {
		names = append(names, name)
		if !rows[name] {
			t.Errorf("%s is implemented (a minimal call answered %v, not NotImplementedException) but has no row in the access matrix: add one to matrixRows and remove its probe", name, err)
		}
	}
	for name := range rows {
		if _, ok := impl[name]; !ok {
			t.Errorf("%s has a row in the access matrix but answers NotImplementedException", name)
		}
	}
	sort.Strings(names)
	t.Logf("%d implemented operations: %s", len(names), strings.Join(names, ", "))
}

// probe is a call whose output does not matter.
func probe[I, O any](f func(context.Context, I, ...func(*wa.Options)) (O, error), in I) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := f(ctx, in)
		return err
	}
}

// unimplementedProbes calls, with minimal valid input, every operation
// that has no row yet; each must answer NotImplementedException. When one
// is implemented, move it from here to matrixRows.
func unimplementedProbes(c *wa.Client, tg *matrixTarget) map[string]func(context.Context) error {
	return map[string]func(context.Context) error{} // every operation has its row
}
