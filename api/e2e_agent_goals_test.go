package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestAgentGoals drives a goal's life under its profile: create, get,
// update, list, delete, and its end with the profile's.
func TestAgentGoals(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		profile := createAgentProfile(t, c, agentProfileInput("goals", srv.Admin.AccountID)).Arn
		created, err := c.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: profile, Title: aws.String("Halve the bill"),
			Description: aws.String("By the end of the year"), Pillars: []types.Pillar{types.PillarCostOptimization, types.PillarPerformance}})
		if err != nil {
			t.Fatal(err)
		}
		g := created.Goal
		if id := aws.ToString(g.Id); len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
			t.Errorf("the goal's id is %q, want 32 hex digits", id)
		}
		want := &types.GoalSummary{Id: g.Id, ProfileArn: profile, Title: aws.String("Halve the bill"), Description: aws.String("By the end of the year"),
			Pillars:   []types.Pillar{types.PillarCostOptimization, types.PillarPerformance},
			CreatedAt: g.CreatedAt, CreatedBy: aws.String(srv.Admin.UserARN), LastModifiedAt: g.CreatedAt, LastModifiedBy: aws.String(srv.Admin.UserARN)}
		if diff := cmp.Diff(want, g, sdkOpts); diff != "" {
			t.Errorf("CreateAgentGoal (-want +got):\n%s", diff)
		}
		got, err := c.GetAgentGoal(ctx, &wa.GetAgentGoalInput{ProfileArn: profile, Id: g.Id})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got.Goal, sdkOpts); diff != "" {
			t.Errorf("GetAgentGoal (-want +got):\n%s", diff)
		}

		updated, err := c.UpdateAgentGoal(ctx, &wa.UpdateAgentGoalInput{ProfileArn: profile, Id: g.Id, Title: aws.String("Cut the bill by a third")})
		if err != nil {
			t.Fatal(err)
		}
		want.Title, want.LastModifiedAt = aws.String("Cut the bill by a third"), updated.Goal.LastModifiedAt
		if diff := cmp.Diff(want, updated.Goal, sdkOpts); diff != "" {
			t.Errorf("UpdateAgentGoal (-want +got):\n%s", diff)
		}
		list, err := c.ListAgentGoals(ctx, &wa.ListAgentGoalsInput{ProfileArn: profile})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]types.GoalSummary{*want}, list.Items, sdkOpts); diff != "" || list.NextToken != nil {
			t.Errorf("ListAgentGoals (-want +got):\n%s", diff)
		}

		if _, err := c.DeleteAgentGoal(ctx, &wa.DeleteAgentGoalInput{ProfileArn: profile, Id: g.Id}); err != nil {
			t.Fatal(err)
		}
		_, err = c.GetAgentGoal(ctx, &wa.GetAgentGoalInput{ProfileArn: profile, Id: g.Id})
		wantNotFound(t, err)
		_, err = c.DeleteAgentGoal(ctx, &wa.DeleteAgentGoalInput{ProfileArn: profile, Id: g.Id})
		wantNotFound(t, err)
		_, err = c.UpdateAgentGoal(ctx, &wa.UpdateAgentGoalInput{ProfileArn: profile, Id: g.Id, Title: aws.String("gone")})
		wantNotFound(t, err)

		// Goals go with their profile.
		kept, err := c.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: profile, Title: aws.String("Stay up"), Pillars: []types.Pillar{types.PillarResilience}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.DeleteAgentProfile(ctx, &wa.DeleteAgentProfileInput{ProfileArn: profile}); err != nil {
			t.Fatal(err)
		}
		_, err = c.GetAgentGoal(ctx, &wa.GetAgentGoalInput{ProfileArn: profile, Id: kept.Goal.Id})
		wantNotFound(t, err)
		_, err = c.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: profile, Title: aws.String("Too late"), Pillars: []types.Pillar{types.PillarSecurity}})
		wantNotFound(t, err)
	})
}

// TestAgentContexts drives a context's life under its profile, with every
// part of its content kept as sent.
func TestAgentContexts(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		profile := createAgentProfile(t, c, agentProfileInput("contexts", srv.Admin.AccountID)).Arn
		content := &types.ContextContent{
			AccountIds: []string{"111122223333", "444455556666"}, Regions: []string{"us-east-1", "eu-west-1"},
			AwsServices: []string{"Amazon S3", "AWS Lambda"}, ResourceTypes: []string{"AWS::S3::Bucket"},
			ResourceTags:    []types.ContextResourceTag{{Key: aws.String("app"), Value: aws.String("shop")}, {Key: aws.String("tier"), Value: aws.String("")}},
			ApplicationType: types.ApplicationTypeSas, Criticality: types.CriticalityMissionCritical,
			ApplicationOverview: aws.String("An online shop"), ArchitectureOverview: aws.String("Serverless, one Region"),
			AdditionalContext: aws.String("Peaks at Christmas"), Industry: aws.String("Retail"),
		}
		created, err := c.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: profile, Title: aws.String("The shop"),
			ContextType: types.ContextTypeApplication, Content: content})
		if err != nil {
			t.Fatal(err)
		}
		x := created.Context
		want := &types.ContextSummary{Id: x.Id, ProfileArn: profile, Title: aws.String("The shop"), ContextType: types.ContextTypeApplication,
			Content: content, ApplicationType: types.ApplicationTypeSas, Criticality: types.CriticalityMissionCritical,
			CreatedAt: x.CreatedAt, CreatedBy: aws.String(srv.Admin.UserARN), LastModifiedAt: x.CreatedAt, LastModifiedBy: aws.String(srv.Admin.UserARN)}
		opts := cmp.Options{sdkOpts, cmpopts.IgnoreUnexported(types.ContextContent{}, types.ContextResourceTag{})}
		if diff := cmp.Diff(want, x, opts); diff != "" {
			t.Errorf("CreateAgentContext (-want +got):\n%s", diff)
		}
		got, err := c.GetAgentContext(ctx, &wa.GetAgentContextInput{ProfileArn: profile, Id: x.Id})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got.Context, opts); diff != "" {
			t.Errorf("GetAgentContext (-want +got):\n%s", diff)
		}

		// A content given replaces the whole content; the title stays.
		newContent := &types.ContextContent{Criticality: types.CriticalityTestDevelopment, Regions: []string{"ap-south-1"}}
		updated, err := c.UpdateAgentContext(ctx, &wa.UpdateAgentContextInput{ProfileArn: profile, Id: x.Id, Content: newContent})
		if err != nil {
			t.Fatal(err)
		}
		want.Content, want.ApplicationType, want.Criticality, want.LastModifiedAt = newContent, "", types.CriticalityTestDevelopment, updated.Context.LastModifiedAt
		if diff := cmp.Diff(want, updated.Context, opts); diff != "" {
			t.Errorf("UpdateAgentContext (-want +got):\n%s", diff)
		}
		list, err := c.ListAgentContexts(ctx, &wa.ListAgentContextsInput{ProfileArn: profile})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]types.ContextSummary{*want}, list.Items, opts); diff != "" {
			t.Errorf("ListAgentContexts (-want +got):\n%s", diff)
		}

		if _, err := c.DeleteAgentContext(ctx, &wa.DeleteAgentContextInput{ProfileArn: profile, Id: x.Id}); err != nil {
			t.Fatal(err)
		}
		_, err = c.GetAgentContext(ctx, &wa.GetAgentContextInput{ProfileArn: profile, Id: x.Id})
		wantNotFound(t, err)
		_, err = c.DeleteAgentContext(ctx, &wa.DeleteAgentContextInput{ProfileArn: profile, Id: x.Id})
		wantNotFound(t, err)
	})
}
