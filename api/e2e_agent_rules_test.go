package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestAgentIdempotency: a create retried with its clientToken returns what
// the first made, once; an update retried changes nothing more; a token
// reused with other parameters is refused, with the error each operation's
// model declares.
func TestAgentIdempotency(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c, account := srv.Client, srv.Admin.AccountID
		in := agentProfileInput("retried", account)
		in.ClientToken = aws.String("create-1")
		first := createAgentProfile(t, c, in)
		again := createAgentProfile(t, c, in)
		if aws.ToString(again.Arn) != aws.ToString(first.Arn) {
			t.Errorf("the retry created %s, the first call %s", aws.ToString(again.Arn), aws.ToString(first.Arn))
		}
		in.DisplayName = aws.String("Another display name")
		_, err := c.CreateAgentProfile(ctx, in)
		wantConflict(t, err)
		// The same name with another token is another profile: refused.
		_, err = c.CreateAgentProfile(ctx, agentProfileInput("RETRIED ", account))
		wantConflict(t, err)
		if list, err := c.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{}); err != nil || len(list.Items) != 1 {
			t.Fatalf("ListAgentProfiles = %v, %v; want the one profile", list, err)
		}

		// An update retried after another change does not undo it.
		set := &wa.UpdateAgentProfileInput{ProfileArn: first.Arn, Description: aws.String("first"), ClientToken: aws.String("update-1")}
		if _, err := c.UpdateAgentProfile(ctx, set); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UpdateAgentProfile(ctx, &wa.UpdateAgentProfileInput{ProfileArn: first.Arn, Description: aws.String("second")}); err != nil {
			t.Fatal(err)
		}
		retried, err := c.UpdateAgentProfile(ctx, set)
		if err != nil {
			t.Fatal(err)
		}
		if got := aws.ToString(retried.Description); got != "second" {
			t.Errorf("the retried update left description %q, want the later %q", got, "second")
		}
		_, err = c.UpdateAgentProfile(ctx, &wa.UpdateAgentProfileInput{ProfileArn: first.Arn, Description: aws.String("other"), ClientToken: aws.String("update-1")})
		wantValidation(t, err, "clientToken")

		// Goals and contexts alike.
		goal := &wa.CreateAgentGoalInput{ProfileArn: first.Arn, Title: aws.String("Cut cost"), Pillars: []types.Pillar{types.PillarCostOptimization},
			ClientToken: aws.String("goal-1")}
		g1, err := c.CreateAgentGoal(ctx, goal)
		if err != nil {
			t.Fatal(err)
		}
		g2, err := c.CreateAgentGoal(ctx, goal)
		if err != nil || aws.ToString(g2.Goal.Id) != aws.ToString(g1.Goal.Id) {
			t.Errorf("the retried CreateAgentGoal = %v, %v; want goal %s", g2, err, aws.ToString(g1.Goal.Id))
		}
		goal.Title = aws.String("Cut more cost")
		_, err = c.CreateAgentGoal(ctx, goal)
		wantConflict(t, err)
		_, err = c.UpdateAgentGoal(ctx, &wa.UpdateAgentGoalInput{ProfileArn: first.Arn, Id: g1.Goal.Id, Title: aws.String("a"), ClientToken: aws.String("goal-u")})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.UpdateAgentGoal(ctx, &wa.UpdateAgentGoalInput{ProfileArn: first.Arn, Id: g1.Goal.Id, Title: aws.String("b"), ClientToken: aws.String("goal-u")})
		wantValidation(t, err, "clientToken")

		context := &wa.CreateAgentContextInput{ProfileArn: first.Arn, Title: aws.String("Shop"), ContextType: types.ContextTypeApplication,
			Content: &types.ContextContent{Industry: aws.String("Retail")}, ClientToken: aws.String("context-1")}
		c1, err := c.CreateAgentContext(ctx, context)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := c.CreateAgentContext(ctx, context)
		if err != nil || aws.ToString(c2.Context.Id) != aws.ToString(c1.Context.Id) {
			t.Errorf("the retried CreateAgentContext = %v, %v; want context %s", c2, err, aws.ToString(c1.Context.Id))
		}
		goals, err := c.ListAgentGoals(ctx, &wa.ListAgentGoalsInput{ProfileArn: first.Arn})
		if err != nil || len(goals.Items) != 1 {
			t.Errorf("ListAgentGoals = %v, %v; want one goal", goals, err)
		}
		contexts, err := c.ListAgentContexts(ctx, &wa.ListAgentContextsInput{ProfileArn: first.Arn})
		if err != nil || len(contexts.Items) != 1 {
			t.Errorf("ListAgentContexts = %v, %v; want one context", contexts, err)
		}
	})
}

// TestAgentPagination pages through profiles (by name), goals and contexts
// (in the order they were created) with the SDK's paginators.
func TestAgentPagination(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c, account := srv.Client, srv.Admin.AccountID
		var arn *string
		for _, name := range []string{"p-c", "p-a", "P-E", "p-b", "p-d"} {
			arn = createAgentProfile(t, c, agentProfileInput(name, account)).Arn
		}
		var names []string
		pages := 0
		for p := wa.NewListAgentProfilesPaginator(c, &wa.ListAgentProfilesInput{MaxResults: aws.Int32(2)}); p.HasMorePages(); pages++ {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range out.Items {
				names = append(names, aws.ToString(it.Name))
			}
		}
		if diff := cmp.Diff([]string{"p-a", "p-b", "p-c", "p-d", "P-E"}, names); diff != "" || pages != 3 {
			t.Errorf("ListAgentProfiles by 2 in %d pages (-want +got):\n%s", pages, diff)
		}

		var want []string
		for i := range 5 {
			title := fmt.Sprintf("Goal %d", i)
			want = append(want, title)
			if _, err := c.CreateAgentGoal(ctx, &wa.CreateAgentGoalInput{ProfileArn: arn, Title: &title, Pillars: []types.Pillar{types.PillarSecurity}}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateAgentContext(ctx, &wa.CreateAgentContextInput{ProfileArn: arn, Title: &title, ContextType: types.ContextTypeApplication,
				Content: &types.ContextContent{}}); err != nil {
				t.Fatal(err)
			}
		}
		var goals, contexts []string
		for p := wa.NewListAgentGoalsPaginator(c, &wa.ListAgentGoalsInput{ProfileArn: arn, MaxResults: aws.Int32(2)}); p.HasMorePages(); {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range out.Items {
				goals = append(goals, aws.ToString(it.Title))
			}
		}
		for p := wa.NewListAgentContextsPaginator(c, &wa.ListAgentContextsInput{ProfileArn: arn, MaxResults: aws.Int32(3)}); p.HasMorePages(); {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range out.Items {
				contexts = append(contexts, aws.ToString(it.Title))
			}
		}
		if diff := cmp.Diff(want, goals); diff != "" {
			t.Errorf("ListAgentGoals by 2 (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, contexts); diff != "" {
			t.Errorf("ListAgentContexts by 3 (-want +got):\n%s", diff)
		}
		_, err := c.ListAgentProfiles(ctx, &wa.ListAgentProfilesInput{NextToken: aws.String("not a token")})
		wantValidation(t, err, "NextToken")
	})
}
