package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// TestWorkloadNameUniqueness: names that differ only in case and spaces
// are the same name, on create and on rename.
func TestWorkloadNameUniqueness(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		createWorkload(t, c, workloadInput("Retail Site"))
		for _, name := range []string{"Retail Site", "retail  site", "RETAILSITE", " Retail Site ", "r e t a i l s i t e"} {
			t.Run(name, func(t *testing.T) {
				_, err := c.CreateWorkload(ctx, workloadInput(name))
				wantConflict(t, err)
			})
		}
		other := createWorkload(t, c, workloadInput("Other Site"))
		_, err := c.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(other), WorkloadName: aws.String("retail site")})
		wantConflict(t, err)
		got, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(other)})
		if err != nil {
			t.Fatal(err)
		}
		if n := aws.ToString(got.Workload.WorkloadName); n != "Other Site" {
			t.Errorf("a rejected rename changed the name to %q", n)
		}
		// Renaming a workload to a spelling of its own name is no conflict.
		if _, err := c.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(other), WorkloadName: aws.String("OTHER  site")}); err != nil {
			t.Errorf("renaming %q to %q: %v", "Other Site", "OTHER  site", err)
		}
		list, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(list.WorkloadSummaries); n != 2 {
			t.Errorf("ListWorkloads lists %d workloads, want 2", n)
		}
	})
}

// TestCreateWorkloadIdempotency: a retry with the same ClientRequestToken
// returns the first result; the token with other parameters is a conflict.
func TestCreateWorkloadIdempotency(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		in := workloadInput("Idempotent")
		in.ClientRequestToken = aws.String("create-token-1")
		first, err := c.CreateWorkload(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		retry, err := c.CreateWorkload(ctx, in)
		if err != nil {
			t.Fatalf("retried CreateWorkload: %v", err)
		}
		if diff := cmp.Diff(first, retry, sdkOpts, cmpopts.IgnoreFields(wellarchitected.CreateWorkloadOutput{}, "ResultMetadata")); diff != "" {
			t.Errorf("retried CreateWorkload (-first +retry):\n%s", diff)
		}
		changed := workloadInput("Idempotent")
		changed.ClientRequestToken = in.ClientRequestToken
		changed.Description = aws.String("another description")
		_, err = c.CreateWorkload(ctx, changed)
		wantConflict(t, err)

		list, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(list.WorkloadSummaries); n != 1 {
			t.Errorf("after a retried create, ListWorkloads lists %d workloads, want 1", n)
		}

		// CreateMilestone likewise.
		ms := &wellarchitected.CreateMilestoneInput{WorkloadId: first.WorkloadId, MilestoneName: aws.String("First"), ClientRequestToken: aws.String("ms-token-1")}
		m1, err := c.CreateMilestone(ctx, ms)
		if err != nil {
			t.Fatal(err)
		}
		m1again, err := c.CreateMilestone(ctx, ms)
		if err != nil {
			t.Fatalf("retried CreateMilestone: %v", err)
		}
		if a, b := aws.ToInt32(m1.MilestoneNumber), aws.ToInt32(m1again.MilestoneNumber); a != 1 || b != 1 {
			t.Errorf("CreateMilestone and its retry returned %d and %d, want 1 and 1", a, b)
		}
		_, err = c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: first.WorkloadId, MilestoneName: aws.String("Other"), ClientRequestToken: ms.ClientRequestToken})
		wantConflict(t, err)
		m2, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: first.WorkloadId, MilestoneName: aws.String("Second")})
		if err != nil {
			t.Fatal(err)
		}
		if n := aws.ToInt32(m2.MilestoneNumber); n != 2 {
			t.Errorf("the milestone after a retried one is number %d, want 2", n)
		}
	})
}

// TestWorkloadQuota: an account holds at most 1,000 workloads.
func TestWorkloadQuota(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		_, p, err := srv.Service.Authenticate(ctx, srv.Admin.AccessKeyID)
		if err != nil {
			t.Fatal(err)
		}
		pctx := wat.NewContextWithPrincipal(ctx, p)
		var last *wat.Workload
		for i := range service.MaxWorkloadsPerAccount - 1 {
			last, err = srv.Service.CreateWorkload(pctx, service.CreateWorkloadInput{
				Workload: wat.Workload{
					Name: fmt.Sprintf("quota %04d", i), Description: "fills the quota", Environment: wat.EnvironmentPreproduction,
					AWSRegions: []string{"us-east-1"}, ReviewOwner: "ops",
				},
				Lenses: []string{lensAlias},
			})
			if err != nil {
				t.Fatalf("service CreateWorkload %d: %v", i, err)
			}
		}
		// The 1,000th through the API still fits; the 1,001st does not.
		createWorkload(t, srv.Client, workloadInput("quota last"))
		_, err = srv.Client.CreateWorkload(ctx, workloadInput("quota over"))
		wantQuota(t, err)
		if _, err := srv.Client.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(last.ID)}); err != nil {
			t.Fatal(err)
		}
		createWorkload(t, srv.Client, workloadInput("quota over"))
	})
}
