package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestOrganizationShares: sharing with an organization or OU needs its
// management account to enable it, reaches every account in it without an
// invitation, and stops when sharing is disabled again.
func TestOrganizationShares(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		ownerID := srv.Admin.AccountID
		org, err := srv.Service.CreateOrganization(ctx, "Acme", ownerID)
		if err != nil {
			t.Fatal(err)
		}
		ou, err := srv.Service.CreateOU(ctx, org.ID, "Retail")
		if err != nil {
			t.Fatal(err)
		}
		memberID, member := newAccount(t, srv, "member")
		inOUID, inOU := newAccount(t, srv, "in-ou")
		_, outsider := newAccount(t, srv, "outsider")
		if err := srv.Service.AddAccountToOrganization(ctx, memberID, org.ID, ""); err != nil {
			t.Fatal(err)
		}
		if err := srv.Service.AddAccountToOrganization(ctx, inOUID, org.ID, ou.ID); err != nil {
			t.Fatal(err)
		}
		w1 := createWorkload(t, owner, workloadInput("Org Wide"))
		w2 := createWorkload(t, owner, workloadInput("Retail Only"))

		// Not enabled yet.
		_, err = owner.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &w1, SharedWith: &org.ID, PermissionType: types.PermissionTypeReadonly})
		wantValidation(t, err, "SharedWith")
		setSharing := func(s types.OrganizationSharingStatus) {
			t.Helper()
			if _, err := owner.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{OrganizationSharingStatus: s}); err != nil {
				t.Fatalf("UpdateGlobalSettings(%s): %v", s, err)
			}
		}
		setSharing(types.OrganizationSharingStatusEnabled)
		// An organization the owner is not in.
		_, err = owner.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &w1, SharedWith: aws.String("o-zzzzzzzzzz"), PermissionType: types.PermissionTypeReadonly})
		wantValidation(t, err, "SharedWith")

		shareWorkload(t, owner, w1, org.ID, types.PermissionTypeReadonly)
		shareWorkload(t, owner, w2, ou.ARN, types.PermissionTypeContributor)
		st, err := owner.ListWorkloadShares(ctx, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &w2})
		if err != nil || len(st.WorkloadShareSummaries) != 1 || st.WorkloadShareSummaries[0].Status != types.ShareStatusAssociated ||
			aws.ToString(st.WorkloadShareSummaries[0].SharedWith) != ou.ARN {
			t.Errorf("ListWorkloadShares of an OU share = %+v, %v", st, err)
		}

		// No invitations: access at once.
		for name, c := range map[string]*wellarchitected.Client{"member": member, "in-ou": inOU} {
			if got := pendingInvitations(t, c); len(got) != 0 {
				t.Errorf("%s has invitations %+v for organization shares", name, got)
			}
		}
		if got := listedIDs(t, member); len(got) != 1 || got[w1] != ownerID {
			t.Errorf("member lists %v, want only the organization-wide workload", got)
		}
		if got := listedIDs(t, inOU); len(got) != 2 || got[w1] != ownerID || got[w2] != ownerID {
			t.Errorf("OU member lists %v, want both shared workloads", got)
		}
		if got := listedIDs(t, outsider); len(got) != 0 {
			t.Errorf("an account outside the organization lists %v", got)
		}
		_, err = outsider.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &w1})
		wantNotFound(t, err)
		_, err = member.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &w2})
		wantNotFound(t, err)
		wantAPIError(t, setAnswer(member, w1, "ops_priorities_no"), "AccessDeniedException", 403)
		if err := setAnswer(inOU, w2, "ops_priorities_no"); err != nil {
			t.Errorf("CONTRIBUTOR through the OU answers: %v", err)
		}

		// A member sees the organization's setting but cannot change it.
		gs, err := member.GetGlobalSettings(ctx, &wellarchitected.GetGlobalSettingsInput{})
		if err != nil || gs.OrganizationSharingStatus != types.OrganizationSharingStatusEnabled {
			t.Errorf("member's GetGlobalSettings = %+v, %v", gs, err)
		}
		_, err = member.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{OrganizationSharingStatus: types.OrganizationSharingStatusDisabled})
		wantValidation(t, err, "OrganizationSharingStatus")

		// Disabled again: the organization's shares grant nothing.
		setSharing(types.OrganizationSharingStatusDisabled)
		_, err = member.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &w1})
		wantNotFound(t, err)
		if got := listedIDs(t, inOU); len(got) != 0 {
			t.Errorf("with sharing disabled the OU member lists %v", got)
		}
		// Leaving the organization ends access too.
		setSharing(types.OrganizationSharingStatusEnabled)
		if _, err := inOU.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &w2}); err != nil {
			t.Errorf("re-enabled sharing: %v", err)
		}
		if _, err := srv.Service.RemoveAccountFromOrganization(ctx, inOUID); err != nil {
			t.Fatal(err)
		}
		_, err = inOU.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &w2})
		wantNotFound(t, err)
	})
}
