package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// newAccount creates an account and returns its ID and an SDK client of
// its admin.
func newAccount(t *testing.T, srv *testserver.Server, name string) (string, *wellarchitected.Client) {
	t.Helper()
	creds, err := srv.Service.CreateAccount(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return creds.AccountID, srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
}

// shareWorkload shares a workload and returns the share's ID.
func shareWorkload(t *testing.T, c *wellarchitected.Client, id, with string, perm types.PermissionType) string {
	t.Helper()
	out, err := c.CreateWorkloadShare(context.Background(), &wellarchitected.CreateWorkloadShareInput{
		WorkloadId: &id, SharedWith: &with, PermissionType: perm,
	})
	if err != nil {
		t.Fatalf("CreateWorkloadShare(%s, %s): %v", id, with, err)
	}
	if aws.ToString(out.WorkloadId) != id {
		t.Errorf("CreateWorkloadShare returned WorkloadId %q, want %q", aws.ToString(out.WorkloadId), id)
	}
	return aws.ToString(out.ShareId)
}

// pendingInvitations returns the recipient's pending workload invitations.
func pendingInvitations(t *testing.T, c *wellarchitected.Client) []types.ShareInvitationSummary {
	t.Helper()
	out, err := c.ListShareInvitations(context.Background(), &wellarchitected.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeWorkload})
	if err != nil {
		t.Fatalf("ListShareInvitations: %v", err)
	}
	return out.ShareInvitationSummaries
}

// answer invites: accept or reject the one invitation to workload id.
func answerInvitation(t *testing.T, c *wellarchitected.Client, workloadID string, action types.ShareInvitationAction) {
	t.Helper()
	for _, inv := range pendingInvitations(t, c) {
		if aws.ToString(inv.WorkloadId) != workloadID {
			continue
		}
		out, err := c.UpdateShareInvitation(context.Background(), &wellarchitected.UpdateShareInvitationInput{
			ShareInvitationId: inv.ShareInvitationId, ShareInvitationAction: action,
		})
		if err != nil {
			t.Fatalf("UpdateShareInvitation(%s): %v", action, err)
		}
		if got := out.ShareInvitation; aws.ToString(got.WorkloadId) != workloadID || got.ShareResourceType != types.ShareResourceTypeWorkload ||
			aws.ToString(got.ShareInvitationId) != aws.ToString(inv.ShareInvitationId) {
			t.Errorf("UpdateShareInvitation returned %+v", *got)
		}
		return
	}
	t.Fatalf("no pending invitation to workload %s", workloadID)
}

// listedIDs returns the IDs and owners of the workloads c lists.
func listedIDs(t *testing.T, c *wellarchitected.Client) map[string]string {
	t.Helper()
	got := map[string]string{}
	p := wellarchitected.NewListWorkloadsPaginator(c, &wellarchitected.ListWorkloadsInput{MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("ListWorkloads: %v", err)
		}
		for _, w := range page.WorkloadSummaries {
			got[aws.ToString(w.WorkloadId)] = aws.ToString(w.Owner)
		}
	}
	return got
}

func setAnswer(c *wellarchitected.Client, id string, choices ...string) error {
	_, err := c.UpdateAnswer(context.Background(), &wellarchitected.UpdateAnswerInput{
		WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities"), SelectedChoices: choices,
	})
	return err
}

// TestWorkloadShareLifecycle: an invitation grants nothing until accepted;
// READONLY reads everything and changes nothing; CONTRIBUTOR also answers;
// deleting the share takes access away at once.
func TestWorkloadShareLifecycle(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		ownerID := srv.Admin.AccountID
		id := createWorkload(t, owner, workloadInput("Shared Shop"))
		if err := setAnswer(owner, id, "ops_priorities_no"); err != nil {
			t.Fatal(err)
		}
		if _, err := owner.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Before sharing")}); err != nil {
			t.Fatal(err)
		}
		otherID, other := newAccount(t, srv, "partner")
		own := createWorkload(t, other, workloadInput("Partner Own"))

		shareID := shareWorkload(t, owner, id, otherID, types.PermissionTypeReadonly)
		shares, err := owner.ListWorkloadShares(ctx, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id})
		if err != nil {
			t.Fatal(err)
		}
		if len(shares.WorkloadShareSummaries) != 1 || aws.ToString(shares.WorkloadShareSummaries[0].ShareId) != shareID ||
			shares.WorkloadShareSummaries[0].Status != types.ShareStatusPending || aws.ToString(shares.WorkloadShareSummaries[0].SharedWith) != otherID ||
			shares.WorkloadShareSummaries[0].PermissionType != types.PermissionTypeReadonly {
			t.Errorf("ListWorkloadShares = %+v", shares.WorkloadShareSummaries)
		}

		// Pending: invisible, but invited.
		_, err = other.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
		wantNotFound(t, err)
		if got := listedIDs(t, other); len(got) != 1 || got[own] != otherID {
			t.Errorf("recipient lists %v before accepting, want only its own workload", got)
		}
		invs := pendingInvitations(t, other)
		if len(invs) != 1 || aws.ToString(invs[0].WorkloadId) != id || aws.ToString(invs[0].WorkloadName) != "Shared Shop" ||
			aws.ToString(invs[0].SharedBy) != ownerID || aws.ToString(invs[0].SharedWith) != otherID ||
			invs[0].PermissionType != types.PermissionTypeReadonly || invs[0].ShareResourceType != types.ShareResourceTypeWorkload {
			t.Fatalf("ListShareInvitations = %+v", invs)
		}
		if got := pendingInvitations(t, owner); len(got) != 0 {
			t.Errorf("the owner sees invitations %+v, want none", got)
		}
		answerInvitation(t, other, id, types.ShareInvitationActionAccept)
		if got := pendingInvitations(t, other); len(got) != 0 {
			t.Errorf("invitations after accepting = %+v, want none", got)
		}

		// READONLY: every read works, shows the owner, marks the share.
		if got := listedIDs(t, other); len(got) != 2 || got[id] != ownerID || got[own] != otherID {
			t.Errorf("recipient lists %v, want its own and the shared workload with their owners", got)
		}
		w, err := other.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(w.Workload.Owner) != ownerID || aws.ToString(w.Workload.ShareInvitationId) == "" {
			t.Errorf("shared workload shows Owner %q, ShareInvitationId %q", aws.ToString(w.Workload.Owner), aws.ToString(w.Workload.ShareInvitationId))
		}
		if mine, _ := owner.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id}); mine == nil || mine.Workload.ShareInvitationId != nil {
			t.Errorf("the owner's view of its workload carries a ShareInvitationId")
		}
		reads := map[string]func() error{
			"GetLensReview": func() error {
				_, err := other.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
				return err
			},
			"ListAnswers": func() error {
				_, err := other.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
				return err
			},
			"GetAnswer": func() error {
				out, err := other.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
				if err == nil && len(out.Answer.SelectedChoices) != 1 {
					t.Errorf("shared answer = %v, want the owner's choice", out.Answer.SelectedChoices)
				}
				return err
			},
			"ListLensReviews": func() error {
				_, err := other.ListLensReviews(ctx, &wellarchitected.ListLensReviewsInput{WorkloadId: &id})
				return err
			},
			"ListLensReviewImprovements": func() error {
				_, err := other.ListLensReviewImprovements(ctx, &wellarchitected.ListLensReviewImprovementsInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
				return err
			},
			"ListMilestones": func() error {
				_, err := other.ListMilestones(ctx, &wellarchitected.ListMilestonesInput{WorkloadId: &id})
				return err
			},
			"GetMilestone": func() error {
				_, err := other.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: &id, MilestoneNumber: aws.Int32(1)})
				return err
			},
		}
		for name, call := range reads {
			if err := call(); err != nil {
				t.Errorf("READONLY recipient %s: %v", name, err)
			}
		}
		ownerOnly := map[string]func() error{
			"UpdateWorkload": func() error {
				_, err := other.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: &id, Description: aws.String("taken over")})
				return err
			},
			"DeleteWorkload": func() error {
				_, err := other.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: &id})
				return err
			},
			"CreateMilestone": func() error {
				_, err := other.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Not mine")})
				return err
			},
			"TagResource": func() error {
				_, err := other.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: w.Workload.WorkloadArn, Tags: map[string]string{"x": "y"}})
				return err
			},
			"CreateWorkloadShare": func() error {
				_, err := other.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &id, SharedWith: aws.String("111122223333"), PermissionType: types.PermissionTypeReadonly})
				return err
			},
			"ListWorkloadShares": func() error {
				_, err := other.ListWorkloadShares(ctx, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id})
				return err
			},
			"AssociateLenses": func() error {
				_, err := other.AssociateLenses(ctx, &wellarchitected.AssociateLensesInput{WorkloadId: &id, LensAliases: []string{lensAlias}})
				return err
			},
		}
		for name, call := range ownerOnly {
			wantAPIError(t, call(), "AccessDeniedException", 403)
			_ = name
		}
		wantAPIError(t, setAnswer(other, id, "ops_priorities_ext_cust_needs"), "AccessDeniedException", 403)

		// CONTRIBUTOR: answers and lens notes, nothing else.
		up, err := owner.UpdateWorkloadShare(ctx, &wellarchitected.UpdateWorkloadShareInput{WorkloadId: &id, ShareId: &shareID, PermissionType: types.PermissionTypeContributor})
		if err != nil {
			t.Fatal(err)
		}
		if s := up.WorkloadShare; s.PermissionType != types.PermissionTypeContributor || s.Status != types.ShareStatusAccepted ||
			aws.ToString(s.SharedBy) != ownerID || aws.ToString(s.WorkloadName) != "Shared Shop" || aws.ToString(s.ShareId) != shareID {
			t.Errorf("UpdateWorkloadShare = %+v", *s)
		}
		if err := setAnswer(other, id, "ops_priorities_ext_cust_needs"); err != nil {
			t.Errorf("CONTRIBUTOR UpdateAnswer: %v", err)
		}
		if _, err := other.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), LensNotes: aws.String("reviewed by partner")}); err != nil {
			t.Errorf("CONTRIBUTOR UpdateLensReview: %v", err)
		}
		got, err := owner.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
		if err != nil || len(got.Answer.SelectedChoices) != 1 || got.Answer.SelectedChoices[0] != "ops_priorities_ext_cust_needs" {
			t.Errorf("owner reads the contributor's answer: %v %v", got, err)
		}
		for _, call := range ownerOnly {
			wantAPIError(t, call(), "AccessDeniedException", 403)
		}

		// Deleting the share removes access at once.
		if _, err := owner.DeleteWorkloadShare(ctx, &wellarchitected.DeleteWorkloadShareInput{WorkloadId: &id, ShareId: &shareID}); err != nil {
			t.Fatal(err)
		}
		_, err = other.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
		wantNotFound(t, err)
		wantNotFound(t, setAnswer(other, id, "ops_priorities_no"))
		if got := listedIDs(t, other); len(got) != 1 {
			t.Errorf("recipient lists %v after the share was deleted", got)
		}
		_, err = owner.DeleteWorkloadShare(ctx, &wellarchitected.DeleteWorkloadShareInput{WorkloadId: &id, ShareId: &shareID})
		wantNotFound(t, err)
	})
}
