package testserver_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// TestReplicasShareOneSetOfShares: a share made through one replica is
// accepted through the other and grants access on both; deleting it ends
// access on both at once; concurrent shares through both replicas keep the
// quota of 20 per workload.
func TestReplicasShareOneSetOfShares(t *testing.T) {
	url := testserver.PostgresDatabase(t)
	a := testserver.Start(t, testserver.Options{DatabaseURL: url})
	b := testserver.Start(t, testserver.Options{DatabaseURL: url})
	ctx := context.Background()
	ownerA := a.Client
	ownerB := b.NewClient(a.Admin.AccessKeyID, a.Admin.SecretAccessKey)
	creds, err := b.Service.CreateAccount(ctx, "recipient")
	if err != nil {
		t.Fatal(err)
	}
	recA := a.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
	recB := b.NewClient(creds.AccessKeyID, creds.SecretAccessKey)

	w, err := ownerA.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Shared Across Replicas"), Description: aws.String("served by two replicas"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"eu-west-1"},
		ReviewOwner: aws.String("ops"), Lenses: []string{"wellarchitected"},
	})
	if err != nil {
		t.Fatal(err)
	}
	share, err := ownerA.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{
		WorkloadId: w.WorkloadId, SharedWith: &creds.AccountID, PermissionType: types.PermissionTypeContributor,
	})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := recB.ListShareInvitations(ctx, &wellarchitected.ListShareInvitationsInput{})
	if err != nil || len(invs.ShareInvitationSummaries) != 1 {
		t.Fatalf("replica b's invitations = %+v, %v", invs, err)
	}
	if _, err := recB.UpdateShareInvitation(ctx, &wellarchitected.UpdateShareInvitationInput{
		ShareInvitationId: invs.ShareInvitationSummaries[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept,
	}); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*wellarchitected.Client{"a": recA, "b": recB} {
		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
			WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("priorities"),
			SelectedChoices: []string{"ops_priorities_no"},
		}); err != nil {
			t.Errorf("the recipient answers through replica %s: %v", name, err)
		}
	}
	if _, err := ownerB.DeleteWorkloadShare(ctx, &wellarchitected.DeleteWorkloadShareInput{WorkloadId: w.WorkloadId, ShareId: share.ShareId}); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*wellarchitected.Client{"a": recA, "b": recB} {
		var nf *types.ResourceNotFoundException
		if _, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: w.WorkloadId}); !errors.As(err, &nf) {
			t.Errorf("replica %s after the share was deleted: %v, want ResourceNotFoundException", name, err)
		}
	}

	// 30 concurrent shares through both replicas: exactly 20 succeed.
	const tries = 30
	var (
		wg            sync.WaitGroup
		mu            sync.Mutex
		okN, quotaN   int
		unexpectedErr []error
	)
	for i := 0; i < tries; i++ {
		c := ownerA
		if i%2 == 1 {
			c = ownerB
		}
		wg.Add(1)
		go func(i int, c *wellarchitected.Client) {
			defer wg.Done()
			_, err := c.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{
				WorkloadId: w.WorkloadId, SharedWith: aws.String(fmt.Sprintf("4000000000%02d", i)), PermissionType: types.PermissionTypeReadonly,
			})
			var q *types.ServiceQuotaExceededException
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				okN++
			case errors.As(err, &q):
				quotaN++
			default:
				unexpectedErr = append(unexpectedErr, err)
			}
		}(i, c)
	}
	wg.Wait()
	if okN != service.MaxSharesPerWorkload || quotaN != tries-service.MaxSharesPerWorkload || len(unexpectedErr) > 0 {
		t.Errorf("concurrent shares: %d created, %d over quota, errors %v; want %d and %d",
			okN, quotaN, unexpectedErr, service.MaxSharesPerWorkload, tries-service.MaxSharesPerWorkload)
	}
}
