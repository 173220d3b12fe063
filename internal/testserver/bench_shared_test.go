package testserver_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// BenchmarkGetLensReviewSharedSQLite is BenchmarkGetLensReviewSQLite for
// the recipient of an accepted READONLY share: what finding the share that
// grants access costs beside the owner's path.
func BenchmarkGetLensReviewSharedSQLite(b *testing.B) {
	srv, id := benchServer(b, testserver.Options{})
	ctx := context.Background()
	creds, err := srv.Service.CreateAccount(ctx, "recipient")
	if err != nil {
		b.Fatal(err)
	}
	rc := srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
	if _, err := srv.Client.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{
		WorkloadId: id, SharedWith: &creds.AccountID, PermissionType: types.PermissionTypeReadonly,
	}); err != nil {
		b.Fatal(err)
	}
	invs, err := rc.ListShareInvitations(ctx, &wellarchitected.ListShareInvitationsInput{})
	if err != nil || len(invs.ShareInvitationSummaries) != 1 {
		b.Fatalf("invitations: %v %v", invs, err)
	}
	if _, err := rc.UpdateShareInvitation(ctx, &wellarchitected.UpdateShareInvitationInput{
		ShareInvitationId: invs.ShareInvitationSummaries[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept,
	}); err != nil {
		b.Fatal(err)
	}
	runParallel(b, func(ctx context.Context) error {
		_, err := rc.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: id, LensAlias: aws.String("wellarchitected")})
		return err
	})
}
