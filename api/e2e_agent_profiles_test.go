package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/internal/testserver"
)

// agentProfileInput is a complete CreateAgentProfile input whose scope is
// account's us-east-1.
func agentProfileInput(name, account string) *wa.CreateAgentProfileInput {
	return &wa.CreateAgentProfileInput{
		Name: aws.String(name), DisplayName: aws.String("The " + name), Description: aws.String("What the shop runs"),
		BusinessOverview: aws.String("Sells things online"),
		Pillars:          []types.Pillar{types.PillarSecurity, types.PillarResilience},
		ExecutionRoleArn: aws.String("arn:aws:iam::" + account + ":role/agent"),
		AggregationConfiguration: []types.AggregationConfiguration{{AccountId: aws.String(account), Regions: []string{"us-east-1"},
			AccessRoleArn: aws.String("arn:aws:iam::" + account + ":role/read")}},
	}
}

func createAgentProfile(t *testing.T, c *wa.Client, in *wa.CreateAgentProfileInput) *wa.CreateAgentProfileOutput {
	t.Helper()
	out, err := c.CreateAgentProfile(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateAgentProfile(%s): %v", aws.ToString(in.Name), err)
	}
	return out
}

func getAgentProfile(t *testing.T, c *wa.Client, arn *string) *wa.GetAgentProfileOutput {
	t.Helper()
	out, err := c.GetAgentProfile(context.Background(), &wa.GetAgentProfileInput{ProfileArn: arn})
	if err != nil {
		t.Fatalf("GetAgentProfile(%s): %v", aws.ToString(arn), err)
	}
	return out
}

// agentProfileOpts compare the profile outputs of different operations:
// they have the same members but for the result metadata.
var agentProfileOpts = cmp.Options{sdkOpts, cmpopts.IgnoreFields(wa.GetAgentProfileOutput{}, "ResultMetadata")}

// TestAgentProfiles drives an Agent profile's life through the SDK: create,
// get, update, list and delete, on both backends.
func TestAgentProfiles(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c, account := srv.Client, srv.Admin.AccountID
		createWorkload(t, c, workloadInput("Shop")) // us-east-1, in the scope
		start := time.Now().Add(-time.Second)
		in := agentProfileInput("shop", account)
		in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("shop")}, {Key: aws.String("cost-center"), Value: aws.String("42")}}
		created := createAgentProfile(t, c, in)

		arn := aws.ToString(created.Arn)
		if prefix := "arn:aws:wellarchitected:" + testserver.Region + ":" + account + ":agent-profile/"; !strings.HasPrefix(arn, prefix) || len(arn) != len(prefix)+32 {
			t.Errorf("the new profile's ARN is %s, want %s and 32 hex digits", arn, prefix)
		}
		want := &wa.GetAgentProfileOutput{
			Arn: created.Arn, Name: in.Name, DisplayName: in.DisplayName, Description: in.Description, BusinessOverview: in.BusinessOverview,
			Pillars: in.Pillars, ExecutionRoleArn: in.ExecutionRoleArn, AggregationConfiguration: in.AggregationConfiguration,
			DeletionProtection: aws.Bool(false), EligibleForArchitectureGeneration: aws.Bool(true), EligibleForScheduledGeneration: aws.Bool(false),
			Tags:      []types.Tag{in.Tags[1], in.Tags[0]}, // sorted by key
			CreatedBy: aws.String(srv.Admin.UserARN), LastModifiedBy: aws.String(srv.Admin.UserARN),
			CreatedAt: created.CreatedAt, LastModifiedAt: created.CreatedAt,
		}
		if diff := cmp.Diff(want, (*wa.GetAgentProfileOutput)(created), agentProfileOpts); diff != "" {
			t.Errorf("CreateAgentProfile (-want +got):\n%s", diff)
		}
		if at := aws.ToTime(created.CreatedAt); at.Before(start) || at.After(time.Now().Add(time.Second)) {
			t.Errorf("createdAt = %v, want about now", at)
		}
		if diff := cmp.Diff(want, getAgentProfile(t, c, created.Arn), agentProfileOpts); diff != "" {
			t.Errorf("GetAgentProfile (-want +got):\n%s", diff)
		}

		// An update changes what it gives and nothing else.
		updated, err := c.UpdateAgentProfile(ctx, &wa.UpdateAgentProfileInput{ProfileArn: created.Arn, Description: aws.String(""),
			Pillars: []types.Pillar{types.PillarCostOptimization, types.PillarCostOptimization}, DeletionProtection: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		want.Description, want.Pillars, want.DeletionProtection = nil, []types.Pillar{types.PillarCostOptimization}, aws.Bool(true)
		want.LastModifiedAt = updated.LastModifiedAt
		if diff := cmp.Diff(want, (*wa.GetAgentProfileOutput)(updated), agentProfileOpts); diff != "" {
			t.Errorf("UpdateAgentProfile (-want +got):\n%s", diff)
		}
		if aws.ToTime(updated.LastModifiedAt).Before(aws.ToTime(created.CreatedAt)) {
			t.Errorf("lastModifiedAt %v is before createdAt %v", updated.LastModifiedAt, created.CreatedAt)
		}
		if diff := cmp.Diff(want, getAgentProfile(t, c, created.Arn), agentProfileOpts); diff != "" {
			t.Errorf("GetAgentProfile after the update (-want +got):\n%s", diff)
		}

		list, err := c.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Items) != 1 || list.NextToken != nil {
			t.Fatalf("ListAgentProfiles = %d items, next %v; want the one", len(list.Items), list.NextToken)
		}
		item := list.Items[0]
		got := &wa.GetAgentProfileOutput{Arn: item.Arn, Name: item.Name, DisplayName: item.DisplayName, Description: item.Description,
			BusinessOverview: item.BusinessOverview, Pillars: item.Pillars, ExecutionRoleArn: item.ExecutionRoleArn,
			AggregationConfiguration: item.AggregationConfiguration, DeletionProtection: item.DeletionProtection,
			EligibleForArchitectureGeneration: item.EligibleForArchitectureGeneration, EligibleForScheduledGeneration: item.EligibleForScheduledGeneration,
			FieldErrors: item.FieldErrors, Tags: item.Tags, CreatedAt: item.CreatedAt, CreatedBy: item.CreatedBy,
			LastModifiedAt: item.LastModifiedAt, LastModifiedBy: item.LastModifiedBy}
		if diff := cmp.Diff(want, got, agentProfileOpts); diff != "" {
			t.Errorf("ListAgentProfiles' item (-want +got):\n%s", diff)
		}

		// Deletion protection: refused with a ConflictException until it is
		// turned off.
		_, err = c.DeleteAgentProfile(ctx, &wa.DeleteAgentProfileInput{ProfileArn: created.Arn})
		wantConflict(t, err)
		if err != nil && !strings.Contains(err.Error(), "deletion protection") {
			t.Errorf("the refusal does not say why: %v", err)
		}
		getAgentProfile(t, c, created.Arn)
		if _, err := c.UpdateAgentProfile(ctx, &wa.UpdateAgentProfileInput{ProfileArn: created.Arn, DeletionProtection: aws.Bool(false)}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DeleteAgentProfile(ctx, &wa.DeleteAgentProfileInput{ProfileArn: created.Arn}); err != nil {
			t.Fatalf("DeleteAgentProfile: %v", err)
		}
		_, err = c.GetAgentProfile(ctx, &wa.GetAgentProfileInput{ProfileArn: created.Arn})
		wantNotFound(t, err)
		_, err = c.DeleteAgentProfile(ctx, &wa.DeleteAgentProfileInput{ProfileArn: created.Arn})
		wantNotFound(t, err)
		if list, err := c.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{}); err != nil || len(list.Items) != 0 {
			t.Errorf("ListAgentProfiles after the delete = %v, %v; want none", list, err)
		}
		// Its name is free again.
		createAgentProfile(t, c, agentProfileInput("shop", account))
	})
}
