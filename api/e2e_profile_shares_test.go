package api_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestProfileShares: a profile shared with another account can, once the
// invitation is accepted, be read and associated with its workloads, which
// then prioritise by it; the recipient cannot change or share it; deleting
// the share stops new associations.
func TestProfileShares(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		d := readTemplate(t)
		sel := d.baseAnswers()
		arn := createProfile(t, owner, "Shared context", sel)
		rid, rc := newAccount(t, srv, "profile-user")

		out, err := owner.CreateProfileShare(ctx, &wa.CreateProfileShareInput{ProfileArn: &arn, SharedWith: &rid})
		if err != nil {
			t.Fatal(err)
		}
		_, err = owner.CreateProfileShare(ctx, &wa.CreateProfileShareInput{ProfileArn: &arn, SharedWith: &rid})
		wantConflict(t, err)
		shares, err := owner.ListProfileShares(ctx, &wa.ListProfileSharesInput{ProfileArn: &arn})
		if err != nil || len(shares.ProfileShareSummaries) != 1 || shares.ProfileShareSummaries[0].Status != types.ShareStatusPending ||
			aws.ToString(shares.ProfileShareSummaries[0].ShareId) != aws.ToString(out.ShareId) {
			t.Errorf("ListProfileShares = %+v, %v", shares, err)
		}

		// Pending: not visible yet.
		_, err = rc.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn})
		wantNotFound(t, err)
		invs, err := rc.ListShareInvitations(ctx, &wa.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeProfile})
		if err != nil || len(invs.ShareInvitationSummaries) != 1 || aws.ToString(invs.ShareInvitationSummaries[0].ProfileArn) != arn ||
			aws.ToString(invs.ShareInvitationSummaries[0].ProfileName) != "Shared context" {
			t.Fatalf("profile invitations = %+v, %v", invs, err)
		}
		up, err := rc.UpdateShareInvitation(ctx, &wa.UpdateShareInvitationInput{ShareInvitationId: invs.ShareInvitationSummaries[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept})
		if err != nil || aws.ToString(up.ShareInvitation.ProfileArn) != arn || up.ShareInvitation.ShareResourceType != types.ShareResourceTypeProfile {
			t.Fatalf("accepting = %+v, %v", up, err)
		}

		got, err := rc.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn})
		if err != nil || aws.ToString(got.Profile.Owner) != srv.Admin.AccountID || aws.ToString(got.Profile.ShareInvitationId) == "" {
			t.Errorf("recipient's GetProfile = %+v, %v", got, err)
		}
		list, err := rc.ListProfiles(ctx, &wa.ListProfilesInput{ProfileOwnerType: types.ProfileOwnerTypeShared})
		if err != nil || len(list.ProfileSummaries) != 1 || aws.ToString(list.ProfileSummaries[0].ProfileArn) != arn {
			t.Errorf("recipient's shared profiles = %+v, %v", list, err)
		}
		mine, err := rc.ListProfiles(ctx, &wa.ListProfilesInput{})
		if err != nil || len(mine.ProfileSummaries) != 0 {
			t.Errorf("recipient's own profiles = %+v, %v", mine, err)
		}

		id := createWorkload(t, rc, workloadInput("Uses a shared profile"))
		if _, err := rc.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id, ProfileArns: []string{arn}}); err != nil {
			t.Fatalf("associating a shared profile: %v", err)
		}
		if got, want := prioritizedQuestions(t, rc, id), d.prioritized(sel); !slices.Equal(got, want) {
			t.Errorf("prioritised by the shared profile: %v, want %v", got, want)
		}

		// Only the owner changes, shares or deletes it.
		_, err = rc.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: &arn, ProfileDescription: aws.String("Taken over")})
		wantAPIError(t, err, "AccessDeniedException", 403)
		_, err = rc.DeleteProfile(ctx, &wa.DeleteProfileInput{ProfileArn: &arn, ClientRequestToken: aws.String("x")})
		wantAPIError(t, err, "AccessDeniedException", 403)
		_, err = rc.CreateProfileShare(ctx, &wa.CreateProfileShareInput{ProfileArn: &arn, SharedWith: aws.String("123456789012")})
		wantAPIError(t, err, "AccessDeniedException", 403)
		_, err = rc.ListProfileShares(ctx, &wa.ListProfileSharesInput{ProfileArn: &arn})
		wantAPIError(t, err, "AccessDeniedException", 403)

		// Deleting the share: the workload keeps its profile, nobody can
		// associate it anew.
		if _, err := owner.DeleteProfileShare(ctx, &wa.DeleteProfileShareInput{ProfileArn: &arn, ShareId: out.ShareId}); err != nil {
			t.Fatal(err)
		}
		_, err = owner.DeleteProfileShare(ctx, &wa.DeleteProfileShareInput{ProfileArn: &arn, ShareId: out.ShareId})
		wantNotFound(t, err)
		_, err = rc.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: &arn})
		wantNotFound(t, err)
		id2 := createWorkload(t, rc, workloadInput("Too late for it"))
		_, err = rc.AssociateProfiles(ctx, &wa.AssociateProfilesInput{WorkloadId: &id2, ProfileArns: []string{arn}})
		wantValidation(t, err, "ProfileArns")
	})
}
